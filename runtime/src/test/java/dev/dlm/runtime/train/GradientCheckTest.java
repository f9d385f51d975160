package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.testing.Compiled;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gradients TensorFlow computes through each layer (and the losses and penalties) against
 * central finite differences of the loss, on small shapes. The graph is float32, so the step
 * and tolerances are loose; smooth activations keep kinks away from the probes.
 */
class GradientCheckTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);
    static final float STEP = 3e-3f;
    static final int PROBES_PER_WEIGHT = 6;

    /**
     * Checks every trainable weight's gradient at a few random coordinates, on {@code n}
     * random samples and random targets shaped like the model's output.
     */
    static void check(CheckedModel model, int n, boolean training, UnaryOperator<float[]> samples) {
        Shape in = model.data() != null ? model.data().sampleShape() : model.input();
        float[] x = samples.apply(random(100, Math.toIntExact(n * in.elements()), -1, 1));
        float[] y = targets(model, n);
        try (ModelGraph graph = ModelGraph.build(model, ONE_THREAD, 5L)) {
            ModelGraph.LossAndGradients analytic = graph.lossAndGradients(x, y, n, training);
            assertTrue(!analytic.gradients().isEmpty(), "no trainable weights");
            SplittableRandom pick = new SplittableRandom(11);
            for (Map.Entry<String, float[]> entry : analytic.gradients().entrySet()) {
                String name = entry.getKey();
                float[] w = graph.weight(name);
                for (int probe = 0; probe < Math.min(PROBES_PER_WEIGHT, w.length); probe++) {
                    int i = pick.nextInt(w.length);
                    float original = w[i];
                    w[i] = original + STEP;
                    graph.setWeight(name, w);
                    double plus = graph.lossAndGradients(x, y, n, training).loss();
                    w[i] = original - STEP;
                    graph.setWeight(name, w);
                    double minus = graph.lossAndGradients(x, y, n, training).loss();
                    w[i] = original;
                    graph.setWeight(name, w);
                    double numeric = (plus - minus) / (2 * STEP);
                    double exact = entry.getValue()[i];
                    if (Math.abs(numeric - exact) > 2e-3 + 3e-2 * Math.abs(exact)) {
                        fail(name + "[" + i + "]: TensorFlow gradient " + exact + ", finite difference " + numeric);
                    }
                }
            }
        }
    }

    /** Random one-hot targets for a class-score output, random values otherwise. */
    private static float[] targets(CheckedModel model, int n) {
        int width = Math.toIntExact(model.output().elements());
        float[] y = new float[n * width];
        SplittableRandom random = new SplittableRandom(3);
        boolean classes = model.train().loss().kerasName().contains("categorical");
        for (int b = 0; b < n; b++) {
            if (classes) y[b * width + random.nextInt(width)] = 1;
            else for (int j = 0; j < width; j++) y[b * width + j] = (float) random.nextDouble();
        }
        return y;
    }

    @Test
    void throughMergesAndASharedLayer() {
        // Two branches of one input merged three ways, then a shared Dense applied twice (its
        // gradient sums both applications' contributions) and added.
        check(Compiled.functional("categorical_crossentropy",
                "x = Input(shape=[5])",
                "a = Dense(4, activation='tanh')(x)",
                "b = Dense(4, activation='tanh')(x)",
                "m = Multiply()([a, b])",
                "d = Subtract()([a, b])",
                "c = Concatenate()([m, d, a])",
                "shared = Dense(12, activation='tanh')",
                "p = shared(c)",
                "q = shared(p)",
                "s = Average()([p, q])",
                "out = Dense(3, activation='softmax')(s)"), 4, false, x -> x);
    }

    @Test
    void throughANormalizedDot() {
        check(Compiled.functional("mean_squared_error",
                "x = Input(shape=[2, 3])",
                "a = Dense(3, activation='tanh')(x)",
                "b = Dense(3, activation='tanh')(x)",
                "d = Dot(axes=(2, 2), normalize=True)([a, b])",
                "f = Flatten()(d)",
                "out = Dense(2)(f)"), 3, false, x -> x);
    }

    @Test
    void denseWithSoftmaxCrossentropy() {
        check(Models.input(5).dense(4, "tanh").dense(3, "softmax").build(), 4, false, x -> x);
    }

    @Test
    void smoothActivationsAndMeanSquaredError() {
        Models m = Models.input(4).dense(4, "gelu").activation("selu").dense(4, "swish").activation("softsign")
                .dense(3, "elu").activation("softplus").dense(2, "sigmoid").loss("mean_squared_error");
        check(m.build(), 3, false, x -> x);
    }

    @Test
    void binaryCrossentropyOnSigmoidAndOnClippedProbabilities() {
        check(Models.input(3).dense(1, "sigmoid").loss("binary_crossentropy").build(), 4, false, x -> x);
        check(Models.input(3).dense(1, "tanh").activation("hard_sigmoid").loss("binary_crossentropy").build(), 4, false, x -> x);
    }

    @Test
    void categoricalCrossentropyWithoutSoftmaxAndMeanAbsoluteError() {
        check(Models.input(3).dense(3, "sigmoid").loss("categorical_crossentropy").build(), 4, false, x -> x);
        check(Models.input(3).dense(2, "tanh").loss("mean_absolute_error").build(), 4, false, x -> x);
    }

    @Test
    void convolutionPoolingAndFlatten() {
        Models m = Models.input(6, 6, 2).conv2d(3, 3, 1, "same", 1, "tanh").pool2d("MaxPooling2D", 2, 2, "valid")
                .conv2d(2, 2, 1, "valid", 1, "tanh").pool2d("AveragePooling2D", 2, 1, "same").flatten().dense(3, "softmax");
        check(m.build(), 2, false, x -> x);
    }

    @Test
    void throughConvolutionsPooledBeforeTheirRelu() {
        // ModelGraph applies the relu of these convolutions after their max pooling (PoolFirst):
        // the gradients must still be the loss's.
        check(dev.dlm.runtime.testing.Compiled.model("[8, 8, 2]", "Conv2D(3, 3, activation='relu')", "MaxPooling2D(2)",
                "Conv2D(2, 2, padding='same')", "MaxPooling2D(2, padding='same')", "Flatten()", "Dense(2, activation='softmax')"),
                3, false, x -> x);
        check(dev.dlm.runtime.testing.Compiled.model("[6, 2]", "Conv1D(3, 2, activation='relu')", "MaxPooling1D(2, padding='same')",
                "Flatten()", "Dense(2)"), 3, false, x -> x);
    }

    @Test
    void conv1dDilatedAndGlobalPooling() {
        Models m = Models.input(8, 2).conv1d(3, 2, 1, "valid", 2, "tanh").globalPool("GlobalAveragePooling1D").dense(2, "softmax");
        check(m.build(), 2, false, x -> x);
        check(Models.input(4, 4, 2).conv2d(3, 2, 1, "valid", 1, "tanh").globalPool("GlobalMaxPooling2D")
                .dense(2, "softmax").build(), 2, false, x -> x);
    }

    @Test
    void batchNormInTrainingAndInference() {
        CheckedModel model = Models.input(4).dense(3, "linear").batchNorm().dense(2, "softmax").build();
        check(model, 5, true, x -> x);
        check(model, 5, false, x -> x);
    }

    @Test
    void simpleRnnLstmAndGru() {
        check(Models.input(4, 3).recurrent("SimpleRNN", 3, false).dense(2, "softmax").build(), 2, false, x -> x);
        check(Models.input(4, 3).recurrent("LSTM", 3, true).recurrent("LSTM", 2, false).dense(2, "softmax").build(), 2, false, x -> x);
        check(Models.input(4, 3).recurrent("GRU", 3, false).dense(2, "softmax").build(), 2, false, x -> x);
        check(Models.input(4, 3).recurrent("GRU", 3, false, "reset_after", false).dense(2, "softmax").build(), 2, false, x -> x);
    }

    @Test
    void bidirectionalAndEmbedding() {
        check(Models.input(4, 3).recurrent("GRU", 2, true).bidirectional("ave").flatten().dense(2, "softmax").build(),
                2, false, x -> x);
        check(Models.input(5).embedding(7, 3).recurrent("SimpleRNN", 2, false).bidirectional("concat").dense(2, "softmax").build(),
                2, false, x -> {
                    float[] indices = new float[x.length];
                    for (int i = 0; i < x.length; i++) indices[i] = (float) Math.floor((x[i] + 1) * 3.49);
                    return indices;
                });
    }

    @Test
    void leakyReluLayerNormalizationAndUpSampling() {
        check(dev.dlm.runtime.testing.Compiled.model("[3, 4]", "Dense(4)", "LeakyReLU(0.1)", "LayerNormalization()",
                "Flatten()", "Dense(2, activation='softmax')"), 3, false, x -> x);
        check(dev.dlm.runtime.testing.Compiled.model("[2, 2, 1]", "Conv2D(2, 1)", "UpSampling2D()", "Conv2D(1, 2)",
                "Flatten()", "Dense(2, activation='softmax')"), 2, false, x -> x);
    }

    @Test
    void throughZeroPaddingAndCropping() {
        check(dev.dlm.runtime.testing.Compiled.model("[3, 3, 1]", "ZeroPadding2D(((1, 0), (2, 1)))", "Conv2D(2, 2, activation='tanh')",
                "Cropping2D(((0, 1), (1, 1)))", "Flatten()", "Dense(2, activation='softmax')"), 2, false, x -> x);
    }

    @Test
    void throughACausalDilatedConv1d() {
        check(dev.dlm.runtime.testing.Compiled.model("[6, 2]", "Conv1D(3, 2, padding='causal', dilation_rate=2, activation='tanh')",
                "Conv1D(2, 3, padding='causal', strides=2)", "Flatten()", "Dense(2, activation='softmax')"), 2, false, x -> x);
    }

    @Test
    void throughSpatialDropoutAndGaussianNoiseWhileTraining() {
        // in training mode: the masks and the noise are fixed for a given step, so the loss is a function of the weights
        check(dev.dlm.runtime.testing.Compiled.model("[4, 3]", "Dense(4, activation='tanh')", "SpatialDropout1D(0.3)",
                "GaussianNoise(0.2)", "Flatten()", "Dense(2, activation='softmax')"), 3, true, x -> x);
        check(dev.dlm.runtime.testing.Compiled.model("[3, 3, 2]", "Conv2D(3, 2, activation='tanh')", "SpatialDropout2D(0.4)",
                "Flatten()", "Dense(2, activation='softmax')"), 3, true, x -> x);
    }

    @Test
    void throughPerGateRecurrentDropoutWhileTraining() {
        // Keras's implementation 1: an input and a state mask per gate (fixed for a given step).
        check(Models.input(4, 3).recurrent("LSTM", 3, false, "dropout", 0.3, "recurrent_dropout", 0.4).dense(2, "softmax").build(),
                3, true, x -> x);
        check(Models.input(4, 3).recurrent("GRU", 3, false, "dropout", 0.3, "recurrent_dropout", 0.4).dense(2, "softmax").build(),
                3, true, x -> x);
        check(Models.input(4, 3).recurrent("GRU", 3, false, "recurrent_dropout", 0.4, "reset_after", false).dense(2, "softmax").build(),
                3, true, x -> x);
    }

    @Test
    void throughDepthwiseAndSeparableConvolutions() {
        check(dev.dlm.runtime.testing.Compiled.model("[5, 5, 2]", "DepthwiseConv2D(2, depth_multiplier=2, activation='tanh')",
                "DepthwiseConv2D(2, strides=2, padding='same', dilation_rate=1)", "Flatten()", "Dense(2, activation='softmax')"),
                2, false, x -> x);
        check(dev.dlm.runtime.testing.Compiled.model("[5, 5, 2]", "SeparableConv2D(3, 2, depth_multiplier=2, activation='tanh')",
                "DepthwiseConv2D(2, dilation_rate=2)", "Flatten()", "Dense(2, activation='softmax')"), 2, false, x -> x);
    }

    @Test
    void throughTransposedConvolutions() {
        check(dev.dlm.runtime.testing.Compiled.model("[3, 3, 2]", "Conv2DTranspose(2, 3, strides=2, padding='same', output_padding=1, activation='tanh')",
                "Conv2DTranspose(1, 2, dilation_rate=2)", "Flatten()", "Dense(2, activation='softmax')"), 2, false, x -> x);
    }

    @Test
    void throughTimeDistributedLayers() {
        check(dev.dlm.runtime.testing.Compiled.model("[3, 4, 4, 1]", "TimeDistributed(Conv2D(2, 2, activation='tanh'))",
                "TimeDistributed(Flatten())", "TimeDistributed(Dense(3, activation='tanh'))", "SimpleRNN(2)", "Dense(2, activation='softmax')"),
                2, false, x -> x);
    }

    @Test
    void batchNormOnAMiddleAxisInTrainingAndInference() {
        var model = dev.dlm.runtime.testing.Compiled.model("[3, 2, 2]", "Dense(3, activation='tanh')", "BatchNormalization(axis=2)",
                "Flatten()", "Dense(2, activation='softmax')");
        check(model, 4, true, x -> x);
        check(model, 4, false, x -> x);
    }

    @Test
    void throughChannelsFirstConvolutionsAndPooling() {
        check(dev.dlm.runtime.testing.Compiled.model("[2, 5, 4]", "Conv2D(3, 2, activation='tanh', data_format='channels_first')",
                "AveragePooling2D(data_format='channels_first')", "Flatten()", "Reshape((3, 2))",
                "Conv1D(2, 2, data_format='channels_first', activation='tanh')", "GlobalMaxPooling1D(data_format='channels_first')",
                "Dense(2, activation='softmax')"), 2, false, x -> x);
    }
}
