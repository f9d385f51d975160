package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.Regularizer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dlm.compiler.ModelFixture.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer rules against Keras: every expected number below is computed by hand in its
 * comment from Keras's own formula (layer documentation and {@code conv_utils}), never read
 * from the implementation. Shapes are sample shapes, without the batch axis.
 */
class LayerRulesTest {

    @Nested
    class Core {
        @Test
        void denseOnAVectorHasKernelAndBias() {
            // Keras Dense: kernel (in, units), bias (units,); 784*256 + 256 = 200_704 + 256 = 200_960
            model("[784]", "Dense(256)").layer(0)
                    .hasOutput(256).hasParams(200_960).hasTrainable(200_960).hasNonTrainable(0)
                    .hasWeightNames("kernel", "bias").hasWeight("kernel", 784, 256).hasWeight("bias", 256);
        }

        @Test
        void denseOnASequenceActsOnTheLastAxis() {
            // (None, 5, 7) -> Dense(4) -> (None, 5, 4); kernel (7, 4): 7*4 + 4 = 32, independent of the 5 steps
            model("[5, 7]", "Dense(4)").layer(0).hasOutput(5, 4).hasParams(32).hasWeight("kernel", 7, 4);
        }

        @Test
        void denseOnARank3SampleActsOnTheLastAxis() {
            // (None, 2, 3, 4) -> Dense(5) -> (None, 2, 3, 5); kernel (4, 5): 4*5 + 5 = 25
            model("[2, 3, 4]", "Dense(5)").layer(0).hasOutput(2, 3, 5).hasParams(25)
                    .hasWeight("kernel", 4, 5).hasWeight("bias", 5);
        }

        @Test
        void denseWithoutBiasHasOnlyAKernel() {
            // use_bias=False drops the bias: 784*256 = 200_704
            model("[784]", "Dense(256, use_bias=False)").layer(0)
                    .hasOutput(256).hasParams(200_704).hasWeightNames("kernel");
        }

        @Test
        void activationKeepsTheShapeAndHasNoWeights() {
            model("[3, 4]", "Activation('relu')").layer(0).hasOutput(3, 4).hasParams(0).hasWeightNames()
                    .hasConfig("activation", "relu");
        }

        @Test
        void dropoutKeepsTheShapeAndHasNoWeights() {
            model("[10]", "Dropout(0.5)").layer(0).hasOutput(10).hasParams(0).hasConfig("rate", 0.5);
        }

        @Test
        void dropoutRateMustBeBelowOne() {
            // Keras builds Dropout(1.0), but tf.nn.dropout rejects it when the model runs:
            // "rate must be a scalar tensor or a float in the range [0, 1)"
            model("[10]", "Dropout(1.0)").failsWith(Code.DLM0202);
        }

        @Test
        void flattenMultipliesAllAxes() {
            // 3*3*64 = 576
            model("[3, 3, 64]", "Flatten()").layer(0).hasOutput(576).hasParams(0);
        }

        @Test
        void flattenOfAVectorIsTheSameVector() {
            // Keras: Flatten on (None, 784) gives (None, 784)
            model("[784]", "Flatten()").layer(0).hasOutput(784);
        }

        @Test
        void reshapeInfersTheMinusOneAxis() {
            // 2*3*4 = 24 elements; (-1, 4) -> 24 / 4 = 6; (4, -1) -> 24 / 4 = 6
            model("[2, 3, 4]", "Reshape((-1, 4))").layer(0).hasOutput(6, 4).hasParams(0)
                    .hasConfig("target_shape", List.of(6L, 4L));
            model("[2, 3, 4]", "Reshape((4, -1))").layer(0).hasOutput(4, 6);
        }

        @Test
        void reshapeToAnExplicitShape() {
            // 784 = 28*28*1
            model("[784]", "Reshape((28, 28, 1))").layer(0).hasOutput(28, 28, 1);
        }

