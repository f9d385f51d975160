package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerKind;
import org.junit.jupiter.api.Test;

import static dev.dlm.compiler.ModelFixture.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layers added to prove the one-rule-per-layer seam (LeakyReLU, LayerNormalization,
 * UpSampling2D) against Keras 3's documented signatures, defaults and shapes. Each expected
 * number is computed by hand in its comment.
 */
class NewLayersTest {

    @Test
    void leakyReluKeepsTheShapeWithKerasThreesDefaultSlope() {
        // keras.layers.LeakyReLU(negative_slope=0.3): no weights, same shape
        model("[5, 7]", "LeakyReLU()").layer(0).hasKind("LeakyReLU").named("leaky_re_lu")
                .hasOutput(5, 7).hasParams(0).hasConfig("negative_slope", 0.3);
    }

    @Test
    void leakyReluAcceptsKerasTwosAlphaAsTheSlope() {
        // Keras 3 still accepts alpha= (with a deprecation warning) and stores it as negative_slope
        model("[4]", "LeakyReLU(alpha=0.1)").layer(0).hasConfig("negative_slope", 0.1);
        model("[4]", "LeakyReLU(0.05)").layer(0).hasConfig("negative_slope", 0.05);
        model("[4]", "LeakyReLU(negative_slope=0.1, alpha=0.2)").failsWith(Code.DLM0106);
        model("[4]", "LeakyReLU(negative_slope=-1)").failsWith(Code.DLM0202);
    }

    @Test
    void leakyReluIsTheFinalActivationForTheLossCheck() {
        // categorical_crossentropy after a LeakyReLU output warns like any non-softmax activation
        var c = dev.dlm.compiler.ModelFixture.file("data mnist\nmodel m(input=[784]) {\n    Dense(10)\n    LeakyReLU()\n}\n"
                + "train {\n    loss = categorical_crossentropy\n}\n").compilation();
        assertEquals(1, c.diagnostics().stream().filter(d -> d.code() == Code.DLM0401
                && d.message().contains("leaky_relu")).count(), c.diagnostics().toString());
    }

    @Test
    void layerNormalizationHasGammaAndBetaOverTheLastAxis() {
        // keras.layers.LayerNormalization(axis=-1, epsilon=1e-3): gamma (C,), beta (C,), both trainable; 2*64 = 128
        model("[10, 64]", "LayerNormalization()").layer(0).named("layer_normalization")
                .hasOutput(10, 64).hasParams(128).hasTrainable(128).hasNonTrainable(0)
                .hasWeightNames("gamma", "beta")
                .hasInitializer("gamma", Initializer.ONES).hasInitializer("beta", Initializer.ZEROS)
                .hasConfig("epsilon", 0.001).hasConfig("axis", -1L);
    }

    @Test
    void layerNormalizationWithoutCenterOrScaleDropsThoseWeights() {
        // center=False drops beta, scale=False drops gamma: 32 each
        model("[32]", "LayerNormalization(center=False)").layer(0).hasParams(32).hasWeightNames("gamma");
        model("[32]", "LayerNormalization(scale=False)").layer(0).hasParams(32).hasWeightNames("beta");
        // axis given as the last axis by number is the same layer
        model("[3, 32]", "LayerNormalization(axis=2)").layer(0).hasParams(64);
    }

    @Test
    void layerNormalizationOnAnotherAxisIsRefused() {
        model("[3, 32]", "LayerNormalization(axis=1)").failsWith(Code.DLM0203);
        model("[32]", "LayerNormalization(rms_scaling=True)").failsWith(Code.DLM0203);
    }

    @Test
    void upSampling2dRepeatsRowsAndColumns() {
        // keras.layers.UpSampling2D(size=(2, 2)): (None, 7, 7, 32) -> (None, 14, 14, 32), no weights
        model("[7, 7, 32]", "UpSampling2D()").layer(0).named("up_sampling2d").hasOutput(14, 14, 32).hasParams(0);
        // size=(3, 2): 4*3 = 12 rows, 5*2 = 10 columns
        model("[4, 5, 1]", "UpSampling2D(size=(3, 2))").layer(0).hasOutput(12, 10, 1);
        model("[4, 5, 1]", "UpSampling2D(3)").layer(0).hasOutput(12, 15, 1);
    }

