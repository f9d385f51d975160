package dev.dlm.compiler.ir;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's losses by canonical name. Each is the mean over the batch of a per-sample loss;
 * {@code classification} losses compare class scores with one-hot (or, for the sparse form,
 * integer) labels, the others compare values.
 */
public enum Loss {
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", true, "from_logits", "label_smoothing"),
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", true, "from_logits"),
    BINARY_CROSSENTROPY("binary_crossentropy", true, "from_logits", "label_smoothing"),
    MEAN_SQUARED_ERROR("mean_squared_error", false),
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", false),
    // Issue 14.
    /** {@code 0.5 e^2} where {@code |e| <= delta}, else {@code delta |e| - 0.5 delta^2}, averaged over the last axis. */
    HUBER("huber", false, "delta"),
    /** {@code sum(y log(y / p))} over the last axis, both clipped to {@code [1e-7, 1]}: compares distributions. */
    KL_DIVERGENCE("kl_divergence", true);

    private static final Map<String, Loss> BY_NAME = new LinkedHashMap<>();
    private static final java.util.Set<String> LISTED = new java.util.LinkedHashSet<>();

    static {
        for (Loss l : values()) BY_NAME.put(l.kerasName, l);
        BY_NAME.put("mse", MEAN_SQUARED_ERROR);
        BY_NAME.put("mae", MEAN_ABSOLUTE_ERROR);
        BY_NAME.put("kld", KL_DIVERGENCE);
        LISTED.addAll(BY_NAME.keySet());
        // Keras's class names, as `keras.losses.get` accepts them (`BinaryCrossentropy(from_logits=True)`).
        BY_NAME.put("categoricalcrossentropy", CATEGORICAL_CROSSENTROPY);
        BY_NAME.put("sparsecategoricalcrossentropy", SPARSE_CATEGORICAL_CROSSENTROPY);
        BY_NAME.put("binarycrossentropy", BINARY_CROSSENTROPY);
        BY_NAME.put("meansquarederror", MEAN_SQUARED_ERROR);
        BY_NAME.put("meanabsoluteerror", MEAN_ABSOLUTE_ERROR);
        BY_NAME.put("kldivergence", KL_DIVERGENCE);
    }

    private final String kerasName;
    private final boolean classification;
    private final java.util.List<String> arguments;

    Loss(String kerasName, boolean classification, String... arguments) {
        this.kerasName = kerasName;
        this.classification = classification;
        this.arguments = java.util.List.of(arguments);
    }

    /** The Keras arguments the loss accepts besides the targets, in Keras's positional order. */
    public java.util.List<String> arguments() { return arguments; }

    public String kerasName() { return kerasName; }

    /** True when the output is a vector of class scores (categorical, sparse categorical, KL divergence). */
    public boolean usesClassScores() {
        return this == CATEGORICAL_CROSSENTROPY || this == SPARSE_CATEGORICAL_CROSSENTROPY || this == KL_DIVERGENCE;
    }

    /** True for the losses that compare real values (mse, mae, huber): their CSV targets may have fractions. */
    public boolean regression() {
        return this == MEAN_SQUARED_ERROR || this == MEAN_ABSOLUTE_ERROR || this == HUBER;
    }

    /** True when targets are class labels (so accuracy is meaningful). */
    public boolean classification() { return classification; }

    /** Every accepted name, aliases ({@code mse}, {@code mae}, {@code kld}) included; Keras's class names are accepted but not listed. */
    public static java.util.Set<String> names() { return java.util.Collections.unmodifiableSet(LISTED); }

    /** The loss a name denotes (any case, Keras's class names included), or null. */
    public static Loss byName(String name) { return BY_NAME.get(name.toLowerCase(Locale.ROOT)); }

    @Override public String toString() { return kerasName; }
}