        @Test
        void reshapeMustKeepTheElementCount() {
            // 24 is not a multiple of 5; 24 != 5*5
            model("[2, 3, 4]", "Reshape((-1, 5))").failsWith(Code.DLM0305);
            model("[2, 3, 4]", "Reshape((5, 5))").failsWith(Code.DLM0305);
        }
    }

    @Nested
    class Convolution {
        @Test
        void conv2dValid() {
            // valid: 28 - 3 + 1 = 26; kernel (3, 3, 1, 64): 3*3*1*64 + 64 = 576 + 64 = 640
            model("[28, 28, 1]", "Conv2D(64, 3)").layer(0)
                    .hasOutput(26, 26, 64).hasParams(640)
                    .hasWeightNames("kernel", "bias").hasWeight("kernel", 3, 3, 1, 64).hasWeight("bias", 64)
                    .hasConfig("kernel_size", List.of(3L, 3L)).hasConfig("strides", List.of(1L, 1L))
                    .hasConfig("padding", "valid");
        }

        @Test
        void conv2dOverManyChannels() {
            // 3*3*64*64 + 64 = 36_864 + 64 = 36_928 (the book's second and third Conv2D)
            model("[13, 13, 64]", "Conv2D(64, 3)").layer(0).hasOutput(11, 11, 64).hasParams(36_928);
        }

        @Test
        void conv2dSameKeepsTheSize() {
            // same with stride 1: ceil(28 / 1) = 28; weights do not depend on padding: 640
            model("[28, 28, 1]", "Conv2D(64, 3, padding='same')").layer(0).hasOutput(28, 28, 64).hasParams(640);
        }

        @Test
        void conv2dStride2Valid() {
            // valid: floor((n - k) / s) + 1: n=28: floor(25/2)+1 = 13; n=27: floor(24/2)+1 = 13;
            // n=7: floor(4/2)+1 = 3; n=8: floor(5/2)+1 = 3
            model("[28, 28, 1]", "Conv2D(8, 3, strides=2)").layer(0).hasOutput(13, 13, 8);
            model("[27, 27, 1]", "Conv2D(8, 3, strides=2)").layer(0).hasOutput(13, 13, 8);
            model("[7, 8, 1]", "Conv2D(8, 3, strides=2)").layer(0).hasOutput(3, 3, 8);
        }

        @Test
        void conv2dStride2Same() {
            // same: ceil(n / s): 28 -> 14, 27 -> ceil(13.5) = 14, 7 -> ceil(3.5) = 4, 8 -> 4
            model("[28, 27, 1]", "Conv2D(8, 3, strides=2, padding='same')").layer(0).hasOutput(14, 14, 8);
            model("[7, 8, 3]", "Conv2D(2, 3, strides=2, padding='same')").layer(0)
                    .hasOutput(4, 4, 2).hasParams(3 * 3 * 3 * 2 + 2); // 54 + 2 = 56
        }

        @Test
        void conv2dDilation() {
            // dilation 2 widens a 3-kernel to (3-1)*2 + 1 = 5: 28 - 5 + 1 = 24; weights unchanged: 3*3*1*4 + 4 = 40
            model("[28, 28, 1]", "Conv2D(4, 3, dilation_rate=2)").layer(0)
                    .hasOutput(24, 24, 4).hasParams(40).hasConfig("dilation_rate", List.of(2L, 2L));
            // same padding ignores the dilation for the size: ceil(28 / 1) = 28
            model("[28, 28, 1]", "Conv2D(4, 3, dilation_rate=2, padding='same')").layer(0).hasOutput(28, 28, 4);
        }

        @Test
        void conv2dNonSquareKernelAndStrides() {
            // height: (28 - 3) / 1 + 1 = 26; width: floor((28 - 5) / 2) + 1 = 11 + 1 = 12
            // kernel (3, 5, 1, 4): 3*5*1*4 + 4 = 60 + 4 = 64
            model("[28, 28, 1]", "Conv2D(4, (3, 5), strides=(1, 2))").layer(0)
                    .hasOutput(26, 12, 4).hasParams(64).hasWeight("kernel", 3, 5, 1, 4);
        }

