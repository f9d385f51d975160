package dev.dlm.compiler.ir;

/**
 * The Keras arguments of the metrics that take some, resolved: {@code k} of
 * {@code top_k_categorical_accuracy} (the label must be among the {@code k} highest scores),
 * and {@code num_thresholds} and {@code curve} ({@code ROC} or {@code PR}) of {@code auc}. A
 * file writes them as calls in the metrics list, as losses take theirs:
 * {@code metrics = [top_k_categorical_accuracy(k=3), auc(curve='PR', num_thresholds=50)]}.
 */
public record MetricOptions(int topK, int aucThresholds, String aucCurve) {

    /** Keras's defaults: {@code k=5}, {@code num_thresholds=200}, {@code curve='ROC'}. */
    public static final MetricOptions DEFAULT = new MetricOptions(Metric.TOP_K, Metric.AUC_THRESHOLDS, "ROC");

    public MetricOptions {
        if (topK < 1) throw new IllegalArgumentException("k " + topK);
        if (aucThresholds < 2) throw new IllegalArgumentException("num_thresholds " + aucThresholds);
        if (!aucCurve.equals("ROC") && !aucCurve.equals("PR")) throw new IllegalArgumentException("curve " + aucCurve);
    }
}
