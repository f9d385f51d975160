package dev.dlm.compiler.ir;

import java.util.List;

/**
 * How a weight's initial values are drawn, as Keras defines its initializers. The runtime
 * computes each from a seed in Java, so the same seed gives the same weights everywhere.
 */
public sealed interface Initializer
        permits Initializer.VarianceScaling, Initializer.Orthogonal, Initializer.Constant, Initializer.RandomUniform,
        Initializer.Segments {

    /** Keras's name ({@code glorot_uniform}); what the file and the summary call it. */
    String kerasName();

    /** How a variance-scaling initializer counts the fans of a weight. */
    enum FanMode { FAN_IN, FAN_OUT, FAN_AVG }

    /** The distribution a variance-scaling initializer samples. */
    enum Distribution { UNIFORM, TRUNCATED_NORMAL }

    /**
     * Keras's {@code VarianceScaling}: with {@code n} the fan chosen by {@code mode}, uniform on
     * {@code [-sqrt(3 scale / n), sqrt(3 scale / n)]} or a normal truncated at two deviations
     * with standard deviation {@code sqrt(scale / n)}. Glorot, He and LeCun are instances.
     */
    record VarianceScaling(String kerasName, double scale, FanMode mode, Distribution distribution) implements Initializer {}

    /** Keras's {@code Orthogonal}: Q of the QR decomposition of a Gaussian matrix, times {@code gain}. */
    record Orthogonal(double gain) implements Initializer {
        public String kerasName() { return "orthogonal"; }
    }

    /** Every value {@code value}: Keras's {@code zeros} and {@code ones}. */
    record Constant(String kerasName, double value) implements Initializer {}

    /** Keras's {@code RandomUniform(minval, maxval)}: uniform on {@code [min, max)}. */
    record RandomUniform(double min, double max) implements Initializer {
        public String kerasName() { return "random_uniform"; }
    }

    /**
     * Consecutive blocks along the last axis, each with its own initializer: how Keras builds
     * an LSTM bias with {@code unit_forget_bias} ({@code [b(units), ones(units), b(2 units)]}).
     */
    record Segments(List<Segment> parts) implements Initializer {
        public Segments { parts = List.copyOf(parts); }
        public String kerasName() { return parts.get(0).initializer().kerasName(); }
    }

    /** One block of {@link Segments}: {@code length} values along the last axis. */
    record Segment(Initializer initializer, long length) {}

    VarianceScaling GLOROT_UNIFORM = new VarianceScaling("glorot_uniform", 1, FanMode.FAN_AVG, Distribution.UNIFORM);
    VarianceScaling GLOROT_NORMAL = new VarianceScaling("glorot_normal", 1, FanMode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
    VarianceScaling HE_UNIFORM = new VarianceScaling("he_uniform", 2, FanMode.FAN_IN, Distribution.UNIFORM);
    VarianceScaling HE_NORMAL = new VarianceScaling("he_normal", 2, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    VarianceScaling LECUN_UNIFORM = new VarianceScaling("lecun_uniform", 1, FanMode.FAN_IN, Distribution.UNIFORM);
    VarianceScaling LECUN_NORMAL = new VarianceScaling("lecun_normal", 1, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    Orthogonal ORTHOGONAL = new Orthogonal(1.0);
    Constant ZEROS = new Constant("zeros", 0);
    Constant ONES = new Constant("ones", 1);
    /** Keras's Embedding default: RandomUniform(-0.05, 0.05). */
    RandomUniform EMBEDDING_UNIFORM = new RandomUniform(-0.05, 0.05);

    /** Every initializer a file can name, by its Keras names ({@code uniform} is Keras's alias of random_uniform). */
    static java.util.Map<String, Initializer> named() {
        java.util.Map<String, Initializer> m = new java.util.LinkedHashMap<>();
        for (Initializer i : List.of(GLOROT_UNIFORM, GLOROT_NORMAL, HE_UNIFORM, HE_NORMAL, LECUN_UNIFORM, LECUN_NORMAL,
                ORTHOGONAL, ZEROS, ONES, EMBEDDING_UNIFORM)) {
            m.put(i.kerasName(), i);
        }
        m.put("uniform", EMBEDDING_UNIFORM);
        return m;
    }
}