        @Test
        void conv2dWithoutBias() {
            // 3*3*3*16 = 432
            model("[8, 8, 3]", "Conv2D(16, 3, use_bias=False)").layer(0).hasParams(432).hasWeightNames("kernel");
        }

        @Test
        void conv2dNeedsChannels() {
            // Keras: Conv2D expects ndim=4 (batch, h, w, c); a [28, 28] sample is ndim=3
            Diagnostic d = model("[28, 28]", "Conv2D(4, 3)").failsWith(Code.DLM0301);
            assertTrue(d.help().contains("[28, 28, 1]"), d.help());
        }

        @Test
        void conv2dKernelLargerThanItsInput() {
            // valid: 2 - 3 + 1 = 0: Keras would compute a non-positive size
            model("[2, 2, 1]", "Conv2D(4, 3)").failsWith(Code.DLM0302);
        }

        @Test
        void conv2dRejectsStridesWithDilationOnTheSameAxis() {
            // tf.nn.convolution: "strides > 1 not supported in conjunction with dilation_rate > 1"
            model("[28, 28, 1]", "Conv2D(4, 3, strides=2, dilation_rate=2)").failsWith(Code.DLM0203);
        }

        @Test
        void conv2dRejectsStridesWithDilationOnDifferentAxes() {
            model("[8, 8, 3]", "Conv2D(2, 3, strides=(1, 2), dilation_rate=(2, 1))").failsWith(Code.DLM0203);
        }

        @Test
        void conv1d() {
            // (10 - 3) / 1 + 1 = 8; kernel (3, 3, 8): 3*3*8 + 8 = 72 + 8 = 80
            model("[10, 3]", "Conv1D(8, 3)").layer(0)
                    .hasOutput(8, 8).hasParams(80).hasWeight("kernel", 3, 3, 8).hasWeight("bias", 8).named("conv1d");
        }

        @Test
        void conv1dStridedSameAndValid() {
            // same: ceil(10 / 2) = 5; ceil(11 / 2) = 6; valid: floor((11 - 3) / 2) + 1 = 5
            model("[10, 3]", "Conv1D(8, 3, strides=2, padding='same')").layer(0).hasOutput(5, 8);
            model("[11, 3]", "Conv1D(8, 3, strides=2, padding='same')").layer(0).hasOutput(6, 8);
            model("[11, 3]", "Conv1D(8, 3, strides=2)").layer(0).hasOutput(5, 8);
        }
    }

    @Nested
    class Pooling {
        @Test
        void maxPooling2dDefaultsToPool2AndStridesEqualToThePool() {
            // pool 2, strides None -> 2: floor((26 - 2) / 2) + 1 = 13; floor((11 - 2) / 2) + 1 = 5
            model("[26, 26, 64]", "MaxPooling2D()").layer(0)
                    .hasOutput(13, 13, 64).hasParams(0).hasWeightNames()
                    .hasConfig("pool_size", List.of(2L, 2L)).hasConfig("strides", List.of(2L, 2L));
            model("[11, 11, 64]", "MaxPooling2D(2)").layer(0).hasOutput(5, 5, 64);
        }

        @Test
        void maxPooling2dExplicitStrides() {
            // pool 3, stride 1: 7 - 3 + 1 = 5
            model("[7, 7, 3]", "MaxPooling2D(3, strides=1)").layer(0).hasOutput(5, 5, 3)
                    .hasConfig("strides", List.of(1L, 1L));
        }

        @Test
        void maxPooling2dNonSquarePool() {
            // pool (1, 2), strides = pool: height (7 - 1) / 1 + 1 = 7; width floor((7 - 2) / 2) + 1 = 3
            model("[7, 7, 3]", "MaxPooling2D(pool_size=(1, 2))").layer(0).hasOutput(7, 3, 3)
                    .hasConfig("strides", List.of(1L, 2L));
        }

        @Test
        void maxPooling2dSame() {
            // same: ceil(7 / 2) = 4
            model("[7, 7, 3]", "MaxPooling2D(padding='same')").layer(0).hasOutput(4, 4, 3);
        }