    @Test
    void upSampling2dNeedsAnImageAndNearestInterpolation() {
        model("[784]", "UpSampling2D()").failsWith(Code.DLM0301);
        model("[4, 4, 1]", "UpSampling2D(interpolation='bilinear')").failsWith(Code.DLM0203);
        model("[4, 4, 1]", "UpSampling2D(interpolation='cubic')").failsWith(Code.DLM0203);
    }

    @Test
    void everyLayerKindHasExactlyOneRule() {
        for (LayerKind kind : LayerKind.values()) {
            LayerRule rule = LayerCatalogue.rule(kind);
            assertEquals(kind, rule == null ? null : rule.kind(), "rule of " + kind);
        }
        assertEquals(LayerKind.values().length, LayerCatalogue.rules().size(), "one rule per kind, no more");
    }

    @Test
    void rulesKnowTheCostOfASample() {
        // Dense(256) on 784 inputs: 2*784*256 = 401_408 FLOPs, keeps its 256 outputs
        var dense = model("[784]", "Dense(256)").layer(0).get();
        assertEquals(401_408, dense.cost().flops());
        assertEquals(256, dense.cost().activations());
        // SimpleRNN(256) over 28 steps of 28: per step 2*(28+256)*256 + 4*256 = 146_432; 28 steps = 4_100_096;
        // it keeps 256 outputs plus 28 * 2 * 256 = 14_336 gate values
        var rnn = model("[28, 28]", "SimpleRNN(256)").layer(0).get();
        assertEquals(4_100_096, rnn.cost().flops());
        assertEquals(256 + 14_336, rnn.cost().activations());
        // Conv2D(32, 3) on 28x28x1: 26*26*32 outputs, 2*3*3*1 FLOPs each = 389_376
        assertEquals(389_376, model("[28, 28, 1]", "Conv2D(32, 3)").layer(0).get().cost().flops());
    }

    @Test
    void reluEluAndSoftmaxLayersKeepTheShapeWithKerasDefaults() {
        // keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0); ELU(alpha=1.0); Softmax(axis=-1)
        model("[3, 4]", "ReLU()").layer(0).named("re_lu").hasOutput(3, 4).hasParams(0)
                .hasConfig("max_value", null).hasConfig("negative_slope", 0.0).hasConfig("threshold", 0.0);
        model("[4]", "ELU()").layer(0).named("elu").hasConfig("alpha", 1.0).hasParams(0);
        model("[4]", "Softmax()").layer(0).named("softmax").hasConfig("axis", -1L);
        model("[3, 4]", "Softmax(axis=1)").failsWith(Code.DLM0203);
        model("[4]", "ReLU(max_value=-1)").failsWith(Code.DLM0202);
    }

    @Test
    void aSoftmaxLayerEndsAClassifierForTheLossCheck() {
        var c = dev.dlm.compiler.ModelFixture.file("data mnist\nmodel m(input=[784]) {\n    Dense(10)\n    Softmax()\n}\n"
                + "train {\n    loss = categorical_crossentropy\n}\n").compilation();
        assertEquals(0, c.diagnostics().stream().filter(d -> d.code() == Code.DLM0401).count(), c.diagnostics().toString());
    }

    @Test
    void permuteReordersAxesAndRepeatVectorAddsOne() {
        // keras.layers.Permute((2, 1)) on (None, 10, 64) -> (None, 64, 10); RepeatVector(3) on (None, 32) -> (None, 3, 32)
        model("[10, 64]", "Permute((2, 1))").layer(0).named("permute").hasOutput(64, 10).hasParams(0);
        model("[2, 3, 4]", "Permute((3, 1, 2))").layer(0).hasOutput(4, 2, 3);
        model("[32]", "RepeatVector(3)").layer(0).named("repeat_vector").hasOutput(3, 32).hasParams(0);
        model("[10, 64]", "Permute((1, 1))").failsWith(Code.DLM0202);
        model("[10, 64]", "Permute((1, 2, 3))").failsWith(Code.DLM0202);
        model("[4, 4]", "RepeatVector(3)").failsWith(Code.DLM0301);
    }

