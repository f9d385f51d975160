package dev.dlm.runtime.sweep;

import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import dev.dlm.runtime.run.RunDirectory;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps on slices of 200 MNIST samples: resuming, failing cells, parallel jobs, chosen cells, estimates. */
class SweepRunnerTest {

    static final String BASE = """
            let units = 16
            data mnist
            model mlp(input=[784]) { Dense(units, activation='relu'); Dropout(0.2); Dense(10, activation='softmax') }
            train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 2; batch_size = 32; seed = 3 }
            """;

    static SweepPlan plan(String sweep) {
        var p = SweepPlanner.plan(new SourceFile("sweep.dlm", BASE + sweep), Path.of("sweep.dlm"));
        if (!p.ok()) throw new AssertionError(p.diagnostics().toString());
        return p.plan();
    }

    static SweepRunner.Options options(Path dir) {
        return new SweepRunner.Options(dir, null, 1, "cpu", 2, true, null, null, null, 200, List.of("dlmc", "sweep", "test"), "test");
    }

    static byte[] weights(Path cell) throws Exception {
        return Files.readAllBytes(cell.resolve("checkpoints/latest/variables.data-00000-of-00001"));
    }

    @Test
    void aCellRecordsEveryMetricItsRunComputedAndTheReportShowsThem(@TempDir Path tmp) throws Exception {
        var planned = SweepPlanner.plan(new SourceFile("sweep.dlm", """
                let units = 16
                data mnist
                model mlp(input=[784]) { Dense(units, activation='relu'); Dense(10, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy, mae]; epochs = 2; batch_size = 32
                        seed = 3; validation_split = 0.25 }
                sweep { units in [8, 16] }
                """), Path.of("sweep.dlm"));
        assertTrue(planned.ok(), planned.diagnostics()::toString);
        Path dir = tmp.resolve("s");
        var summary = SweepRunner.run(planned.plan(), options(dir), SweepRunner.Listener.SILENT, () -> false);
        assertEquals(2, summary.completed());
        CellResult r = summary.dir().result(1);
        assertEquals(List.of("train.mae", "val.loss", "val.accuracy", "val.mae", "test.mae"), List.copyOf(r.metrics().keySet()));
        // The cell's values are its run's: the last epoch of history.csv, and the test results of metrics.json.
        var run = dev.dlm.compiler.keras.JsonReader.object(Files.readString(dir.resolve("cell-001/metrics.json")));
        var test = (Map<?, ?>) run.get("test");
        assertEquals(((Number) test.get("mae")).doubleValue(), r.measured("test.mae"));
        var epochs = (List<?>) run.get("epochs");
        var last = (Map<?, ?>) epochs.get(epochs.size() - 1);
        assertEquals(((Number) last.get("val_mae")).doubleValue(), r.measured("val.mae"));
        assertEquals(((Number) last.get("mae")).doubleValue(), r.measured("train.mae"));
        assertEquals(((Number) last.get("val_loss")).doubleValue(), r.measured("val.loss"));

        dev.dlm.runtime.sweep.report.SweepCollector.collect(planned.plan(), dir, false);
        String csv = Files.readString(dir.resolve("results.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",outside_noise,train_loss,train_mae,val_accuracy,val_loss,val_mae,test_loss,test_mae,seconds,run_dir"), csv);
        String markdown = Files.readString(dir.resolve("results.md"));
        assertTrue(markdown.contains("| Δ test (pp) | Train mae (dlm) | Val mae (dlm) | Test mae (dlm) | Seconds |"), markdown);
        assertTrue(markdown.contains(String.format(java.util.Locale.ROOT, "| %.4f |", r.measured("test.mae"))), markdown);
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"test.mae\": " + r.measured("test.mae")), json);
    }