        @Test
        void maxPooling2dLargerThanItsInput() {
            // valid: floor((1 - 2) / 2) + 1 = 0
            model("[1, 1, 3]", "MaxPooling2D()").failsWith(Code.DLM0302);
        }

        @Test
        void maxPooling1d() {
            // floor((10 - 2) / 2) + 1 = 5; floor((11 - 2) / 2) + 1 = 5; same: ceil(11 / 2) = 6
            model("[10, 3]", "MaxPooling1D()").layer(0).hasOutput(5, 3).named("max_pooling1d");
            model("[11, 3]", "MaxPooling1D()").layer(0).hasOutput(5, 3);
            model("[11, 3]", "MaxPooling1D(padding='same')").layer(0).hasOutput(6, 3);
        }

        @Test
        void averagePooling() {
            // 8 / 2 = 4; 1-D: floor((9 - 3) / 3) + 1 = 3
            model("[8, 8, 3]", "AveragePooling2D(2)").layer(0).hasOutput(4, 4, 3).hasParams(0).named("average_pooling2d");
            model("[9, 5]", "AveragePooling1D(3)").layer(0).hasOutput(3, 5).named("average_pooling1d");
        }

        @Test
        void globalPoolingKeepsTheChannels() {
            model("[8, 8, 3]", "GlobalMaxPooling2D()").layer(0).hasOutput(3).hasParams(0).named("global_max_pooling2d");
            model("[8, 8, 3]", "GlobalAveragePooling2D()").layer(0).hasOutput(3).named("global_average_pooling2d");
            model("[10, 6]", "GlobalAveragePooling1D()").layer(0).hasOutput(6).named("global_average_pooling1d");
        }

        @Test
        void globalPoolingKeepdimsKeepsUnitSpatialAxes() {
            // keepdims=True: (None, 1, 1, C) in 2-D, (None, 1, C) in 1-D
            model("[8, 8, 3]", "GlobalAveragePooling2D(keepdims=True)").layer(0).hasOutput(1, 1, 3);
            model("[8, 8, 3]", "GlobalMaxPooling2D(keepdims=True)").layer(0).hasOutput(1, 1, 3);
            model("[10, 6]", "GlobalMaxPooling1D(keepdims=True)").layer(0).hasOutput(1, 6);
        }
    }

    @Nested
    class Normalization {
        @Test
        void batchNormalizationSplitsTrainableAndMovingStatistics() {
            // 4 vectors of C=16: gamma, beta trained (2*16 = 32); moving mean and variance not (32)
            model("[8, 8, 16]", "BatchNormalization()").layer(0)
                    .hasOutput(8, 8, 16).hasParams(64).hasTrainable(32).hasNonTrainable(32)
                    .hasWeightNames("gamma", "beta", "moving_mean", "moving_variance")
                    .hasWeight("gamma", 16).hasWeight("moving_variance", 16)
                    .isTrainable("gamma", true).isTrainable("beta", true)
                    .isTrainable("moving_mean", false).isTrainable("moving_variance", false);
        }

        @Test
        void batchNormalizationOnAVector() {
            // C = 10: 4*10 = 40, trainable 2*10 = 20
            model("[10]", "BatchNormalization()").layer(0).hasParams(40).hasTrainable(20);
        }

        @Test
        void batchNormalizationWithoutCenterOrScale() {
            // center=False drops beta: 3*16 = 48, trainable 16 (gamma)
            model("[8, 8, 16]", "BatchNormalization(center=False)").layer(0)
                    .hasParams(48).hasTrainable(16).hasWeightNames("gamma", "moving_mean", "moving_variance");
            // scale=False drops gamma: 48, trainable 16 (beta)
            model("[8, 8, 16]", "BatchNormalization(scale=False)").layer(0)
                    .hasParams(48).hasTrainable(16).hasWeightNames("beta", "moving_mean", "moving_variance");
            // both: only the moving statistics, 2*16 = 32, none trainable
            model("[8, 8, 16]", "BatchNormalization(center=False, scale=False)").layer(0)
                    .hasParams(32).hasTrainable(0).hasWeightNames("moving_mean", "moving_variance");
        }