    @Test
    void zeroPaddingAndCroppingTakeKerasThreeForms() {
        // keras.Input((5, 7, 3)) -> ZeroPadding2D() (None, 7, 9, 3) -> ZeroPadding2D((1, 2)) (None, 9, 13, 3)
        // -> ZeroPadding2D(((1, 0), (2, 3))) (None, 10, 18, 3) -> Cropping2D(((1, 0), (2, 3))) (None, 9, 13, 3)
        // -> Cropping2D(1) (None, 7, 11, 3); 0 params each (printed by Keras 3.15)
        var m = model("[5, 7, 3]", "ZeroPadding2D()", "ZeroPadding2D((1, 2))", "ZeroPadding2D(((1, 0), (2, 3)))",
                "Cropping2D(((1, 0), (2, 3)))", "Cropping2D(1)");
        m.hasLayerNames("zero_padding2d", "zero_padding2d_1", "zero_padding2d_2", "cropping2d", "cropping2d_1");
        m.layer(0).hasOutput(7, 9, 3).hasParams(0).hasConfig("padding", java.util.List.of(java.util.List.of(1L, 1L), java.util.List.of(1L, 1L)));
        m.layer(1).hasOutput(9, 13, 3).hasConfig("padding", java.util.List.of(java.util.List.of(1L, 1L), java.util.List.of(2L, 2L)));
        m.layer(2).hasOutput(10, 18, 3);
        m.layer(3).hasOutput(9, 13, 3).hasConfig("cropping", java.util.List.of(java.util.List.of(1L, 0L), java.util.List.of(2L, 3L)));
        m.layer(4).hasOutput(7, 11, 3).hasParams(0);
        model("[4, 4, 1]", "Cropping2D((2, 0))").failsWith(Code.DLM0302);
        model("[4, 4, 1]", "ZeroPadding2D(-1)").failsWith(Code.DLM0202);
        model("[4, 4, 1]", "ZeroPadding2D(((1, 2, 3), (0, 0)))").failsWith(Code.DLM0201);
        model("[16]", "ZeroPadding2D()").failsWith(Code.DLM0301);
    }

    @Test
    void conv1dCausalKeepsTheStepsAsSameDoes() {
        // keras.Input((10, 3)) -> Conv1D(4, 3, padding='causal') (None, 10, 4), 3*3*4+4 = 40
        // -> Conv1D(4, 3, strides=2, padding='causal') (None, 5, 4), 3*4*4+4 = 52
        // -> Conv1D(2, 3, padding='causal', dilation_rate=2) (None, 5, 2), 3*4*2+2 = 26 (printed by Keras 3.15)
        var m = model("[10, 3]", "Conv1D(4, 3, padding='causal')", "Conv1D(4, 3, strides=2, padding=causal)",
                "Conv1D(2, 3, padding='causal', dilation_rate=2)");
        m.layer(0).hasOutput(10, 4).hasParams(40).hasConfig("padding", "causal");
        m.layer(1).hasOutput(5, 4).hasParams(52);
        m.layer(2).hasOutput(5, 2).hasParams(26);
        // a window longer than the input is fine: the padding supplies the missing steps
        model("[2, 1]", "Conv1D(1, 5, padding='causal')").layer(0).hasOutput(2, 1);
        // Keras's Conv2D has no causal padding
        model("[4, 4, 1]", "Conv2D(1, 3, padding='causal')").failsWith(Code.DLM0203);
    }

