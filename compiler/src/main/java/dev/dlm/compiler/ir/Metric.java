package dev.dlm.compiler.ir;

import java.util.List;
import java.util.Locale;

/**
 * Keras's metrics dlm computes besides the loss, each streamed over an epoch exactly as
 * Keras's metric objects accumulate it (a mean of per-sample values, or confusion counts
 * summed over every batch before the ratio is taken). Keras accepts {@code acc} for accuracy
 * and logs a metric under the name the file gives.
 */
public enum Metric {
    /** Resolved from the loss and output, as Keras's {@code accuracy}: binary (threshold 0.5) or categorical. */
    ACCURACY("accuracy"),
    // Issue 14.
    /** The arg-max of the prediction equals the integer label. */
    SPARSE_CATEGORICAL_ACCURACY("sparse_categorical_accuracy"),
    /** The label is among the {@link #TOP_K} highest scores (ties count as in, as {@code in_top_k}). */
    TOP_K_CATEGORICAL_ACCURACY("top_k_categorical_accuracy"),
    /** {@code TP / (TP + FP)} over every output value, prediction {@code > 0.5}, counts summed over the epoch. */
    PRECISION("precision"),
    /** {@code TP / (TP + FN)}, counted as precision. */
    RECALL("recall"),
    /** Area under the ROC curve from 200 thresholds, by Keras's interpolation (trapezoids). */
    AUC("auc"),
    /** The mean over samples of {@code mean(|y - p|)} over the last axis. */
    MAE("mae"),
    /** The mean over samples of {@code mean((y - p)^2)} over the last axis (issue 14, regression). */
    MSE("mse");

    /** Keras's {@code k} of {@code top_k_categorical_accuracy}. */
    public static final int TOP_K = 5;

    /** Keras's {@code num_thresholds} of {@code AUC}. */
    public static final int AUC_THRESHOLDS = 200;

    private final String kerasName;

    Metric(String kerasName) { this.kerasName = kerasName; }

    public String kerasName() { return kerasName; }

    public static List<String> names() { return java.util.Arrays.stream(values()).map(Metric::kerasName).toList(); }

    /** The metric a name denotes (any case), or null. */
    public static Metric byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("acc")) return ACCURACY;
        if (n.equals("mean_absolute_error")) return MAE;
        if (n.equals("mean_squared_error")) return MSE;
        for (Metric m : values()) if (m.kerasName.equals(n)) return m;
        return null;
    }

    @Override public String toString() { return kerasName; }
}