        @Test
        void embeddingMapsIdsToVectors() {
            // [T] -> [T, d]; embeddings (input_dim, output_dim): 1000*64 = 64_000
            model("[20]", "Embedding(1000, 64)").layer(0)
                    .hasOutput(20, 64).hasParams(64_000).hasWeightNames("embeddings").hasWeight("embeddings", 1000, 64)
                    .named("embedding");
        }

        @Test
        void embeddingInputLengthMustMatch() {
            model("[20]", "Embedding(1000, 64, input_length=20)").layer(0).hasOutput(20, 64);
            model("[20]", "Embedding(1000, 64, input_length=21)").failsWith(Code.DLM0304);
        }
    }

    @Nested
    class Recurrent {
        @Test
        void simpleRnnReturnsItsLastOutput() {
            // units*(features + units + 1) = 256*(28 + 256 + 1) = 256*285 = 72_960 (the book's SimpleRNN)
            model("[28, 28]", "SimpleRNN(256)").layer(0)
                    .hasOutput(256).hasParams(72_960)
                    .hasWeightNames("kernel", "recurrent_kernel", "bias")
                    .hasWeight("kernel", 28, 256).hasWeight("recurrent_kernel", 256, 256).hasWeight("bias", 256);
        }

        @Test
        void simpleRnnReturnSequences() {
            model("[28, 28]", "SimpleRNN(256, return_sequences=True)").layer(0).hasOutput(28, 256).hasParams(72_960);
        }

        @Test
        void recurrentWithoutBias() {
            // 3*8 + 8*8 = 24 + 64 = 88
            model("[5, 3]", "SimpleRNN(8, use_bias=False)").layer(0).hasParams(88).hasWeightNames("kernel", "recurrent_kernel");
        }

        @Test
        void lstmHasFourGates() {
            // 4*128*(28 + 128 + 1) = 512*157 = 80_384; kernel (28, 512), recurrent (128, 512), bias (512,)
            model("[28, 28]", "LSTM(128)").layer(0)
                    .hasOutput(128).hasParams(80_384)
                    .hasWeight("kernel", 28, 512).hasWeight("recurrent_kernel", 128, 512).hasWeight("bias", 512);
            model("[28, 28]", "LSTM(128, return_sequences=True)").layer(0).hasOutput(28, 128);
        }

        @Test
        void gruResetAfterKeepsTwoBiasVectors() {
            // TF2 default reset_after=True: bias (2, 3*units); 3*256*(28 + 256 + 2) = 768*286 = 219_648
            model("[28, 28]", "GRU(256)").layer(0)
                    .hasOutput(256).hasParams(219_648)
                    .hasWeight("kernel", 28, 768).hasWeight("recurrent_kernel", 256, 768).hasWeight("bias", 2, 768)
                    .hasConfig("reset_after", true);
        }

        @Test
        void gruResetBeforeKeepsOneBiasVector() {
            // reset_after=False: bias (3*units,); 3*256*(28 + 256 + 1) = 768*285 = 218_880
            model("[28, 28]", "GRU(256, reset_after=False)").layer(0).hasParams(218_880).hasWeight("bias", 768);
            // 3*8*(28 + 8 + 1) = 24*37 = 888, sequences kept
            model("[28, 28]", "GRU(8, reset_after=False, return_sequences=True)").layer(0).hasOutput(28, 8).hasParams(888);
        }

        @Test
        void stackedRnnsReadTheSequence() {
            // first: 128*(28 + 128 + 1) = 128*157 = 20_096 -> (28, 128)
            // second reads 128 features: 128*(128 + 128 + 1) = 128*257 = 32_896 -> (128,)
            // Dense 128*10 + 10 = 1_290; total 20_096 + 32_896 + 1_290 = 54_282 (models/variants/rnn-stacked.dlm)
            var m = model("[28, 28]", "SimpleRNN(128, return_sequences=True)", "SimpleRNN(128)", "Dense(10)");
            m.layer(0).hasOutput(28, 128).hasParams(20_096);
            m.layer(1).hasInput(28, 128).hasOutput(128).hasParams(32_896).named("simple_rnn_1");
            m.hasParams(54_282, 54_282, 0);
        }