    @Test
    void spatialDropoutAndGaussianNoiseKeepTheShape() {
        // Keras 3.15: spatial_dropout1d (None, 10, 3), spatial_dropout2d (None, 4, 4, 3), gaussian_noise (None, 4, 4, 3); 0 params
        model("[10, 3]", "SpatialDropout1D(0.5)").layer(0).named("spatial_dropout1d").hasOutput(10, 3).hasParams(0);
        var m = model("[4, 4, 3]", "SpatialDropout2D(0.5, seed=3)", "GaussianNoise(0.1)");
        m.hasLayerNames("spatial_dropout2d", "gaussian_noise");
        m.layer(0).hasOutput(4, 4, 3).hasConfig("seed", 3L).hasConfig("data_format", "channels_last");
        m.layer(1).hasOutput(4, 4, 3).hasParams(0).hasConfig("stddev", 0.1);
        // SpatialDropout1D drops channels of a sequence, SpatialDropout2D of an image
        model("[10]", "SpatialDropout1D(0.5)").failsWith(Code.DLM0301);
        model("[10, 3]", "SpatialDropout2D(0.5)").failsWith(Code.DLM0301);
        model("[10, 3]", "SpatialDropout1D(1.5)").failsWith(Code.DLM0202);
        model("[4]", "GaussianNoise(-1)").failsWith(Code.DLM0202);
        model("[4]", "GaussianNoise()").failsWith(Code.DLM0105);
    }

    @Test
    void depthwiseConv2dMultipliesEachChannelsKernels() {
        // keras.Input((7, 7, 3)) -> DepthwiseConv2D(3) (None, 5, 5, 3): kernel (3, 3, 3, 1) + bias (3,) = 30
        // -> DepthwiseConv2D(3, depth_multiplier=2, padding='same', strides=2) (None, 3, 3, 6): (3, 3, 3, 2) + (6,) = 60
        var m = model("[7, 7, 3]", "DepthwiseConv2D(3)", "DepthwiseConv2D(3, depth_multiplier=2, padding='same', strides=2)");
        m.hasLayerNames("depthwise_conv2d", "depthwise_conv2d_1");
        m.layer(0).hasOutput(5, 5, 3).hasParams(30).hasWeightNames("kernel", "bias")
                .hasInitializer("kernel", Initializer.GLOROT_UNIFORM).hasConfig("depth_multiplier", 1L);
        m.layer(1).hasOutput(3, 3, 6).hasParams(60);
        // Keras 3 accepts strides and dilation above 1 together here (unlike Conv2D): (9 - 5) / 2 + 1 = 3
        model("[9, 9, 3]", "DepthwiseConv2D(3, strides=2, dilation_rate=2)").layer(0).hasOutput(3, 3, 3).hasParams(30);
        model("[9, 9, 3]", "DepthwiseConv2D(3, use_bias=False, depth_multiplier=4)").layer(0).hasOutput(7, 7, 12).hasParams(108);
        model("[2, 2, 3]", "DepthwiseConv2D(3)").failsWith(Code.DLM0302);
        model("[4, 4, 3]", "DepthwiseConv2D(3, depth_multiplier=0)").failsWith(Code.DLM0202);
    }

    @Test
    void separableConv2dIsDepthwiseThenPointwise() {
        // keras.Input((7, 7, 3)) -> SeparableConv2D(8, 3) (None, 5, 5, 8): depthwise (3, 3, 3, 1) 27 + pointwise (1, 1, 3, 8) 24 + bias 8 = 59
        // -> SeparableConv2D(4, 3, depth_multiplier=2, padding='same', use_bias=False) (None, 5, 5, 4):
        //    depthwise (3, 3, 8, 2) 144 + pointwise (1, 1, 16, 4) 64 = 208 (printed by Keras 3.15)
        var m = model("[7, 7, 3]", "SeparableConv2D(8, 3)", "SeparableConv2D(4, 3, depth_multiplier=2, padding='same', use_bias=False)");
        m.hasLayerNames("separable_conv2d", "separable_conv2d_1");
        m.layer(0).hasOutput(5, 5, 8).hasParams(59).hasWeightNames("depthwise_kernel", "pointwise_kernel", "bias");
        m.layer(1).hasOutput(5, 5, 4).hasParams(208).hasWeightNames("depthwise_kernel", "pointwise_kernel");
        model("[9, 9, 3]", "SeparableConv2D(2, 3, strides=2, dilation_rate=2)").layer(0).hasOutput(3, 3, 2).hasParams(35);
        model("[9, 9]", "SeparableConv2D(2, 3)").failsWith(Code.DLM0301);
    }

