package dev.dlm.runtime.export;

import java.util.Locale;

/** The formats {@code dlmc export} writes. */
public enum ExportFormat {
    /** TensorFlow's SavedModel of the inference graph: a folder with {@code saved_model.pb} and {@code variables/}. */
    SAVEDMODEL,
    /** Keras 3's {@code .keras} archive: config.json, metadata.json and model.weights.h5 in a zip. */
    KERAS,
    /** TensorFlow.js's layers format: a folder with model.json and one weight shard. */
    TFJS;

    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public static ExportFormat parse(String s) {
        for (ExportFormat f : values()) if (f.cliName().equals(s.toLowerCase(Locale.ROOT))) return f;
        return null;
    }
}
