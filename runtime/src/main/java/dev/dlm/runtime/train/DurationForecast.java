package dev.dlm.runtime.train;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says early when a run will be long: after a few measured training steps (the first ones
 * warm TensorFlow up and are not counted), the mean step time times the steps still planned
 * gives the run's remaining time; above a threshold one message is sent, with the numbers and
 * how to shorten the run. Wraps the listener that draws the progress.
 */
public final class DurationForecast implements TrainingListener {

    /** Steps skipped before measuring, and steps measured. */
    static final int WARM_UP = 3;
    static final int MEASURED = 10;

    private final TrainingListener inner;
    private final Duration threshold;
    private final Consumer<String> warn;
    private final LongSupplier nanos;
    private int epochs;
    private int stepsPerEpoch;
    private int firstEpoch = -1;
    private long measureStart;
    private boolean done;

    DurationForecast(TrainingListener inner, Duration threshold, Consumer<String> warn, LongSupplier nanos) {
        this.inner = inner;
        this.threshold = threshold;
        this.warn = warn;
        this.nanos = nanos;
    }

    /** Wraps {@code inner}; {@code warn} receives at most one message, when the forecast exceeds {@code threshold}. */
    public static TrainingListener wrap(TrainingListener inner, Duration threshold, Consumer<String> warn) {
        return new DurationForecast(inner, threshold, warn, System::nanoTime);
    }

    @Override public void onEpochStart(int epoch, int epochs, int steps) {
        this.epochs = epochs;
        this.stepsPerEpoch = steps;
        if (firstEpoch < 0) firstEpoch = epoch;
        inner.onEpochStart(epoch, epochs, steps);
    }

    @Override public void onBatchEnd(int epoch, int step, int steps, double runningLoss, double runningAccuracy) {
        inner.onBatchEnd(epoch, step, steps, runningLoss, runningAccuracy);
        if (done || epoch != firstEpoch) return;
        if (step == WARM_UP) measureStart = nanos.getAsLong();
        if (step == WARM_UP + MEASURED) {
            done = true;
            double perStep = (nanos.getAsLong() - measureStart) / (double) MEASURED;
            long remainingSteps = (long) (epochs - epoch + 1) * stepsPerEpoch - step;
            Duration forecast = Duration.ofNanos((long) (perStep * remainingSteps));
            if (forecast.compareTo(threshold) > 0) {
                warn.accept(String.format("this run will take about %s more (%,d steps at %.0f ms a step); "
                                + "--epochs, --train-limit or a larger --batch-size shorten it, and Ctrl-C stops it resumably",
                        human(forecast), remainingSteps, perStep / 1e6));
            }
        }
    }

    @Override public void onEpochEnd(EpochStats stats) { inner.onEpochEnd(stats); }

    static String human(Duration d) {
        long minutes = Math.round(d.toSeconds() / 60.0);
        if (minutes < 90) return minutes + " min";
        return String.format("%.1f h", d.toSeconds() / 3600.0);
    }
}