        @Test
        void recurrentNeedsASequence() {
            model("[784]", "LSTM(8)").failsWith(Code.DLM0301);
            // the last output (rank 1) cannot feed another RNN
            model("[28, 28]", "LSTM(8)", "LSTM(8)").failsWith(Code.DLM0301);
        }

        @Test
        void bidirectionalConcatDoublesParamsAndWidth() {
            // LSTM(128) on 28 features: 80_384 per direction; 2*80_384 = 160_768; concat: 2*128 = 256
            model("[28, 28]", "Bidirectional(LSTM(128))").layer(0)
                    .hasOutput(256).hasParams(160_768).named("bidirectional")
                    .hasWeightNames("forward_kernel", "forward_recurrent_kernel", "forward_bias",
                            "backward_kernel", "backward_recurrent_kernel", "backward_bias")
                    .hasWeight("forward_kernel", 28, 512).hasWeight("backward_recurrent_kernel", 128, 512)
                    .hasConfig("merge_mode", "concat");
        }

        @Test
        void bidirectionalSumMulAveKeepTheWidth() {
            for (String mode : List.of("sum", "mul", "ave")) {
                model("[28, 28]", "Bidirectional(LSTM(128), merge_mode='" + mode + "')").layer(0)
                        .hasOutput(128).hasParams(160_768).hasConfig("merge_mode", mode);
            }
        }

        @Test
        void bidirectionalOfSequences() {
            // concat of (28, 16) and (28, 16) -> (28, 32); GRU 3*16*(4 + 16 + 2) = 48*22 = 1_056, doubled 2_112
            model("[28, 4]", "Bidirectional(GRU(16, return_sequences=True))").layer(0).hasOutput(28, 32).hasParams(2_112)
                    .hasWeight("forward_bias", 2, 48).hasWeight("backward_bias", 2, 48);
        }

        @Test
        void bidirectionalWrapsOnlyRecurrentLayers() {
            model("[28, 28]", "Bidirectional(Dense(4))").failsWith(Code.DLM0307);
        }

        @Test
        void rnnModelVariantsParams() {
            // LSTM(256) on 28: 4*256*(28 + 256 + 1) = 1024*285 = 291_840; + Dense 2_570 = 294_410
            model("[28, 28]", "LSTM(256)", "Dense(10)").hasParams(294_410, 294_410, 0);
            // Bidirectional(LSTM(128)) sum: 160_768 + Dense(128 -> 10) 1_290 = 162_058
            model("[28, 28]", "Bidirectional(LSTM(128), merge_mode='sum')", "Dense(10)").hasParams(162_058, 162_058, 0);
        }
    }

    @Nested
    class Trainability {
        @Test
        void trainableFalseFreezesEveryWeight() {
            // Dense(3) on 4: 4*3 + 3 = 15, all frozen
            model("[4]", "Dense(3, trainable=False)").layer(0)
                    .hasParams(15).hasTrainable(0).hasNonTrainable(15)
                    .isTrainable("kernel", false).isTrainable("bias", false);
        }

        @Test
        void frozenBatchNormalizationHasNoTrainableWeights() {
            // 4*3 = 12, none trainable
            model("[3]", "BatchNormalization(trainable=False)").layer(0).hasParams(12).hasTrainable(0);
        }

        @Test
        void frozenLayersCountInTheModelsSplit() {
            // Dense 4*8+8 = 40 frozen; Dense 8*2+2 = 18 trained; total 58, trainable 18, non-trainable 40
            model("[4]", "Dense(8, trainable=False)", "Dense(2)").hasParams(58, 18, 40);
        }

