package dev.dlm.runtime.sweep;

import dev.dlm.compiler.sweep.SweepCell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one progress line of a sweep, redrawn as cells train and finish:
 * {@code sweep 3/18 done (1 failed) · 2 running · best test 0.9812 (cell 5) · ETA 1h 20m}.
 * The ETA is the work left (the running cells' unfinished steps and the cells not started,
 * each counted in its own training FLOPs) at the rate measured since the sweep started; it
 * shows once a first measure exists. Lines of cells that end (and their errors) go to
 * {@code events}, the redrawn line to {@code line}.
 */
public final class SweepProgress implements SweepRunner.Listener {

    private final Consumer<String> line;
    private final Consumer<String> events;
    private final LongSupplier nanos;
    private final Map<Integer, Double> running = new LinkedHashMap<>();  // cell -> fraction done
    private int total;
    private int toRun;
    private int done;
    private int failed;
    private Integer bestCell;
    private double best = Double.NaN;
    private long start;
    private double workDone;
    private final Map<Integer, Double> work = new LinkedHashMap<>();

    public SweepProgress(Consumer<String> line, Consumer<String> events) {
        this(line, events, System::nanoTime);
    }

    SweepProgress(Consumer<String> line, Consumer<String> events, LongSupplier nanos) {
        this.line = line;
        this.events = events;
        this.nanos = nanos;
    }

    /**
     * Tells the relative cost of each cell this run will train (its training FLOPs), for the
     * ETA; without it every cell counts the same.
     */
    public void costs(Map<Integer, Double> flopsByCell) {
        work.putAll(flopsByCell);
    }

    @Override public void started(SweepDirectory dir, int toRun, int alreadyDone) {
        this.toRun = toRun;
        total = toRun + alreadyDone;
        done = alreadyDone;
        start = nanos.getAsLong();
        events.accept("Sweep directory: " + dir.dir() + " (" + total + " cells" + (alreadyDone > 0 ? ", " + alreadyDone + " done before" : "") + ")");
        redraw();
    }

    @Override public void cellStarted(SweepCell cell, Path runDir, boolean resumed) {
        running.put(cell.index(), 0.0);
        if (resumed) events.accept("cell " + cell.index() + " (" + cell.label() + "): resuming " + runDir);
        redraw();
    }

    @Override public void cellStep(SweepCell cell, int epoch, int epochs, int step, int steps) {
        running.put(cell.index(), ((epoch - 1) + step / (double) steps) / epochs);
        redraw();
    }

    @Override public void cellFinished(SweepCell cell, CellResult r) {
        running.remove(cell.index());
        workDone += work.getOrDefault(cell.index(), 1.0);
        if (r.failed()) {
            failed++;
            events.accept("cell " + cell.index() + " (" + cell.label() + ") failed: " + r.error());
        } else if (r.completed()) {
            done++;
            String acc = r.testAccuracy() == null ? "" : String.format(" · test accuracy %.4f", r.testAccuracy());
            String ref = r.references().get("test.accuracy") == null ? "" : String.format(" (book %.4f)", r.references().get("test.accuracy"));
            events.accept(String.format("cell %d (%s) done in %s%s%s", cell.index(), cell.label(), human(Duration.ofMillis((long) (r.seconds() * 1000))), acc, ref));
            if (r.testAccuracy() != null && (Double.isNaN(best) || r.testAccuracy() > best)) {
                best = r.testAccuracy();
                bestCell = cell.index();
            }
        }
        redraw();
    }

    /** The current line (also what was last drawn). */
    public String text() {
        StringBuilder sb = new StringBuilder("sweep ").append(done).append('/').append(total).append(" done");
        if (failed > 0) sb.append(" (").append(failed).append(" failed)");
        if (!running.isEmpty()) sb.append(" · ").append(running.size()).append(" running");
        if (bestCell != null) sb.append(String.format(" · best test %.4f (cell %d)", best, bestCell));
        Duration eta = eta();
        if (eta != null) sb.append(" · ETA ").append(human(eta));
        return sb.toString();
    }

    private Duration eta() {
        double partial = 0;
        for (Map.Entry<Integer, Double> e : running.entrySet()) partial += e.getValue() * work.getOrDefault(e.getKey(), 1.0);
        double measured = workDone + partial;
        double elapsed = (nanos.getAsLong() - start) / 1e9;
        if (measured <= 0 || elapsed <= 0) return null;
        double planned = work.isEmpty() ? toRun : work.values().stream().mapToDouble(Double::doubleValue).sum();
        double left = Math.max(0, planned - measured);
        if (left == 0) return null;
        return Duration.ofSeconds((long) Math.ceil(left * elapsed / measured));
    }

    private void redraw() { line.accept(text()); }

    /** {@code 45s}, {@code 3m 05s}, {@code 1h 20m}. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return String.format("%dm %02ds", s / 60, s % 60);
        return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