    @Test
    void conv2dTransposeGrowsByKerasDeconvOutputLength() {
        // keras.Input((5, 5, 3)) -> Conv2DTranspose(4, 3) (None, 7, 7, 4): kernel (3, 3, 4, 3) + bias 4 = 112
        // -> Conv2DTranspose(2, 3, strides=2) (None, 15, 15, 2): 7*2 + max(3-2, 0); kernel (3, 3, 2, 4) + 2 = 74
        // -> (..., padding='same') (None, 30, 30, 2) -> (..., output_padding=1) (None, 60, 60, 2): (30-1)*2 + 3 - 2*1 + 1
        var m = model("[5, 5, 3]", "Conv2DTranspose(4, 3)", "Conv2DTranspose(2, 3, strides=2)", "Conv2DTranspose(2, 3, strides=2, padding='same')",
                "Conv2DTranspose(2, 3, strides=2, padding='same', output_padding=1)");
        m.hasLayerNames("conv2d_transpose", "conv2d_transpose_1", "conv2d_transpose_2", "conv2d_transpose_3");
        m.layer(0).hasOutput(7, 7, 4).hasParams(112).hasWeightNames("kernel", "bias");
        m.layer(1).hasOutput(15, 15, 2).hasParams(74);
        m.layer(2).hasOutput(30, 30, 2).hasParams(38);
        m.layer(3).hasOutput(60, 60, 2).hasConfig("output_padding", java.util.List.of(1L, 1L));
        // (5-1)*3 + 4 - 0 + 2 = 18; a dilated kernel 3 -> 5: 5 + max(5 - 1, 0) = 9; (5-1)*3 + 3 - 2*1 + 2 = 15 and + 0 = 13
        model("[5, 5, 3]", "Conv2DTranspose(2, 4, strides=3, output_padding=2)").layer(0).hasOutput(18, 18, 2).hasParams(98);
        model("[5, 5, 3]", "Conv2DTranspose(2, 3, dilation_rate=2)").layer(0).hasOutput(9, 9, 2);
        model("[5, 5, 3]", "Conv2DTranspose(2, 3, strides=3, padding='same', output_padding=(2, 0))").layer(0).hasOutput(15, 13, 2);
        // Keras: "`output_padding` must be strictly less than `strides`", and no strides > 1 with dilation_rate > 1
        model("[5, 5, 3]", "Conv2DTranspose(2, 3, strides=2, output_padding=2)").failsWith(Code.DLM0202);
        model("[5, 5, 3]", "Conv2DTranspose(2, 3, output_padding=1)").failsWith(Code.DLM0202);
        model("[9, 9, 3]", "Conv2DTranspose(2, 3, strides=2, dilation_rate=2)").failsWith(Code.DLM0203);
    }

    @Test
    void timeDistributedAppliesTheWrappedLayerAtEveryStep() {
        // keras.Input((6, 4)) -> TimeDistributed(Dense(5)) (None, 6, 5): kernel (4, 5) + bias (5,) = 25, once for all steps
        model("[6, 4]", "TimeDistributed(Dense(5))").layer(0).named("time_distributed").hasOutput(6, 5).hasParams(25)
                .hasWeightNames("kernel", "bias");
        // keras.Input((6, 8, 8, 3)) -> TimeDistributed(Conv2D(4, 3)) (None, 6, 6, 6, 4): 3*3*3*4 + 4 = 112 (printed by Keras 3.15)
        var m = model("[6, 8, 8, 3]", "TimeDistributed(Conv2D(4, 3))", "TimeDistributed(Flatten())", "LSTM(2)");
        m.layer(0).hasOutput(6, 6, 6, 4).hasParams(112);
        m.layer(1).named("time_distributed_1").hasOutput(6, 144);
        // trainable=False on the wrapper freezes the wrapped layer's weights
        model("[6, 4]", "TimeDistributed(Dense(5), trainable=False)").layer(0).hasTrainable(0).hasNonTrainable(25);
        model("[6]", "TimeDistributed(Dense(5))").failsWith(Code.DLM0301);
        model("[6, 4]", "TimeDistributed(Conv2D(4, 3))").failsWith(Code.DLM0301);
        model("[6, 4]", "TimeDistributed(Add())").failsWith(Code.DLM0307);
    }