        @Test
        void aFrozenWrappedLayerFreezesBothDirections() {
            // SimpleRNN(4) on 3 features: 4*(3 + 4 + 1) = 32 per direction -> 64, none trainable
            model("[5, 3]", "Bidirectional(SimpleRNN(4, trainable=False))").layer(0).hasParams(64).hasTrainable(0);
        }

        @Test
        void frozenBidirectionalFreezesBothDirections() {
            // SimpleRNN(4) on 3 features: 4*(3 + 4 + 1) = 32 per direction -> 64, none trainable
            model("[5, 3]", "Bidirectional(SimpleRNN(4), trainable=False)").layer(0).hasParams(64).hasTrainable(0);
        }
    }

    @Nested
    class AutomaticNames {
        @Test
        void kerasNumbersRepeatedKinds() {
            model("[28, 28, 1]",
                    "Conv2D(8, 3)", "MaxPooling2D()", "Conv2D(8, 3)", "MaxPooling2D()", "BatchNormalization()",
                    "GlobalAveragePooling2D()", "Dense(16)", "Dense(10)", "Activation('softmax')", "Dropout(0.1)")
                    .hasLayerNames("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "batch_normalization",
                            "global_average_pooling2d", "dense", "dense_1", "activation", "dropout");
        }

        @Test
        void recurrentNames() {
            model("[28, 28]",
                    "SimpleRNN(8, return_sequences=True)", "LSTM(8, return_sequences=True)",
                    "GRU(8, return_sequences=True)", "Bidirectional(LSTM(4, return_sequences=True))", "LSTM(4)")
                    // Keras names the wrapped LSTM `lstm_1` when it is built, so the last LSTM is `lstm_2`
                    .hasLayerNames("simple_rnn", "lstm", "gru", "bidirectional", "lstm_2");
        }

        @Test
        void anExplicitNameReplacesTheAutomaticOneAndTakesNoNumber() {
            model("[4]", "Dense(3, name='x')", "Dense(2)", "Dense(1)").hasLayerNames("x", "dense", "dense_1");
        }

        @Test
        void otherKindsOwnNames() {
            model("[10, 3]", "Flatten()", "Reshape((10, 3))", "Flatten()").hasLayerNames("flatten", "reshape", "flatten_1");
            model("[20]", "Embedding(50, 4)", "Flatten()").hasLayerNames("embedding", "flatten");
        }
    }

    @Nested
    class Regularizers {
        @Test
        void regularizersAddNoParameters() {
            // still 784*256 + 256 = 200_960
            var layer = model("[784]", "Dense(256, kernel_regularizer=l2(0.001), bias_regularizer=l1(0.01))").layer(0)
                    .hasParams(200_960).hasTrainable(200_960);
            assertEquals(new Regularizer(0, 0.001), layer.weight("kernel").regularizer());
            assertEquals(new Regularizer(0.01, 0), layer.weight("bias").regularizer());
        }

        @Test
        void kerasDefaultFactors() {
            // Keras: L1(l1=0.01), L2(l2=0.01), L1L2(l1=0.0, l2=0.0)
            assertEquals(new Regularizer(0, 0.01),
                    model("[4]", "Dense(2, kernel_regularizer='l2')").layer(0).weight("kernel").regularizer());
            assertEquals(new Regularizer(0.01, 0),
                    model("[4]", "Dense(2, kernel_regularizer=l1())").layer(0).weight("kernel").regularizer());
            assertEquals(new Regularizer(0.001, 0.002),
                    model("[4]", "Dense(2, kernel_regularizer=l1_l2(l1=0.001, l2=0.002))").layer(0).weight("kernel").regularizer());
        }

        @Test
        void unregularizedWeightsHaveNone() {
            assertNull(model("[4]", "Dense(2)").layer(0).weight("kernel").regularizer());
        }

        @Test
        void regularizedConvAndRecurrentLayersKeepTheirCounts() {
            model("[28, 28, 1]", "Conv2D(64, 3, kernel_regularizer=l2(0.01))").layer(0).hasParams(640);
            model("[28, 28]", "SimpleRNN(256, recurrent_regularizer=l2(0.01))").layer(0).hasParams(72_960);
        }
    }
}