    @Test
    void aFailingCellIsRecordedAndTheOthersGoOn(@TempDir Path tmp) throws Exception {
        // A rate of 1e38 overflows float32 within a step or two whatever the dropout masks draw;
        // at 1e9 whether the loss became infinite (rather than stalling on dead relus) depended
        // on the masks, and it stopped diverging when their generator changed (issue 12).
        SweepPlan plan = plan("""
                sweep {
                    cell "small" { units = 8 }
                    cell "diverges" { optimizer = sgd(learning_rate=1e38) }
                    cell "wide" { units = 24; reference test.accuracy = 0.9 }
                }
                """);
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        var summary = SweepRunner.run(plan, options(tmp.resolve("s")), new SweepRunner.Listener() {
            @Override public void cellFinished(SweepCell cell, CellResult r) { finished.add(cell.label() + ":" + r.status()); }
        }, () -> false);
        assertEquals(2, summary.completed());
        assertEquals(1, summary.failed());
        assertEquals(List.of("small:completed", "diverges:failed", "wide:completed"), finished);
        CellResult failed = summary.dir().result(1);
        assertEquals("DLM0801", failed.errorCode());
        assertTrue(failed.error().startsWith("the loss became"), failed.error());
        CellResult wide = summary.dir().result(2);
        assertEquals(Map.of("units", "24"), wide.bindings());
        assertEquals(Map.of("test.accuracy", 0.9), wide.references());
        assertEquals(2, wide.history().size());
        assertNotNull(wide.testAccuracy());
        assertNotNull(wide.trainAccuracy());
        assertEquals(3L, wide.seed());
        assertEquals(784 * 24 + 24 + 24 * 10 + 10, wide.params());
        assertEquals("cell-002", wide.runDir());
        // Each cell's run directory keeps the cell alone, so `dlmc run --resume` works on it.
        String text = Files.readString(summary.dir().cellDir(2).resolve(RunDirectory.MODEL));
        assertTrue(text.contains("let units = 24") && !text.contains("sweep {"), text);
        assertTrue(Files.readString(summary.dir().dir().resolve(SweepDirectory.SWEEP_JSON)).contains("\"diverges\""));

        // Run again: the completed cells are skipped, the failed one is tried again (and fails again).
        var again = SweepRunner.run(plan, options(tmp.resolve("s")), SweepRunner.Listener.SILENT, () -> false);
        assertEquals(2, again.skipped());
        assertEquals(0, again.completed());
        assertEquals(1, again.failed());
    }

    @Test
    void anInterruptedCellResumesFromItsCheckpointAndEndsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        SweepPlan plan = plan("sweep { units in [8, 12] }");
        var whole = SweepRunner.run(plan, options(tmp.resolve("whole")), SweepRunner.Listener.SILENT, () -> false);
        assertEquals(2, whole.completed());

        AtomicInteger steps = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        SweepRunner.Listener stopper = new SweepRunner.Listener() {
            @Override public void cellStep(SweepCell cell, int epoch, int epochs, int step, int stepsInEpoch) {
                if (steps.incrementAndGet() == 9) stop.set(true);  // in cell 0's second epoch
            }
        };
        Path cut = tmp.resolve("cut");
        var interrupted = SweepRunner.run(plan, options(cut), stopper, stop::get);
        assertTrue(interrupted.stopped());
        assertEquals(1, interrupted.interrupted());
        assertEquals(CellResult.INTERRUPTED, new SweepDirectory(cut).result(0).status());
        assertNull(new SweepDirectory(cut).result(1), "no cell starts after a stop request");

