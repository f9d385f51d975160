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
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", true),
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", true),
    BINARY_CROSSENTROPY("binary_crossentropy", true),
    MEAN_SQUARED_ERROR("mean_squared_error", false),
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", false);

    private static final Map<String, Loss> BY_NAME = new LinkedHashMap<>();

    static {
        for (Loss l : values()) BY_NAME.put(l.kerasName, l);
        BY_NAME.put("mse", MEAN_SQUARED_ERROR);
        BY_NAME.put("mae", MEAN_ABSOLUTE_ERROR);
    }

    private final String kerasName;
    private final boolean classification;

    Loss(String kerasName, boolean classification) {
        this.kerasName = kerasName;
        this.classification = classification;
    }

    public String kerasName() { return kerasName; }

    /** True when targets are class labels (so accuracy is meaningful). */
    public boolean classification() { return classification; }

    /** Every accepted name, aliases ({@code mse}, {@code mae}) included. */
    public static java.util.Set<String> names() { return BY_NAME.keySet(); }

    /** The loss a name denotes (any case), or null. */
    public static Loss byName(String name) { return BY_NAME.get(name.toLowerCase(Locale.ROOT)); }

    @Override public String toString() { return kerasName; }
}
