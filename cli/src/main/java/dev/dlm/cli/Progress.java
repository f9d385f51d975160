package dev.dlm.cli;

import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.TrainingListener;

import java.io.PrintWriter;

/**
 * Keras's training display: on a terminal a live bar per epoch
 * ({@code 120/469 [=======>......] - ETA: 3s - loss: 0.31 - accuracy: 0.91}); when the output
 * is piped, one plain line per epoch.
 */
final class Progress implements TrainingListener {

    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final boolean silent;
    private long epochStart;
    private long lastDraw;
    private int steps;

    Progress(PrintWriter out, boolean live, boolean silent) {
        this.out = out;
        this.live = live;
        this.silent = silent;
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
    public void onBatchEnd(int epoch, int step, int steps, double loss, double accuracy) {
        if (!live) return;
        long now = System.nanoTime();
        if (step < steps && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / step * (steps - step);
        out.print("\r" + bar(step, steps) + " - ETA: " + seconds(eta)
                + String.format(" - loss: %.4f - accuracy: %.4f", loss, accuracy) + "\u001b[K");
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
        String metrics = String.format(" - loss: %.4f - accuracy: %.4f", s.loss(), s.accuracy());
        if (s.valLoss() != null) metrics += String.format(" - val_loss: %.4f - val_accuracy: %.4f", s.valLoss(), s.valAccuracy());
        if (live) out.print("\r" + bar(steps, steps) + " - " + seconds(s.seconds()) + perStep + metrics + "\u001b[K\n");
        else out.println(" - " + String.format("%.1fs", s.seconds()) + perStep + metrics);
        out.flush();
    }

    private static String bar(int step, int steps) {
        int width = String.valueOf(steps).length();
        int done = steps == 0 ? BAR : (int) ((long) BAR * step / steps);
        String fill = done >= BAR ? "=".repeat(BAR) : "=".repeat(Math.max(0, done)) + ">" + ".".repeat(BAR - done - 1);
        return String.format("%" + width + "d/%d [%s]", step, steps, fill);
    }

    private static String seconds(double s) {
        return s >= 60 ? String.format("%d:%02d", (int) s / 60, (int) s % 60) : String.format("%.0fs", s);
    }
}