        List<Boolean> resumed = new ArrayList<>();
        var finished = SweepRunner.run(plan, options(cut), new SweepRunner.Listener() {
            @Override public void cellStarted(SweepCell cell, Path runDir, boolean wasResumed) { resumed.add(wasResumed); }
        }, () -> false);
        assertEquals(List.of(true, false), resumed);
        assertEquals(2, finished.completed());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(weights(whole.dir().cellDir(i)), weights(finished.dir().cellDir(i)), "cell " + i + " weights");
            assertEquals(whole.results().get(i).testAccuracy(), finished.results().get(i).testAccuracy());
            assertEquals(curve(whole.results().get(i)), curve(finished.results().get(i)));
        }
        assertTrue(finished.results().get(0).seconds() > 0);
    }

    /** Loss and accuracy of each epoch (the seconds differ from run to run). */
    static List<List<Double>> curve(CellResult r) {
        return r.history().stream().map(e -> List.of(e.loss(), e.accuracy())).toList();
    }

    @Test
    void twoJobsRunChosenCellsAtOnceAndLaterRunsSkipThem(@TempDir Path tmp) throws Exception {
        SweepPlan plan = plan("sweep { units in [8, 12, 16] }");
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SweepRunner.Listener watch = new SweepRunner.Listener() {
            @Override public void cellStarted(SweepCell cell, Path runDir, boolean r) { most.accumulateAndGet(concurrent.incrementAndGet(), Math::max); }

            @Override public void cellFinished(SweepCell cell, CellResult result) { concurrent.decrementAndGet(); }
        };
        Path dir = tmp.resolve("s");
        var first = SweepRunner.run(plan, options(dir).withCells(List.of(0, 2)).withJobs(2), watch, () -> false);
        assertEquals(2, first.completed());
        assertEquals(List.of(0, 2), first.results().stream().map(CellResult::index).toList());
        assertEquals(2, most.get(), "both cells trained at once");
        assertFalse(Files.exists(new SweepDirectory(dir).cellDir(1)));
        // Each of the two jobs had one of the two threads.
        String run = Files.readString(new SweepDirectory(dir).cellDir(0).resolve(RunDirectory.RUN_JSON));
        assertTrue(run.replaceAll("\\s", "").contains("\"threads\":{\"intra_op\":1,\"inter_op\":1}"), run);

        var rest = SweepRunner.run(plan, options(dir).withJobs(2), SweepRunner.Listener.SILENT, () -> false);
        assertEquals(2, rest.skipped());
        assertEquals(1, rest.completed());
        assertEquals(3, rest.results().size());
    }

    @Test
    void withoutChosenThreadsASmallCellTakesOneThreadAndALargeOneItsShare(@TempDir Path tmp) throws Exception {
        // 8 units: ~0.4 MFLOP a step of 32; 8192 units: ~415 MFLOP, above RunOptions.ONE_THREAD_BELOW_FLOPS_PER_STEP
        // (its first layer in column blocks: one intra-op thread and its share of inter-op threads).
        SweepPlan plan = plan("sweep { units in [8, 8192] }");
        Path dir = tmp.resolve("s");
        var options = new SweepRunner.Options(dir, null, 1, "cpu", 2, false, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(2, SweepRunner.run(plan, options, SweepRunner.Listener.SILENT, () -> false).completed());
        assertEquals(1, recordedThreads(dir, 0));
        // Its share, unless this machine has fewer cores (RunOptions.defaults() takes the cores).
        assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()), recordedThreads(dir, 1));

        // Chosen threads are every cell's share, small or not.
        Path chosen = tmp.resolve("t");
        var given = new SweepRunner.Options(chosen, List.of(0), 1, "cpu", 2, true, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(1, SweepRunner.run(plan, given, SweepRunner.Listener.SILENT, () -> false).completed());
        assertEquals(2, recordedThreads(chosen, 0));
    }

    @Test
    void withoutChosenJobsSmallCellsTrainAsManyAtOnceAsTheThreadsHold() {
        // 8 units: one thread a cell alone, so two at once on two threads; 8192 units take both threads.
        SweepPlan plan = plan("sweep { units in [8, 16, 8192] }");
        int cores = Runtime.getRuntime().availableProcessors();
        var auto = new SweepRunner.Options(null, List.of(0, 1), 1, "cpu", 2, false, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(2, auto.defaultJobs(plan));
        assertEquals(cores >= 2 ? 1 : 2, auto.withCells(List.of(0, 2)).defaultJobs(plan), "a large cell takes both threads (the cores permitting)");
        var four = new SweepRunner.Options(null, List.of(0, 1), 1, "cpu", 4, false, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(4, four.defaultJobs(plan));
        // A batch size override that makes the step large is the one that counts.
        var larger = new SweepRunner.Options(null, List.of(1), 1, "cpu", 2, false, null, 1, 65_536, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(cores >= 2 ? 1 : 2, larger.defaultJobs(plan));
        var given = new SweepRunner.Options(null, List.of(0, 1), 1, "cpu", 2, true, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(1, given.defaultJobs(plan), "chosen threads are every cell's share: one job");
    }

    @Test
    void aSmallCellWhoseFirstLayerTrainsInBlocksStillCountsAsOneThread() {
        // 256 units: a 784 x 256 kernel, which alone takes every core (its column blocks), but a
        // small step (~13 MFLOP of 32): two such cells side by side train more cells an hour.
        SweepPlan plan = plan("sweep { units in [8, 256] }");
        var cell = plan.cell(1).model();
        assertTrue(RunOptions.smallStep(cell));
        assertFalse(RunOptions.denseInColumnBlocks(cell).isEmpty());
        assertEquals(Runtime.getRuntime().availableProcessors(), RunOptions.defaultsFor(cell).threads());
        var auto = new SweepRunner.Options(null, List.of(0, 1), 1, "cpu", 2, false, null, 1, null, 64, List.of("dlmc", "sweep", "test"), "test");
        assertEquals(2, auto.defaultJobs(plan));
    }

    /**
     * The threads a cell's run.json records: its inter-op threads, and as many intra-op threads
     * or one (a model whose lanes or column blocks run on the inter-op threads).
     */
    private static int recordedThreads(Path sweepDir, int cell) throws Exception {
        String run = Files.readString(new SweepDirectory(sweepDir).cellDir(cell).resolve(RunDirectory.RUN_JSON)).replaceAll("\\s", "");
        var m = java.util.regex.Pattern.compile("\"threads\":\\{\"intra_op\":(\\d+),\"inter_op\":(\\d+)}").matcher(run);
        assertTrue(m.find(), run);
        assertTrue(m.group(1).equals(m.group(2)) || m.group(1).equals("1"), run);
        return Integer.parseInt(m.group(2));
    }

    @Test
    void aDirectoryOfAnotherSweepIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        SweepRunner.run(plan("sweep { units in [8] }"), options(dir).withCells(List.of()), SweepRunner.Listener.SILENT, () -> false);
        RunException e = assertThrows(RunException.class,
                () -> SweepRunner.run(plan("sweep { units in [9] }"), options(dir), SweepRunner.Listener.SILENT, () -> false));
        assertEquals("DLM1500", e.code().name());
        assertEquals(List.of("cell 0: {units=8} -> {units=9}"), e.notes());
    }

    @Test
    void estimatesUseTheRateMeasuredInTheSweepDirectory(@TempDir Path tmp) throws Exception {
        SweepPlan plan = plan("sweep { units in [8, 16] }");
        Path dir = tmp.resolve("s");
        List<SweepEstimate.Cell> before = SweepEstimate.of(plan, options(dir));
        assertEquals(2, before.size());
        double flops8 = 3.0 * plan.cell(0).model().flopsPerSample() * 200 * 2;
        assertEquals(flops8, before.get(0).flops(), 1e-6);
        assertEquals(flops8 / SweepEstimate.DEFAULT_FLOPS_PER_SECOND, before.get(0).seconds(), 1e-9);
        assertNull(before.get(0).status());
        SweepRunner.run(plan, options(dir).withCells(List.of(0)), SweepRunner.Listener.SILENT, () -> false);
        List<SweepEstimate.Cell> after = SweepEstimate.of(plan, options(dir));
        assertEquals(CellResult.COMPLETED, after.get(0).status());
        Double rate = SweepEstimate.measuredRate(plan, new SweepDirectory(dir).results());
        assertNotNull(rate);
        assertEquals(after.get(1).flops() / rate, after.get(1).seconds(), 1e-9);
    }
}