    @Test
    void bidirectionalTrainableFalseFreezesBothDirectionsAsKeras3Prints() {
        // Pinned against Keras 3.15's model.summary(), which honours trainable=False on the wrapper:
        //   Bidirectional(LSTM(4), trainable=False) on (5, 3): Total params: 256, Trainable params: 0, Non-trainable params: 256
        // (2 directions x (3*16 + 4*16 + 16) = 256). Keras 2 dropped the keyword on this wrapper (its weights stayed
        // trainable), so a file written against Keras 2 would count 256 trainable; dlm follows Keras 3, the specification.
        model("[5, 3]", "Bidirectional(LSTM(4), trainable=False)").hasParams(256, 0, 256);
        // the same when the wrapped layer itself is frozen, as Keras 3 prints it too
        model("[5, 3]", "Bidirectional(LSTM(4, trainable=False))").hasParams(256, 0, 256);
        model("[5, 3]", "Bidirectional(LSTM(4))").hasParams(256, 256, 0);
    }

    @Test
    void embeddingOnRankTwoIdsAddsTheVectorAxis() {
        // keras.Input((3, 6)) -> Embedding(10, 4) (None, 3, 6, 4), embeddings (10, 4) = 40 (printed by Keras 3.15)
        model("[3, 6]", "Embedding(10, 4)").layer(0).named("embedding").hasOutput(3, 6, 4).hasParams(40);
        model("[2, 3, 6]", "Embedding(10, 4)").layer(0).hasOutput(2, 3, 6, 4);
        model("[5]", "Embedding(10, 4)").layer(0).hasOutput(5, 4);
    }

    @Test
    void batchNormalizationOnAnyAxisCountsThatAxisChannels() {
        // keras.Input((3, 6, 5)) -> BatchNormalization(axis=1): gamma, beta, moving_mean, moving_variance (3,) = 12
        // -> BatchNormalization(axis=2): (6,) each = 24 (printed by Keras 3.15); half of each trainable
        var m = model("[3, 6, 5]", "BatchNormalization(axis=1)", "BatchNormalization(axis=2)", "BatchNormalization(axis=-3)",
                "BatchNormalization(axis=3)");
        m.layer(0).hasOutput(3, 6, 5).hasParams(12).hasTrainable(6).hasNonTrainable(6).hasConfig("axis", 1L);
        m.layer(1).hasParams(24).hasConfig("axis", 2L);
        // -3 is the first sample axis of a rank-3 sample; 3 the last, stored as Keras's default -1
        m.layer(2).hasParams(12).hasConfig("axis", 1L);
        m.layer(3).hasParams(20).hasConfig("axis", -1L);
        // 0 is the batch axis; 4 and -4 are past the sample's three axes
        model("[3, 6, 5]", "BatchNormalization(axis=0)").failsWith(Code.DLM0202);
        model("[3, 6, 5]", "BatchNormalization(axis=4)").failsWith(Code.DLM0202);
        model("[3, 6, 5]", "BatchNormalization(axis=-4)").failsWith(Code.DLM0202);
    }

    @Test
    void channelsFirstPutsTheChannelsBeforeTheSpatialAxes() {
        // keras.Input((3, 6, 5)) -> Conv2D(4, 3, data_format='channels_first') (None, 4, 4, 3): kernel (3, 3, 3, 4) + 4 = 112
        // -> MaxPooling2D(data_format='channels_first') (None, 4, 2, 1) (printed by Keras 3.15)
        var m = model("[3, 6, 5]", "Conv2D(4, 3, data_format='channels_first')", "MaxPooling2D(data_format='channels_first')",
                "GlobalAveragePooling2D(data_format='channels_first')");
        m.layer(0).hasOutput(4, 4, 3).hasParams(112).hasConfig("data_format", "channels_first");
        m.layer(1).hasOutput(4, 2, 1);
        m.layer(2).hasOutput(4);
        // Conv1D on [channels, steps]: 2 channels of 10 steps -> 3 filters of 8 steps, 3*2*3 + 3 = 21
        var c = model("[2, 10]", "Conv1D(3, 3, data_format='channels_first')", "AveragePooling1D(2, data_format='channels_first')",
                "GlobalMaxPooling1D(data_format='channels_first', keepdims=True)");
        c.layer(0).hasOutput(3, 8).hasParams(21);
        c.layer(1).hasOutput(3, 4);
        c.layer(2).hasOutput(3, 1);
        // the default stays channels last, and explicit None means it too
        model("[3, 6, 5]", "Conv2D(4, 3, data_format=None)").layer(0).hasOutput(1, 4, 4).hasConfig("data_format", "channels_last");
        model("[3, 6, 5]", "Conv2D(4, 3, data_format='channels_middle')").failsWith(Code.DLM0203);
        // a window larger than the spatial axes (not the channels) is the usual error
        model("[8, 2, 2]", "Conv2D(4, 3, data_format='channels_first')").failsWith(Code.DLM0302);
    }

