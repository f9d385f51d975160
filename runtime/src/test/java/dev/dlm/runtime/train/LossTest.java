package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.LossOptions;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each loss, with its Keras arguments, against a plain-Java reference written from Keras 3's
 * {@code keras/src/losses/losses.py} and the TensorFlow backend's crossentropies: the value
 * on a batch, and the gradient of the kernel of the {@code Dense} layer before it (the
 * reference's central differences in double precision). The model is
 * {@code Dense(k) [+ activation]} with fixed weights.
 */
class LossTest {

    static final int N = 4, IN = 3;
    static final float[] X = {0.5f, -1f, 2f, 1.5f, 0.25f, -0.5f, -1f, 1f, 0.75f, 0.2f, 0.4f, -0.3f};

    /** One case: a loss with arguments, the output width and activation, and targets. */
    record Case(String loss, LossOptions options, int width, String activation, float[] targets) {
        @Override public String toString() { return loss + options.config(Loss.byName(loss)) + " on " + activation; }
    }

    static final float[] ONE_HOT = {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0};
    static final float[] MULTI_LABEL = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    static final float[] DISTRIBUTION = {0.2f, 0.5f, 0.3f, 0, 0.9f, 0.1f, 1, 0, 0, 0.4f, 0.4f, 0.2f};
    static final float[] VALUES = {2.5f, -1, 0.3f, -0.2f, 0.9f, 4, 0, 1.2f, -3, 0.6f, 0.1f, 0.05f};

    static Stream<Case> cases() {
        LossOptions d = LossOptions.DEFAULT;
        return Stream.of(
                new Case("categorical_crossentropy", d, 3, "softmax", ONE_HOT),
                new Case("categorical_crossentropy", new LossOptions(false, 0.2, 1), 3, "softmax", ONE_HOT),
                new Case("categorical_crossentropy", new LossOptions(true, 0.1, 1), 3, "linear", ONE_HOT),
                new Case("categorical_crossentropy", d, 3, "relu", ONE_HOT), // normalized and clipped probabilities
                new Case("sparse_categorical_crossentropy", new LossOptions(true, 0, 1), 3, "linear", ONE_HOT),
                new Case("binary_crossentropy", d, 3, "sigmoid", MULTI_LABEL),
                new Case("binary_crossentropy", new LossOptions(false, 0.1, 1), 3, "sigmoid", MULTI_LABEL),
                new Case("binary_crossentropy", new LossOptions(true, 0.3, 1), 3, "linear", MULTI_LABEL),
                new Case("mean_squared_error", d, 3, "linear", VALUES),
                new Case("mean_absolute_error", d, 3, "linear", VALUES),
                new Case("huber", d, 3, "linear", VALUES),
                new Case("huber", new LossOptions(false, 0, 0.5), 3, "linear", VALUES),
                new Case("kl_divergence", d, 3, "softmax", DISTRIBUTION));
    }

    static final float[] KERNEL = {0.4f, -0.3f, 0.8f, 0.1f, 0.6f, -0.7f, -0.5f, 0.2f, 0.3f};
    static final float[] BIAS = {0.1f, -0.2f, 0.05f};

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientFollowKeras(Case c) {
        var model = Models.input(IN).dense(c.width(), "linear").activation(c.activation()).loss(c.loss())
                .lossOptions(c.options()).build();
        try (ModelGraph graph = ModelGraph.build(model, RunOptions.defaults().withThreads(1, 1), 3L)) {
            graph.setWeight("dense_1_kernel", KERNEL);
            graph.setWeight("dense_1_bias", BIAS);
            ModelGraph.LossAndGradients actual = graph.lossAndGradients(X, c.targets(), N, false);
            double[] w = toDouble(KERNEL);
            assertEquals(reference(c, w), actual.loss(), 1e-5 * Math.max(1, Math.abs(actual.loss())), "loss");
            float[] gradient = actual.gradients().get("dense_1_kernel");
            for (int i = 0; i < w.length; i++) {
                double h = 1e-6, saved = w[i];
                w[i] = saved + h;
                double plus = reference(c, w);
                w[i] = saved - h;
                double minus = reference(c, w);
                w[i] = saved;
                double expected = (plus - minus) / (2 * h);
                assertEquals(expected, gradient[i], 1e-4 * Math.max(1, Math.abs(expected)), "d loss / d kernel[" + i + "]");
            }
        }
    }

    /** Keras's loss of the batch: the mean over samples of the per-sample loss. */
    static double reference(Case c, double[] kernel) {
        Loss loss = Loss.byName(c.loss());
        LossOptions o = c.options();
        int k = c.width();
        double total = 0;
        for (int n = 0; n < N; n++) {
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = BIAS[j];
                for (int i = 0; i < IN; i++) z[j] += X[n * IN + i] * kernel[i * k + j];
            }
            double[] p = activate(c.activation(), z);
            double[] y = new double[k];
            for (int j = 0; j < k; j++) y[j] = c.targets()[n * k + j];
            total += switch (loss) {
                case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> {
                    for (int j = 0; j < k; j++) y[j] = y[j] * (1 - o.labelSmoothing()) + o.labelSmoothing() / k;
                    // From logits (given, or a softmax's input): -sum y log softmax(z), exactly.
                    boolean logits = o.fromLogits() || c.activation().equals("softmax");
                    double[] q = logits ? activate("softmax", z) : normalizedAndClipped(p);
                    double s = 0;
                    for (int j = 0; j < k; j++) s -= y[j] * Math.log(q[j]);
                    yield s;
                }
                case BINARY_CROSSENTROPY -> {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        double t = y[j] * (1 - o.labelSmoothing()) + 0.5 * o.labelSmoothing();
                        double q = o.fromLogits() ? sigmoid(z[j]) : p[j];
                        s -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
                    }
                    yield s / k;
                }
                case MEAN_SQUARED_ERROR -> {
                    double s = 0;
                    for (int j = 0; j < k; j++) s += (p[j] - y[j]) * (p[j] - y[j]);
                    yield s / k;
                }
                case MEAN_ABSOLUTE_ERROR -> {
                    double s = 0;
                    for (int j = 0; j < k; j++) s += Math.abs(p[j] - y[j]);
                    yield s / k;
                }
                case HUBER -> {
                    double s = 0, delta = o.delta();
                    for (int j = 0; j < k; j++) {
                        double e = Math.abs(p[j] - y[j]);
                        s += e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
                    }
                    yield s / k;
                }
                case KL_DIVERGENCE -> {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        double t = Math.min(1, Math.max(1e-7, y[j])), q = Math.min(1, Math.max(1e-7, p[j]));
                        s += t * Math.log(t / q);
                    }
                    yield s;
                }
            };
        }
        return total / N;
    }

    /** Keras's crossentropy on probabilities: divided by their sum, clipped to [1e-7, 1 - 1e-7]. */
    private static double[] normalizedAndClipped(double[] p) {
        double sum = 0;
        for (double v : p) sum += v;
        double[] q = new double[p.length];
        for (int j = 0; j < p.length; j++) q[j] = Math.min(1 - 1e-7, Math.max(1e-7, p[j] / sum));
        return q;
    }

    private static double[] activate(String name, double[] z) {
        double[] out = new double[z.length];
        switch (name) {
            case "linear" -> System.arraycopy(z, 0, out, 0, z.length);
            case "relu" -> { for (int j = 0; j < z.length; j++) out[j] = Math.max(0, z[j]); }
            case "sigmoid" -> { for (int j = 0; j < z.length; j++) out[j] = sigmoid(z[j]); }
            case "softmax" -> {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : z) max = Math.max(max, v);
                for (int j = 0; j < z.length; j++) sum += out[j] = Math.exp(z[j] - max);
                for (int j = 0; j < z.length; j++) out[j] /= sum;
            }
            default -> throw new IllegalArgumentException(name);
        }
        return out;
    }

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }
}
