package dev.dlm.runtime.train;

/**
 * Progress callbacks of {@code fit}, enough to draw Keras's progress bar. Epochs and steps
 * count from 1; batch values are running means over the epoch so far, as Keras shows them.
 */
public interface TrainingListener {

    /** Reports nothing. */
    TrainingListener SILENT = new TrainingListener() {};

    default void onEpochStart(int epoch, int epochs, int steps) {}

    default void onBatchEnd(int epoch, int step, int steps, double runningLoss, double runningAccuracy) {}

    /**
     * As above, with the other metrics' values over the epoch so far by their Keras names
     * (empty when the file asks for none); by default the call above.
     */
    default void onBatchEnd(int epoch, int step, int steps, double runningLoss, double runningAccuracy,
                            java.util.Map<String, Double> runningMetrics) {
        onBatchEnd(epoch, step, steps, runningLoss, runningAccuracy);
    }

    default void onEpochEnd(EpochStats stats) {}
}
