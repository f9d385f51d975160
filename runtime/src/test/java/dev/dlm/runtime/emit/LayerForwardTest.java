package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Models;
import dev.dlm.runtime.testing.Reference;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.dlm.runtime.testing.Arrays2.assertClose;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layer's forward pass against the plain-Java reference in {@link Reference}, with fixed weights. */
class LayerForwardTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);
    static final double TOLERANCE = 2e-5;

    /** Runs {@code model} with the given weights (others keep their initial values) on {@code n} samples. */
    static float[] forward(CheckedModel model, Map<String, float[]> weights, float[] x, int n) {
        try (ModelGraph graph = ModelGraph.build(model, ONE_THREAD, 7L)) {
            weights.forEach(graph::setWeight);
            return graph.predict(x, n);
        }
    }

    @Test
    void denseAppliesKernelBiasAndActivation() {
        float[] x = random(1, 3 * 4, -1, 1), w = random(2, 4 * 5, -1, 1), b = random(3, 5, -1, 1);
        float[] y = forward(Models.input(4).dense(5, "tanh").build(), Map.of("dense_1_kernel", w, "dense_1_bias", b), x, 3);
        assertClose(Reference.apply("tanh", Reference.dense(x, 3, 4, w, 5, b)), y, TOLERANCE);
    }

    @Test
    void denseOnSequencesActsOnTheLastAxis() {
        float[] x = random(4, 2 * 3 * 4, -1, 1), w = random(5, 4 * 5, -1, 1), b = random(6, 5, -1, 1);
        float[] y = forward(Models.input(3, 4).dense(5, "linear").build(), Map.of("dense_1_kernel", w, "dense_1_bias", b), x, 2);
        assertClose(Reference.dense(x, 6, 4, w, 5, b), y, TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "elu", "selu", "softplus", "softsign", "sigmoid", "hard_sigmoid", "tanh", "linear",
            "swish", "gelu", "exponential", "relu6"})
    void activationsMatchKeras(String name) {
        float[] x = random(7, 2 * 12, -3, 3);
        x[0] = 7; // beyond relu6's and hard_sigmoid's saturation
        float[] y = forward(Models.input(12).activation(name).build(), Map.of(), x, 2);
        float[] expected = Reference.apply(name, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], y[i], 2e-6 * Math.max(1, Math.abs(expected[i])), name + " at x=" + x[i]);
        }
    }

    /**
     * Pins Keras 3's hard_sigmoid, {@code relu6(x + 3) / 6}: Keras 3.15's
     * {@code keras.activations.hard_sigmoid([-4, -3, -1, 0, 1.5, 2.9, 3])} printed these values.
     * Keras 2's {@code clip(0.2 x + 0.5, 0, 1)} gives 0.3 at -1 and 1 at 2.9.
     */
    @Test
    void hardSigmoidIsKeras3s() {
        float[] x = {-4, -3, -1, 0, 1.5f, 2.9f, 3};
        float[] y = forward(Models.input(7).activation("hard_sigmoid").build(), Map.of(), x, 1);
        assertClose(new float[] {0, 0, 0.33333334f, 0.5f, 0.75f, 0.98333335f, 1}, y, 1e-7);
    }

    @Test
    void softmaxNormalizesTheLastAxis() {
        float[] x = random(8, 2 * 3 * 4, -3, 3);
        float[] y = forward(Models.input(3, 4).activation("softmax").build(), Map.of(), x, 2);
        assertClose(Reference.softmax(x, 4), y, 1e-6);
    }

    @Test
    void flattenAndReshapeKeepRowMajorOrder() {
        float[] x = random(9, 2 * 2 * 3 * 2, -1, 1);
        assertClose(x, forward(Models.input(2, 3, 2).flatten().build(), Map.of(), x, 2), 0);
        assertClose(x, forward(Models.input(12).reshape(4, 3).build(), Map.of(), x, 2), 0);
    }

    @ParameterizedTest(name = "k={0} stride={1} padding={2} dilation={3}")
    @CsvSource({"3,1,valid,1", "3,2,same,1", "2,2,valid,1", "3,1,same,2", "4,3,same,1"})
    void conv2dMatchesCrossCorrelation(int k, int stride, String padding, int dilation) {
        int n = 2, h = 7, w = 6, cin = 3, f = 4;
        float[] x = random(10, n * h * w * cin, -1, 1), kernel = random(11, k * k * cin * f, -1, 1), bias = random(12, f, -1, 1);
        CheckedModel model = Models.input(h, w, cin).conv2d(f, k, stride, padding, dilation, "linear").build();
        float[] y = forward(model, Map.of("conv2d_1_kernel", kernel, "conv2d_1_bias", bias), x, n);
        assertClose(Reference.conv2d(x, n, h, w, cin, kernel, k, k, f, bias, stride, dilation, padding.equals("same")), y, 1e-5);
    }

    @ParameterizedTest(name = "k={0} stride={1} padding={2} dilation={3}")
    @CsvSource({"3,1,valid,1", "3,2,same,1", "2,1,valid,2"})
    void conv1dIsAHeightOneConv2d(int k, int stride, String padding, int dilation) {
        int n = 2, steps = 9, cin = 3, f = 2;
        float[] x = random(13, n * steps * cin, -1, 1), kernel = random(14, k * cin * f, -1, 1), bias = random(15, f, -1, 1);
        CheckedModel model = Models.input(steps, cin).conv1d(f, k, stride, padding, dilation, "linear").build();
        float[] y = forward(model, Map.of("conv1d_1_kernel", kernel, "conv1d_1_bias", bias), x, n);
        assertClose(Reference.conv2d(x, n, 1, steps, cin, kernel, 1, k, f, bias, stride, dilation, padding.equals("same")), y, 1e-5);
    }

    @ParameterizedTest(name = "{0} size={1} stride={2} {3}")
    @CsvSource({"MaxPooling2D,2,2,valid", "MaxPooling2D,3,2,same", "AveragePooling2D,2,2,valid", "AveragePooling2D,3,2,same"})
    void pooling2dMatchesReference(String kind, int size, int stride, String padding) {
        int n = 2, h = 7, w = 5, c = 3;
        float[] x = random(16, n * h * w * c, -1, 1);
        float[] y = forward(Models.input(h, w, c).pool2d(kind, size, stride, padding).build(), Map.of(), x, n);
        assertClose(Reference.pool2d(x, n, h, w, c, size, stride, padding.equals("same"), kind.startsWith("Max")), y, 1e-6);
    }

    @Test
    void maxPooling1dPoolsTheTimeAxis() {
        int n = 2, steps = 7, c = 3;
        float[] x = random(17, n * steps * c, -1, 1);
        float[] y = forward(Models.input(steps, c).pool1d("MaxPooling1D", 2, 2, "valid").build(), Map.of(), x, n);
        assertClose(pool1dMax(x, n, steps, c), y, 0);
    }

    private static float[] pool1dMax(float[] x, int n, int steps, int c) {
        float[] out = new float[n * (steps / 2) * c];
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps / 2; t++)
                for (int ch = 0; ch < c; ch++)
                    out[(b * (steps / 2) + t) * c + ch] = Math.max(x[(b * steps + 2 * t) * c + ch], x[(b * steps + 2 * t + 1) * c + ch]);
        return out;
    }

    @Test
    void globalPoolingReducesSpatialAxes() {
        int n = 2, h = 3, w = 4, c = 2;
        float[] x = random(18, n * h * w * c, -1, 1);
        float[] max = forward(Models.input(h, w, c).globalPool("GlobalMaxPooling2D").build(), Map.of(), x, n);
        float[] avg = forward(Models.input(h, w, c).globalPool("GlobalAveragePooling2D").build(), Map.of(), x, n);
        assertClose(globalReduce(x, n, h * w, c, true), max, 0);
        assertClose(globalReduce(x, n, h * w, c, false), avg, 1e-6);
    }

    private static float[] globalReduce(float[] x, int n, int positions, int c, boolean max) {
        float[] out = new float[n * c];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int p = 0; p < positions; p++) {
                    float v = x[(b * positions + p) * c + ch];
                    acc = max ? Math.max(acc, v) : acc + v;
                }
                out[b * c + ch] = (float) (max ? acc : acc / positions);
            }
        return out;
    }

    @Test
    void batchNormAtInferenceUsesMovingStatistics() {
        int n = 3, c = 4;
        float[] x = random(19, n * 2 * c, -2, 2);
        float[] gamma = random(20, c, 0.5, 1.5), beta = random(21, c, -1, 1);
        float[] mean = random(22, c, -0.5, 0.5), variance = random(23, c, 0.5, 2);
        Map<String, float[]> weights = Map.of("batch_normalization_1_gamma", gamma, "batch_normalization_1_beta", beta,
                "batch_normalization_1_moving_mean", mean, "batch_normalization_1_moving_variance", variance);
        float[] y = forward(Models.input(2, c).batchNorm().build(), weights, x, n);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            expected[i] = (float) ((x[i] - mean[ch]) / Math.sqrt(variance[ch] + 0.001) * gamma[ch] + beta[ch]);
        }
        assertClose(expected, y, 1e-5);
    }

    @Test
    void batchNormWhileTrainingUsesBatchStatistics() {
        int n = 5, c = 3;
        float[] x = random(24, n * c, -2, 2);
        try (ModelGraph graph = ModelGraph.build(Models.input(c).batchNorm().build(), ONE_THREAD, 1L)) {
            float[] y = graph.predict(x, n, true);
            for (int ch = 0; ch < c; ch++) {
                double mean = 0, variance = 0;
                for (int b = 0; b < n; b++) mean += x[b * c + ch] / (double) n;
                for (int b = 0; b < n; b++) variance += Math.pow(x[b * c + ch] - mean, 2) / n;
                for (int b = 0; b < n; b++) {
                    assertEquals((x[b * c + ch] - mean) / Math.sqrt(variance + 0.001), y[b * c + ch], 1e-5);
                }
            }
        }
    }

    @Test
    void embeddingLooksUpRows() {
        float[] table = random(25, 6 * 3, -1, 1);
        float[] x = {5, 0, 2, 2, 1, 5};
        float[] y = forward(Models.input(3).embedding(6, 3).build(), Map.of("embedding_1_embeddings", table), x, 2);
        float[] expected = new float[x.length * 3];
        for (int i = 0; i < x.length; i++) System.arraycopy(table, (int) x[i] * 3, expected, i * 3, 3);
        assertClose(expected, y, 0);
    }

    @ParameterizedTest(name = "{0} sequences={1} backwards={2} reset_after={3}")
    @CsvSource({"SimpleRNN,false,false,false", "SimpleRNN,true,true,false", "LSTM,false,false,false",
            "LSTM,true,false,false", "LSTM,false,true,false", "GRU,false,false,true", "GRU,true,false,true",
            "GRU,false,false,false", "GRU,true,true,false"})
    void recurrentLayersMatchKerasFormulas(String kind, boolean sequences, boolean backwards, boolean resetAfter) {
        int n = 2, steps = 5, in = 3, u = 4;
        int g = switch (kind) { case "LSTM" -> 4; case "GRU" -> 3; default -> 1; };
        Models models = Models.input(steps, in);
        models = kind.equals("GRU")
                ? models.recurrent(kind, u, sequences, "go_backwards", backwards, "reset_after", resetAfter)
                : models.recurrent(kind, u, sequences, "go_backwards", backwards);
        String prefix = kind.equals("SimpleRNN") ? "simple_rnn_1_" : kind.toLowerCase(java.util.Locale.ROOT) + "_1_";
        float[] x = random(26, n * steps * in, -1, 1);
        float[] kernel = random(27, in * g * u, -0.7, 0.7), recurrent = random(28, u * g * u, -0.7, 0.7);
        float[] bias = random(29, (resetAfter ? 2 : 1) * g * u, -0.5, 0.5);
        Map<String, float[]> weights = new LinkedHashMap<>();
        weights.put(prefix + "kernel", kernel);
        weights.put(prefix + "recurrent_kernel", recurrent);
        weights.put(prefix + "bias", bias);
        float[] y = forward(models.build(), weights, x, n);
        assertClose(Reference.recurrent(kind, x, n, steps, in, u, kernel, recurrent, bias, resetAfter, backwards, sequences),
                y, 2e-5);
    }

    @Test
    void bidirectionalConcatenatesForwardAndTimeAlignedBackward() {
        int n = 2, steps = 4, in = 3, u = 2;
        float[] x = random(30, n * steps * in, -1, 1);
        Map<String, float[]> weights = new LinkedHashMap<>();
        float[][] w = new float[6][];
        String[] names = {"kernel", "recurrent_kernel", "bias"};
        int[] sizes = {in * 4 * u, u * 4 * u, 4 * u};
        for (int d = 0; d < 2; d++) {
            for (int p = 0; p < 3; p++) {
                w[d * 3 + p] = random(31 + d * 3 + p, sizes[p], -0.6, 0.6);
                weights.put("bidirectional_1_" + (d == 0 ? "forward_" : "backward_") + names[p], w[d * 3 + p]);
            }
        }
        float[] y = forward(Models.input(steps, in).recurrent("LSTM", u, true).bidirectional("concat").build(), weights, x, n);
        float[] forward = Reference.recurrent("LSTM", x, n, steps, in, u, w[0], w[1], w[2], false, false, true);
        float[] backward = Reference.recurrent("LSTM", x, n, steps, in, u, w[3], w[4], w[5], false, true, true);
        float[] expected = new float[n * steps * 2 * u];
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
                for (int j = 0; j < u; j++) {
                    expected[(b * steps + t) * 2 * u + j] = forward[(b * steps + t) * u + j];
                    // The backward pass saw time step t at its position steps-1-t; Keras realigns it.
                    expected[(b * steps + t) * 2 * u + u + j] = backward[(b * steps + steps - 1 - t) * u + j];
                }
        assertClose(expected, y, 2e-5);
    }

    @Test
    void dropoutIsIdentityAtEvaluationAndScaledMaskWhileTraining() {
        int n = 50, width = 40;
        float[] x = random(40, n * width, 1, 2);
        try (ModelGraph graph = ModelGraph.build(Models.input(width).dropout(0.25).build(), ONE_THREAD, 3L)) {
            assertClose(x, graph.predict(x, n), 0);
            float[] y = graph.predict(x, n, true);
            int dropped = 0;
            for (int i = 0; i < x.length; i++) {
                if (y[i] == 0) dropped++;
                else assertEquals(x[i] / 0.75, y[i], 1e-5);
            }
            double fraction = dropped / (double) x.length;
            assertTrue(Math.abs(fraction - 0.25) < 0.04, "dropped fraction " + fraction);
        }
    }

    // ---- the layers added with the typed seam, compiled by the real compiler (Flatten keeps row-major order) ----

    @Test
    void leakyReluScalesNegativeValuesBySlope() {
        float[] x = random(40, 2 * 6, -2, 2);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[6]", "LeakyReLU(negative_slope=0.2)"), Map.of(), x, 2);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] > 0 ? x[i] : 0.2f * x[i];
        assertClose(expected, y, 1e-7);
        // Keras 3's default slope is 0.3
        y = forward(dev.dlm.runtime.testing.Compiled.model("[6]", "LeakyReLU()"), Map.of(), x, 2);
        for (int i = 0; i < x.length; i++) expected[i] = x[i] > 0 ? x[i] : 0.3f * x[i];
        assertClose(expected, y, 1e-7);
    }

    @Test
    void layerNormalizationNormalizesEachPositionOverTheLastAxis() {
        int n = 2, steps = 3, c = 4;
        float[] x = random(41, n * steps * c, -3, 3);
        float[] gamma = random(42, c, 0.5, 1.5), beta = random(43, c, -1, 1);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[3, 4]", "LayerNormalization(epsilon=0.01)", "Flatten()"),
                Map.of("layer_normalization_gamma", gamma, "layer_normalization_beta", beta), x, n);
        float[] expected = new float[x.length];
        for (int row = 0; row < n * steps; row++) {
            double mean = 0, variance = 0;
            for (int j = 0; j < c; j++) mean += x[row * c + j] / (double) c;
            for (int j = 0; j < c; j++) variance += Math.pow(x[row * c + j] - mean, 2) / c;
            for (int j = 0; j < c; j++) {
                expected[row * c + j] = (float) ((x[row * c + j] - mean) / Math.sqrt(variance + 0.01) * gamma[j] + beta[j]);
            }
        }
        assertClose(expected, y, 1e-5);
    }

    @Test
    void upSampling2dRepeatsEachPixel() {
        int n = 2, h = 2, w = 3, c = 2, sh = 2, sw = 3;
        float[] x = random(44, n * h * w * c, -1, 1);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[2, 3, 2]", "UpSampling2D(size=(2, 3))", "Flatten()"), Map.of(), x, n);
        float[] expected = new float[n * h * sh * w * sw * c];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < h * sh; i++)
                for (int j = 0; j < w * sw; j++)
                    for (int k = 0; k < c; k++) {
                        expected[((b * h * sh + i) * w * sw + j) * c + k] = x[((b * h + i / sh) * w + j / sw) * c + k];
                    }
        assertClose(expected, y, 0);
    }

    @Test
    void reluLayerAppliesThresholdSlopeAndCap() {
        float[] x = random(45, 2 * 8, -4, 8);
        // Keras: max_value where x >= max_value; x where threshold <= x; negative_slope * (x - threshold) below
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[8]", "ReLU(max_value=6, negative_slope=0.1, threshold=1)"), Map.of(), x, 2);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = (float) Math.min(6, x[i] >= 1 ? x[i] : 0.1 * (x[i] - 1));
        assertClose(expected, y, 1e-6);
        float[] plain = forward(dev.dlm.runtime.testing.Compiled.model("[8]", "ReLU()"), Map.of(), x, 2);
        for (int i = 0; i < x.length; i++) expected[i] = Math.max(0, x[i]);
        assertClose(expected, plain, 0);
    }

    @Test
    void eluAndSoftmaxLayers() {
        float[] x = random(46, 2 * 5, -3, 3);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[5]", "ELU(alpha=0.5)"), Map.of(), x, 2);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = (float) (x[i] > 0 ? x[i] : 0.5 * (Math.exp(x[i]) - 1));
        assertClose(expected, y, 1e-6);
        assertClose(Reference.softmax(x, 5), forward(dev.dlm.runtime.testing.Compiled.model("[5]", "Softmax()"), Map.of(), x, 2), 1e-6);
    }

    @Test
    void permuteTransposesTheSampleAndRepeatVectorRepeatsIt() {
        int n = 2, a = 2, b = 3, c = 4;
        float[] x = random(47, n * a * b * c, -1, 1);
        // Permute((3, 1, 2)): out[i][j][k] = in[j][k][i], out shape [c, a, b]
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[2, 3, 4]", "Permute((3, 1, 2))", "Flatten()"), Map.of(), x, n);
        float[] expected = new float[x.length];
        for (int s = 0; s < n; s++)
            for (int i = 0; i < c; i++)
                for (int j = 0; j < a; j++)
                    for (int k = 0; k < b; k++) expected[s * a * b * c + (i * a + j) * b + k] = x[s * a * b * c + (j * b + k) * c + i];
        assertClose(expected, y, 0);
        float[] v = random(48, n * 3, -1, 1);
        float[] r = forward(dev.dlm.runtime.testing.Compiled.model("[3]", "RepeatVector(2)", "Flatten()"), Map.of(), v, n);
        float[] repeated = new float[n * 2 * 3];
        for (int s = 0; s < n; s++) for (int t = 0; t < 2; t++) for (int f = 0; f < 3; f++) repeated[(s * 2 + t) * 3 + f] = v[s * 3 + f];
        assertClose(repeated, r, 0);
    }

    @Test
    void zeroPaddingSurroundsTheImageWithZerosAndCroppingCutsItBack() {
        int n = 2, h = 3, w = 4, c = 2;
        float[] x = random(49, n * h * w * c, -1, 1);
        // ZeroPadding2D(((1, 2), (3, 0))): out[i][j] = in[i - 1][j - 3] inside, 0 outside; out [6, 7, c]
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[3, 4, 2]", "ZeroPadding2D(((1, 2), (3, 0)))", "Flatten()"), Map.of(), x, n);
        int oh = h + 3, ow = w + 3;
        float[] padded = new float[n * oh * ow * c];
        for (int s = 0; s < n; s++)
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    for (int k = 0; k < c; k++) padded[((s * oh + i + 1) * ow + j + 3) * c + k] = x[((s * h + i) * w + j) * c + k];
        assertClose(padded, y, 0);
        // Cropping2D(((1, 2), (3, 0))) undoes it exactly
        float[] back = forward(dev.dlm.runtime.testing.Compiled.model("[6, 7, 2]", "Cropping2D(((1, 2), (3, 0)))", "Flatten()"), Map.of(), padded, n);
        assertClose(x, back, 0);
    }

    @ParameterizedTest(name = "k={0} stride={1} dilation={2}")
    @CsvSource({"3,1,1", "2,1,3", "3,2,1", "4,3,1"})
    void conv1dCausalIsAValidConvolutionAfterLeftZeros(int k, int stride, int dilation) {
        int n = 2, steps = 7, cin = 2, f = 3, before = (k - 1) * dilation;
        float[] x = random(50, n * steps * cin, -1, 1), kernel = random(51, k * cin * f, -1, 1), bias = random(52, f, -1, 1);
        var model = dev.dlm.runtime.testing.Compiled.model("[7, 2]",
                "Conv1D(3, " + k + ", strides=" + stride + ", padding='causal', dilation_rate=" + dilation + ")", "Flatten()");
        float[] y = forward(model, Map.of("conv1d_kernel", kernel, "conv1d_bias", bias), x, n);
        float[] padded = new float[n * (steps + before) * cin];
        for (int s = 0; s < n; s++) System.arraycopy(x, s * steps * cin, padded, (s * (steps + before) + before) * cin, steps * cin);
        float[] expected = Reference.conv2d(padded, n, 1, steps + before, cin, kernel, 1, k, f, bias, stride, dilation, false);
        assertEquals((steps + stride - 1) / stride * f * n, expected.length, "Keras's ceil(steps / strides) steps");
        assertClose(expected, y, 1e-5);
    }

    @Test
    void spatialDropoutDropsWholeChannelsWhileTrainingOnly() {
        int n = 40, steps = 6, c = 8;
        float[] x = random(53, n * steps * c, 1, 2);
        try (ModelGraph graph = ModelGraph.build(dev.dlm.runtime.testing.Compiled.model("[6, 8]", "SpatialDropout1D(0.25)", "Flatten()"),
                ONE_THREAD, 3L)) {
            assertClose(x, graph.predict(x, n), 0);
            float[] y = graph.predict(x, n, true);
            int dropped = 0;
            for (int b = 0; b < n; b++)
                for (int ch = 0; ch < c; ch++) {
                    boolean zero = y[(b * steps) * c + ch] == 0;
                    if (zero) dropped++;
                    for (int t = 0; t < steps; t++) {
                        int i = (b * steps + t) * c + ch;
                        // one draw per (sample, channel): every step of a channel is kept or dropped together
                        if (zero) assertEquals(0, y[i], 0, "sample " + b + " channel " + ch + " step " + t);
                        else assertEquals(x[i] / 0.75, y[i], 1e-5);
                    }
                }
            double fraction = dropped / (double) (n * c);
            assertTrue(Math.abs(fraction - 0.25) < 0.08, "dropped channel fraction " + fraction);
        }
        int h = 3, w = 3;
        float[] image = random(54, n * h * w * c, 1, 2);
        try (ModelGraph graph = ModelGraph.build(dev.dlm.runtime.testing.Compiled.model("[3, 3, 8]", "SpatialDropout2D(0.5)", "Flatten()"),
                ONE_THREAD, 3L)) {
            assertClose(image, graph.predict(image, n), 0);
            float[] y = graph.predict(image, n, true);
            for (int b = 0; b < n; b++)
                for (int ch = 0; ch < c; ch++) {
                    boolean zero = y[(b * h * w) * c + ch] == 0;
                    for (int p = 0; p < h * w; p++) assertEquals(zero, y[(b * h * w + p) * c + ch] == 0, "one draw per channel");
                }
        }
    }

    @Test
    void gaussianNoiseAddsNormalNoiseWhileTrainingOnly() {
        int n = 100, width = 50;
        float[] x = random(55, n * width, -1, 1);
        try (ModelGraph graph = ModelGraph.build(dev.dlm.runtime.testing.Compiled.model("[50]", "GaussianNoise(0.5)"), ONE_THREAD, 3L)) {
            assertClose(x, graph.predict(x, n), 0);
            float[] y = graph.predict(x, n, true);
            double sum = 0, squares = 0;
            for (int i = 0; i < x.length; i++) {
                double d = y[i] - x[i];
                sum += d;
                squares += d * d;
            }
            double mean = sum / x.length, std = Math.sqrt(squares / x.length - mean * mean);
            // 5,000 draws: the mean's standard error is 0.5 / sqrt(5000) = 0.007
            assertTrue(Math.abs(mean) < 0.03, "noise mean " + mean);
            assertTrue(Math.abs(std - 0.5) < 0.03, "noise standard deviation " + std);
        }
    }

    @ParameterizedTest(name = "k={0} stride={1} padding={2} dilation={3} multiplier={4}")
    @CsvSource({"3,1,valid,1,1", "3,2,same,1,2", "2,1,valid,2,3", "3,2,valid,2,1", "4,3,same,1,2"})
    void depthwiseConv2dMatchesPerChannelCrossCorrelation(int k, int stride, String padding, int dilation, int m) {
        int n = 2, h = 9, w = 8, cin = 3;
        float[] x = random(56, n * h * w * cin, -1, 1), kernel = random(57, k * k * cin * m, -1, 1), bias = random(58, cin * m, -1, 1);
        var model = dev.dlm.runtime.testing.Compiled.model("[9, 8, 3]", "DepthwiseConv2D(" + k + ", strides=" + stride + ", padding='" + padding
                + "', dilation_rate=" + dilation + ", depth_multiplier=" + m + ")", "Flatten()");
        float[] y = forward(model, Map.of("depthwise_conv2d_kernel", kernel, "depthwise_conv2d_bias", bias), x, n);
        assertClose(Reference.depthwiseConv2d(x, n, h, w, cin, kernel, k, k, m, bias, stride, dilation, padding.equals("same")), y, 1e-5);
    }

    @Test
    void separableConv2dIsDepthwiseThenADenseOverChannels() {
        int n = 2, h = 6, w = 5, cin = 3, m = 2, f = 4;
        float[] x = random(59, n * h * w * cin, -1, 1), depthwise = random(60, 3 * 3 * cin * m, -1, 1);
        float[] pointwise = random(61, cin * m * f, -1, 1), bias = random(62, f, -1, 1);
        var model = dev.dlm.runtime.testing.Compiled.model("[6, 5, 3]", "SeparableConv2D(4, 3, padding='same', depth_multiplier=2)", "Flatten()");
        float[] y = forward(model, Map.of("separable_conv2d_depthwise_kernel", depthwise, "separable_conv2d_pointwise_kernel", pointwise,
                "separable_conv2d_bias", bias), x, n);
        float[] middle = Reference.depthwiseConv2d(x, n, h, w, cin, depthwise, 3, 3, m, null, 1, 1, true);
        assertClose(Reference.dense(middle, n * h * w, cin * m, pointwise, f, bias), y, 1e-5);
    }

    @ParameterizedTest(name = "k={0} stride={1} dilation={2} padding={3} output_padding={4}")
    @CsvSource({"3,1,1,valid,-1", "3,2,1,valid,-1", "3,2,1,same,-1", "3,2,1,same,1", "4,3,1,same,2", "3,1,2,valid,-1",
            "1,2,1,same,-1", "2,2,1,same,-1", "4,2,1,same,-1", "3,2,1,valid,1", "3,1,2,same,-1"})
    void conv2dTransposeMatchesItsDefinition(int k, int stride, int dilation, String padding, int outputPadding) {
        // the configurations checked against Keras 3.15 in Reference.convTranspose2d's comment
        int n = 2, h = 4, w = 5, cin = 3, f = 2;
        float[] x = random(63, n * h * w * cin, -1, 1), kernel = random(64, k * k * f * cin, -1, 1), bias = random(65, f, -1, 1);
        var model = dev.dlm.runtime.testing.Compiled.model("[4, 5, 3]", "Conv2DTranspose(2, " + k + ", strides=" + stride
                + ", dilation_rate=" + dilation + ", padding='" + padding + "'" + (outputPadding >= 0 ? ", output_padding=" + outputPadding : "")
                + ")", "Flatten()");
        var out = model.layers().get(0).output();
        float[] y = forward(model, Map.of("conv2d_transpose_kernel", kernel, "conv2d_transpose_bias", bias), x, n);
        assertClose(Reference.convTranspose2d(x, n, h, w, cin, kernel, k, f, bias, stride, dilation, padding.equals("same"),
                Math.toIntExact(out.dim(0)), Math.toIntExact(out.dim(1))), y, 1e-5);
    }

    @Test
    void timeDistributedAppliesOneLayerToEveryStep() {
        int n = 2, steps = 3, in = 4, out = 5;
        float[] x = random(66, n * steps * in, -1, 1), w = random(67, in * out, -1, 1), b = random(68, out, -1, 1);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[3, 4]", "TimeDistributed(Dense(5, activation='tanh'))", "Flatten()"),
                Map.of("time_distributed_kernel", w, "time_distributed_bias", b), x, n);
        assertClose(Reference.apply("tanh", Reference.dense(x, n * steps, in, w, out, b)), y, TOLERANCE);
        int h = 5, cin = 2, f = 3;
        float[] images = random(69, n * steps * h * h * cin, -1, 1), kernel = random(70, 3 * 3 * cin * f, -1, 1), bias = random(71, f, -1, 1);
        float[] z = forward(dev.dlm.runtime.testing.Compiled.model("[3, 5, 5, 2]", "TimeDistributed(Conv2D(3, 3))", "Flatten()"),
                Map.of("time_distributed_kernel", kernel, "time_distributed_bias", bias), images, n);
        // the steps are independent images: a convolution over n * steps samples
        assertClose(Reference.conv2d(images, n * steps, h, h, cin, kernel, 3, 3, f, bias, 1, 1, false), z, 1e-5);
    }

    @Test
    void embeddingOnRankTwoIdsLooksUpEveryId() {
        int n = 2, a = 3, b = 4, vocabulary = 7, dim = 2;
        float[] ids = new float[n * a * b];
        for (int i = 0; i < ids.length; i++) ids[i] = (i * 5 + 3) % vocabulary;
        float[] table = random(72, vocabulary * dim, -1, 1);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[3, 4]", "Embedding(7, 2)", "Flatten()"), Map.of("embedding_embeddings", table), ids, n);
        float[] expected = new float[ids.length * dim];
        for (int i = 0; i < ids.length; i++) System.arraycopy(table, (int) ids[i] * dim, expected, i * dim, dim);
        assertClose(expected, y, 0);
    }

    @Test
    void batchNormOnTheFirstAxisNormalizesEachOfItsChannels() {
        // BatchNormalization(axis=1) on [c, h, w] (channels first): statistics over the batch, h and w
        int n = 4, c = 3, h = 2, w = 5;
        float[] x = random(73, n * c * h * w, -2, 2);
        float[] gamma = random(74, c, 0.5, 1.5), beta = random(75, c, -1, 1);
        float[] mean = random(76, c, -0.5, 0.5), variance = random(77, c, 0.5, 2);
        var model = dev.dlm.runtime.testing.Compiled.model("[3, 2, 5]", "BatchNormalization(axis=1)", "Flatten()");
        Map<String, float[]> weights = Map.of("batch_normalization_gamma", gamma, "batch_normalization_beta", beta,
                "batch_normalization_moving_mean", mean, "batch_normalization_moving_variance", variance);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i / (h * w) % c;
            expected[i] = (float) ((x[i] - mean[ch]) / Math.sqrt(variance[ch] + 0.001) * gamma[ch] + beta[ch]);
        }
        assertClose(expected, forward(model, weights, x, n), 1e-5);
        try (ModelGraph graph = ModelGraph.build(model, ONE_THREAD, 1L)) {
            weights.forEach(graph::setWeight);
            float[] y = graph.predict(x, n, true);
            for (int ch = 0; ch < c; ch++) {
                double m = 0, v = 0;
                int count = n * h * w;
                for (int b = 0; b < n; b++) for (int p = 0; p < h * w; p++) m += x[(b * c + ch) * h * w + p] / (double) count;
                for (int b = 0; b < n; b++) for (int p = 0; p < h * w; p++) v += Math.pow(x[(b * c + ch) * h * w + p] - m, 2) / count;
                for (int b = 0; b < n; b++)
                    for (int p = 0; p < h * w; p++) {
                        int i = (b * c + ch) * h * w + p;
                        assertEquals((x[i] - m) / Math.sqrt(v + 0.001) * gamma[ch] + beta[ch], y[i], 1e-5);
                    }
            }
        }
    }

    @Test
    void channelsFirstConvolutionAndPoolingEqualChannelsLastOnTransposedData() {
        int n = 2, c = 3, h = 6, w = 5, f = 4;
        float[] x = random(78, n * c * h * w, -1, 1), kernel = random(79, 3 * 3 * c * f, -1, 1), bias = random(80, f, -1, 1);
        float[] y = forward(dev.dlm.runtime.testing.Compiled.model("[3, 6, 5]", "Conv2D(4, 3, padding='same', data_format='channels_first')",
                "MaxPooling2D(data_format='channels_first')", "Flatten()"), Map.of("conv2d_kernel", kernel, "conv2d_bias", bias), x, n);
        // the reference: channels last, then both transposes by index
        float[] last = new float[x.length];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < h * w; p++) last[(b * h * w + p) * c + ch] = x[(b * c + ch) * h * w + p];
        float[] conv = Reference.conv2d(last, n, h, w, c, kernel, 3, 3, f, bias, 1, 1, true);
        float[] pooled = Reference.pool2d(conv, n, h, w, f, 2, 2, false, true);
        int ph = h / 2, pw = w / 2;
        float[] expected = new float[pooled.length];
        for (int b = 0; b < n; b++)
            for (int p = 0; p < ph * pw; p++)
                for (int g = 0; g < f; g++) expected[(b * f + g) * ph * pw + p] = pooled[(b * ph * pw + p) * f + g];
        assertClose(expected, y, 1e-5);
        // a global pooling of channels-first data averages each channel
        float[] mean = forward(dev.dlm.runtime.testing.Compiled.model("[3, 6, 5]", "GlobalAveragePooling2D(data_format='channels_first')"),
                Map.of(), x, n);
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++) {
                double s = 0;
                for (int p = 0; p < h * w; p++) s += x[(b * c + ch) * h * w + p];
                assertEquals(s / (h * w), mean[b * c + ch], 1e-5);
            }
    }

    /** {@code [n, c, h, w]} as {@code [n, h, w, c]}. */
    private static float[] toChannelsLast(float[] x, int n, int c, int h, int w) {
        float[] out = new float[x.length];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < h * w; p++) out[(b * h * w + p) * c + ch] = x[(b * c + ch) * h * w + p];
        return out;
    }

    /**
     * Each newer 2-D layer with {@code data_format='channels_first'} computes, on {@code [c, h, w]}
     * data, what it computes channels last on the transposed data (whose forward passes the tests
     * above pin against plain-Java references), followed by Keras 3's channels-last Flatten.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ZeroPadding2D(((1, 2), (3, 0)))", "Cropping2D(((1, 0), (2, 1)))",
            "UpSampling2D((2, 3))", "DepthwiseConv2D(3, depth_multiplier=2)", "SeparableConv2D(4, 3, strides=2, depth_multiplier=2)",
            "Conv2DTranspose(4, 3, strides=2)"})
    void newerImageLayersChannelsFirstEqualChannelsLastOnTransposedData(String layer) {
        int n = 2, c = 3, h = 7, w = 6;
        float[] x = random(81, n * c * h * w, -1, 1);
        String first = layer.substring(0, layer.length() - 1) + ", data_format='channels_first')";
        // channels_first, then a channels-first Flatten (Keras 3 moves the channels last before flattening)
        CheckedModel cf = dev.dlm.runtime.testing.Compiled.model("[3, 7, 6]", first, "Flatten(data_format='channels_first')");
        CheckedModel cl = dev.dlm.runtime.testing.Compiled.model("[7, 6, 3]", layer, "Flatten()");
        Map<String, float[]> weights = new java.util.HashMap<>();
        long seed = 90;
        for (var spec : cl.layers().get(0).params()) {
            weights.put(cl.layers().get(0).name() + "_" + spec.name(), random(seed++, Math.toIntExact(spec.count()), -1, 1));
        }
        assertEquals(cl.layers().get(0).params(), cf.layers().get(0).params(), "the same weights");
        assertClose(forward(cl, weights, toChannelsLast(x, n, c, h, w), n), forward(cf, weights, x, n), 1e-5);
    }

    @Test
    void flattenOfChannelsFirstDataMovesTheChannelsLastFirstAsKeras3Does() {
        float[] x = new float[12];
        for (int i = 0; i < 12; i++) x[i] = i;
        // Keras 3.15: Flatten(data_format='channels_first')(np.arange(12).reshape(1, 3, 2, 2))
        assertClose(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11},
                forward(dev.dlm.runtime.testing.Compiled.model("[3, 2, 2]", "Flatten(data_format='channels_first')"), Map.of(), x, 1), 0);
        assertClose(x, forward(dev.dlm.runtime.testing.Compiled.model("[3, 2, 2]", "Flatten()"), Map.of(), x, 1), 0);
    }

    @Test
    void globalPoolingWithKeepdimsKeepsOnesForTheSpatialAxes() {
        int n = 2, c = 3, h = 4, w = 5;
        float[] x = random(82, n * c * h * w, -1, 1);
        float[] last = toChannelsLast(x, n, c, h, w);
        float[] kept = forward(dev.dlm.runtime.testing.Compiled.model("[4, 5, 3]", "GlobalAveragePooling2D(keepdims=True)", "Flatten()"), Map.of(), last, n);
        float[] max = forward(dev.dlm.runtime.testing.Compiled.model("[3, 4, 5]", "GlobalMaxPooling2D(keepdims=True, data_format='channels_first')",
                "Flatten()"), Map.of(), x, n);
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++) {
                double s = 0, m = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < h * w; p++) {
                    s += x[(b * c + ch) * h * w + p];
                    m = Math.max(m, x[(b * c + ch) * h * w + p]);
                }
                assertEquals(s / (h * w), kept[b * c + ch], 1e-5);
                assertEquals(m, max[b * c + ch], 0);
            }
    }
}
