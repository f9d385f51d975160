package dev.dlm.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code fit} stands between two steps: everything besides the graph's variables
 * that the loop needs to continue exactly as if it had never stopped. The epochs finished and
 * the steps of the current one (the shuffle order is replayed from the seed: one shuffle per
 * epoch started), the global step (equal to the optimizer's iteration count), the running
 * sums of the current epoch, the learning rate set by {@code ReduceLROnPlateau}, the history
 * so far, each callback's counters, and the best monitored value with its epoch.
 * {@link #toJson()} and {@link #fromJson} round-trip doubles exactly.
 */
public final class TrainerState {

    int epochsDone;
    int stepInEpoch;
    long globalStep;
    double lossSum;
    double correctSum;
    /** The epoch's summed statistics of each metric besides accuracy, by Keras name (see {@link Metrics#statistics}). */
    final Map<String, double[]> metricSums = new LinkedHashMap<>();
    int seen;
    double epochSeconds;
    /** The base rate: the constant rate, as ReduceLROnPlateau left it (float32, as Keras keeps it). */
    float learningRate;
    boolean stopped;
    Double best;
    int bestEpoch;
    final List<EpochStats> history = new ArrayList<>();
    final Map<String, Map<String, Object>> callbacks = new LinkedHashMap<>();

    TrainerState(float learningRate) { this.learningRate = learningRate; }

    public int epochsDone() { return epochsDone; }

    public int stepInEpoch() { return stepInEpoch; }

    public long globalStep() { return globalStep; }

    /** True when a callback (EarlyStopping) ended training before the planned epochs. */
    public boolean stopped() { return stopped; }

    /** The best value of the checkpoint monitor so far (null before the first epoch), and its epoch (from 1). */
    public Double best() { return best; }

    public int bestEpoch() { return bestEpoch; }

    public List<EpochStats> history() { return List.copyOf(history); }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs_done", epochsDone);
        m.put("step_in_epoch", stepInEpoch);
        m.put("global_step", globalStep);
        m.put("loss_sum", lossSum);
        m.put("correct_sum", correctSum);
        if (!metricSums.isEmpty()) {
            Map<String, Object> sums = new LinkedHashMap<>();
            metricSums.forEach((k, v) -> sums.put(k, java.util.Arrays.stream(v).boxed().toList()));
            m.put("metric_sums", sums);
        }
        m.put("seen", seen);
        m.put("epoch_seconds", epochSeconds);
        m.put("learning_rate", (double) learningRate);
        m.put("stopped", stopped);
        m.put("best", best);
        m.put("best_epoch", bestEpoch);
        List<Object> epochs = new ArrayList<>();
        for (EpochStats e : history) epochs.add(e.toJson());
        m.put("history", epochs);
        m.put("callbacks", new LinkedHashMap<>(callbacks));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static TrainerState fromJson(Map<String, Object> m) {
        TrainerState s = new TrainerState(((Number) m.get("learning_rate")).floatValue());
        s.epochsDone = ((Number) m.get("epochs_done")).intValue();
        s.stepInEpoch = ((Number) m.get("step_in_epoch")).intValue();
        s.globalStep = ((Number) m.get("global_step")).longValue();
        s.lossSum = ((Number) m.get("loss_sum")).doubleValue();
        s.correctSum = ((Number) m.get("correct_sum")).doubleValue();
        if (m.get("metric_sums") instanceof Map<?, ?> sums) {
            sums.forEach((k, v) -> s.metricSums.put((String) k,
                    ((List<Object>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray()));
        }
        s.seen = ((Number) m.get("seen")).intValue();
        s.epochSeconds = ((Number) m.get("epoch_seconds")).doubleValue();
        s.stopped = (Boolean) m.get("stopped");
        s.best = m.get("best") == null ? null : ((Number) m.get("best")).doubleValue();
        s.bestEpoch = ((Number) m.get("best_epoch")).intValue();
        for (Object e : (List<Object>) m.get("history")) s.history.add(EpochStats.fromJson((Map<String, Object>) e));
        for (var e : ((Map<String, Object>) m.get("callbacks")).entrySet()) {
            s.callbacks.put(e.getKey(), new LinkedHashMap<>((Map<String, Object>) e.getValue()));
        }
        return s;
    }
}
