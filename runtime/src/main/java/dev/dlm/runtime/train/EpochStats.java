package dev.dlm.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of Keras's {@code History}: the mean training loss and accuracy over the epoch's
 * samples, the other metrics (streamed over the epoch as Keras does, by Keras's logged names), the validation loss and accuracy (null without validation), the wall time in
 * seconds (validation included, as Keras measures it) and the learning rate in force at the
 * epoch's end (Keras logs {@code optimizer.learning_rate}). Epochs count from 1. The accuracy
 * is NaN (and not logged) for a model with several outputs, whose accuracies are per output.
 */
public record EpochStats(int epoch, double loss, double accuracy, Double valLoss, Double valAccuracy, double seconds,
                         double learningRate, Map<String, Double> metrics) {

    /** {@code metrics}: the other metrics by the names Keras logs ({@code precision}, {@code val_precision}...). */
    public EpochStats {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
    }

    public EpochStats(int epoch, double loss, double accuracy, Double valLoss, Double valAccuracy, double seconds,
                      double learningRate) {
        this(epoch, loss, accuracy, valLoss, valAccuracy, seconds, learningRate, Map.of());
    }

    public EpochStats(int epoch, double loss, double accuracy, Double valLoss, Double valAccuracy, double seconds) {
        this(epoch, loss, accuracy, valLoss, valAccuracy, seconds, Double.NaN);
    }

    /**
     * What Keras's {@code logs} hold at the epoch's end, by Keras's names: {@code loss},
     * {@code accuracy}, {@code val_loss}, {@code val_accuracy} (when validated) and
     * {@code learning_rate} (when known).
     */
    public Map<String, Double> logs() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        if (!Double.isNaN(accuracy)) m.put("accuracy", accuracy);
        metrics.forEach((k, v) -> { if (!k.startsWith("val_")) m.put(k, v); });
        if (valLoss != null) m.put("val_loss", valLoss);
        if (valAccuracy != null) m.put("val_accuracy", valAccuracy);
        metrics.forEach((k, v) -> { if (k.startsWith("val_")) m.put(k, v); });
        if (!Double.isNaN(learningRate)) m.put("learning_rate", learningRate);
        return m;
    }

    /** The value Keras logs under {@code name}, null when absent. */
    public Double metric(String name) { return logs().get(name); }

    /** The metrics JSON's epoch object (the {@code --metrics-out} format). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("loss", loss);
        // A model with several outputs has no model-wide accuracy (Keras logs `<output>_accuracy`).
        if (!Double.isNaN(accuracy)) m.put("accuracy", accuracy);
        m.put("val_loss", valLoss);
        if (!Double.isNaN(accuracy)) m.put("val_accuracy", valAccuracy);
        m.putAll(metrics);
        m.put("seconds", seconds);
        if (!Double.isNaN(learningRate)) m.put("learning_rate", learningRate);
        return m;
    }

    static EpochStats fromJson(Map<String, Object> m) {
        return new EpochStats(((Number) m.get("epoch")).intValue(), ((Number) m.get("loss")).doubleValue(),
                m.get("accuracy") == null ? Double.NaN : ((Number) m.get("accuracy")).doubleValue(), number(m.get("val_loss")), number(m.get("val_accuracy")),
                ((Number) m.get("seconds")).doubleValue(),
                m.get("learning_rate") == null ? Double.NaN : ((Number) m.get("learning_rate")).doubleValue(), others(m));
    }

    private static final java.util.Set<String> FIXED = java.util.Set.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy",
            "seconds", "learning_rate");

    /** The other metrics of a {@link #toJson} object (and none from files written before there were any). */
    private static Map<String, Double> others(Map<String, Object> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (!FIXED.contains(k) && v instanceof Number n) out.put(k, n.doubleValue()); });
        return out;
    }

    private static Double number(Object o) { return o == null ? null : ((Number) o).doubleValue(); }
}