    @Test
    void channelsFirstOnTheNewerImageLayersAsKeras3Prints() {
        // Keras 3.15 on keras.Input((3, 5, 6)) (channels, height, width), each layer with data_format='channels_first':
        // ZeroPadding2D(((1, 2), (3, 4))) (None, 3, 8, 13); Cropping2D(((1, 0), (2, 1))) (None, 3, 4, 3);
        // Conv2DTranspose(4, 3, strides=2) (None, 4, 11, 13), 3*3*4*3 + 4 = 112; UpSampling2D((2, 3)) (None, 3, 10, 18)
        model("[3, 5, 6]", "ZeroPadding2D(((1, 2), (3, 4)), data_format='channels_first')").layer(0).hasOutput(3, 8, 13);
        model("[3, 5, 6]", "Cropping2D(((1, 0), (2, 1)), data_format='channels_first')").layer(0).hasOutput(3, 4, 3);
        model("[3, 5, 6]", "Conv2DTranspose(4, 3, strides=2, data_format='channels_first')").layer(0).hasOutput(4, 11, 13).hasParams(112);
        model("[3, 5, 6]", "UpSampling2D((2, 3), data_format='channels_first')").layer(0).hasOutput(3, 10, 18);
        // on keras.Input((3, 7, 6)): DepthwiseConv2D(3, depth_multiplier=2) (None, 6, 5, 4), 3*3*3*2 + 6 = 60;
        // SeparableConv2D(4, 3, strides=2, depth_multiplier=2) (None, 4, 3, 2), 54 + 1*1*6*4 + 4 = 82
        model("[3, 7, 6]", "DepthwiseConv2D(3, depth_multiplier=2, data_format='channels_first')").layer(0).hasOutput(6, 5, 4).hasParams(60);
        model("[3, 7, 6]", "SeparableConv2D(4, 3, strides=2, depth_multiplier=2, data_format='channels_first')").layer(0)
                .hasOutput(4, 3, 2).hasParams(82);
        // Flatten(data_format='channels_first') on (3, 2, 2): (None, 12), the values reordered (runtime's LayerForwardTest)
        model("[3, 2, 2]", "Flatten(data_format='channels_first')").layer(0).hasOutput(12).hasConfig("data_format", "channels_first");
        // cropping the whole height is still the error, counted on the spatial axes after the channels
        model("[3, 5, 6]", "Cropping2D(((3, 2), (0, 0)), data_format='channels_first')").failsWith(Code.DLM0302);
    }

    @Test
    void globalPoolingKeepdimsKeepsTheSpatialAxesAsOnes() {
        // Keras 3.15: GlobalAveragePooling2D(keepdims=True) on (5, 6, 3) -> (None, 1, 1, 3); with channels_first on
        // (3, 5, 6) -> (None, 3, 1, 1); GlobalAveragePooling1D(keepdims=True) on (5, 3) -> (None, 1, 3)
        model("[5, 6, 3]", "GlobalAveragePooling2D(keepdims=True)").layer(0).hasOutput(1, 1, 3);
        model("[3, 5, 6]", "GlobalMaxPooling2D(keepdims=True, data_format='channels_first')").layer(0).hasOutput(3, 1, 1);
        model("[5, 3]", "GlobalAveragePooling1D(keepdims=True)").layer(0).hasOutput(1, 3);
    }
}
