package dev.dlm.cli;

import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.TrainingListener;

import java.io.PrintWriter;

/**
 * Keras's training display: on a terminal a live bar per epoch
 * ({@code 120/469 [=======>......] - ETA: 3s - loss: 0.31 - accuracy: 0.91}); when the output
 * is piped, one plain line per epoch. The live line never reaches the terminal's last column:
 * a line that wraps cannot be redrawn with {@code \r} and leaves a copy behind at each redraw.
 * Accuracy is shown only when the file asks for it ({@code metrics = [accuracy]}), as in Keras.
 */
final class Progress implements TrainingListener {

    private static final int BAR = 30;
    private static final int MIN_BAR = 10;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final boolean silent;
    private final boolean accuracy;
    private final int columns;
    private long epochStart;
    private long lastDraw;
    private int steps;

    Progress(PrintWriter out, boolean live, boolean silent, boolean accuracy, int columns) {
        this.out = out;
        this.live = live;
        this.silent = silent;
        this.accuracy = accuracy;
        this.columns = columns;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int steps) {
        this.steps = steps;
        epochStart = System.nanoTime();
        lastDraw = 0;
        if (live) out.println("Epoch " + epoch + "/" + epochs);
        else if (!silent) out.print("Epoch " + epoch + "/" + epochs);
        out.flush();
    }

    @Override
    public void onBatchEnd(int epoch, int step, int steps, double loss, double runningAccuracy) {
        onBatchEnd(epoch, step, steps, loss, runningAccuracy, java.util.Map.of());
    }

    @Override
    public void onBatchEnd(int epoch, int step, int steps, double loss, double runningAccuracy,
                           java.util.Map<String, Double> runningMetrics) {
        if (!live) return;
        long now = System.nanoTime();
        if (step < steps && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / step * (steps - step);
        String tail = " - ETA: " + seconds(eta) + metrics(loss, runningAccuracy) + others(runningMetrics, false);
        out.print("\r" + fit(step, steps, tail) + "\u001b[K");
        out.flush();
    }

    /** Ends a half-written epoch line before an error is printed. */
    void interrupted() {
        if (!silent) {
            out.println();
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (silent) return;
        String perStep = steps > 0 ? String.format(" %.0fms/step", s.seconds() * 1000 / steps) : "";
        String metrics = metrics(s.loss(), s.accuracy()) + others(s.metrics(), false);
        if (s.valLoss() != null) {
            metrics += String.format(" - val_loss: %.4f", s.valLoss());
            if (accuracy) metrics += String.format(" - val_accuracy: %.4f", s.valAccuracy());
            metrics += others(s.metrics(), true);
        }
        if (live) out.print("\r" + fit(steps, steps, " - " + seconds(s.seconds()) + perStep + metrics) + "\u001b[K\n");
        else out.println(" - " + String.format("%.1fs", s.seconds()) + perStep + metrics);
        out.flush();
    }

    private String metrics(double loss, double acc) {
        return accuracy ? String.format(" - loss: %.4f - accuracy: %.4f", loss, acc) : String.format(" - loss: %.4f", loss);
    }

    /** The other metrics (precision, auc...) as Keras prints them: the training ones, or the {@code val_} ones. */
    private static String others(java.util.Map<String, Double> values, boolean validation) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (k.startsWith("val_") == validation) sb.append(String.format(" - %s: %.4f", k, v));
        });
        return sb.toString();
    }

    /** The bar and {@code tail} in at most {@code columns - 1} characters: the bar shrinks first, then the tail is cut. */
    String fit(int step, int steps, String tail) {
        int room = columns - 1;
        int counter = 2 * String.valueOf(steps).length() + 1 + 3; // "120/469 [" and "]"
        int bar = Math.max(MIN_BAR, Math.min(BAR, room - counter - tail.length()));
        String line = bar(step, steps, bar) + tail;
        return line.length() > room ? line.substring(0, Math.max(0, room)) : line;
    }

    static String bar(int step, int steps, int width) {
        int digits = String.valueOf(steps).length();
        int done = steps == 0 ? width : (int) ((long) width * step / steps);
        String fill = done >= width ? "=".repeat(width) : "=".repeat(Math.max(0, done)) + ">" + ".".repeat(width - done - 1);
        return String.format("%" + digits + "d/%d [%s]", step, steps, fill);
    }

    private static String seconds(double s) {
        return s >= 60 ? String.format("%d:%02d", (int) s / 60, (int) s % 60) : String.format("%.0fs", s);
    }
}
