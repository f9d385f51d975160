package dev.dlm.runtime.sweep;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.render.Json;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.run.AtomicFiles;
import dev.dlm.runtime.run.RunDirectory;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.run.RunService;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.TrainingException;
import dev.dlm.runtime.train.TrainingListener;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link SweepPlan}: each chosen cell trains in its own run directory
 * ({@code cell-NNN/} of a {@link SweepDirectory}, docs/runs.md) and leaves a {@link CellResult}.
 * A completed cell is skipped; an interrupted, failed or killed one resumes from its latest
 * checkpoint; a cell that fails is recorded and the others go on. {@code jobs} cells train at
 * once, as threads of this JVM (each with its own TensorFlow session), the threads split
 * evenly between them. A stop request (a signal) checkpoints the running cells and starts no
 * more.
 */
public final class SweepRunner {

    private SweepRunner() {}

    /**
     * How to run: the sweep directory (null: {@code runs/<model>/sweep-<UTC stamp>/}), the cells
     * to run (null: all), cells at once, the device and the total TensorFlow threads (split
     * between the jobs; {@code threadsGiven} when the user chose them, otherwise a cell whose
     * training step is small takes one, as {@code dlmc run} does: {@link RunOptions#defaultsFor}),
     * and overrides of every cell's seed, epochs, batch size and training samples (null keeps each
     * cell's own). {@code command} and {@code dlmcVersion} are recorded.
     */
    public record Options(Path sweepDir, List<Integer> cells, int jobs, String device, int threads, boolean threadsGiven, Long seed,
                          Integer epochs, Integer batchSize, Integer trainLimit, List<String> command, String dlmcVersion) {
        public Options {
            if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            cells = cells == null ? null : List.copyOf(cells);
            command = List.copyOf(command);
        }

        /** One job, every cell, every core, no overrides. */
        public static Options defaults() {
            return new Options(null, null, 1, "cpu", Runtime.getRuntime().availableProcessors(), false, null, null, null, null,
                    List.of("dlmc", "sweep"), "unknown");
        }

        public Options withSweepDir(Path dir) {
            return new Options(dir, cells, jobs, device, threads, threadsGiven, seed, epochs, batchSize, trainLimit, command, dlmcVersion);
        }

        public Options withCells(List<Integer> chosen) {
            return new Options(sweepDir, chosen, jobs, device, threads, threadsGiven, seed, epochs, batchSize, trainLimit, command, dlmcVersion);
        }

        public Options withJobs(int n) {
            return new Options(sweepDir, cells, n, device, threads, threadsGiven, seed, epochs, batchSize, trainLimit, command, dlmcVersion);
        }

        /** The TensorFlow threads each of {@code running} concurrent cells gets at most. */
        int threadsPerCell(int running) { return Math.max(1, threads / Math.max(1, Math.min(jobs, running))); }

        /**
         * How many cells to train at once when the user gives no {@code --jobs}: as many as
         * {@link #threads} hold at the threads each chosen cell of {@code plan} takes alone (one
         * for a small step, such as the book's MLP: {@link RunOptions#smallStep}; its first layer's
         * column blocks make one run's step shorter on two threads, but two runs on one thread
         * each train more cells an hour), so that a sweep of small cells keeps every core busy.
         * One when the threads were chosen: they are then every cell's share.
         */
        public int defaultJobs(SweepPlan plan) {
            if (threadsGiven) return 1;
            int widest = 1;
            for (int i : cells != null ? cells : range(plan.size())) {
                CheckedModel model = withOverrides(plan.cell(i).model(), this);
                int own = RunOptions.smallStep(model) ? 1 : RunOptions.defaultsFor(model).threads();
                widest = Math.max(widest, Math.min(threads, own));
            }
            return Math.max(1, threads / widest);
        }

        /** The threads of a cell training {@code model}, given its share: fewer when its step is small and the user chose none. */
        int threadsFor(CheckedModel model, int share) {
            return threadsGiven ? share : Math.min(share, RunOptions.defaultsFor(model).threads());
        }
    }

    /** What a sweep runner reports as it goes; called from the jobs' threads, one call at a time. */
    public interface Listener {
        Listener SILENT = new Listener() {};

        /** The sweep directory is ready; {@code toRun} cells will train, {@code done} were already completed. */
        default void started(SweepDirectory dir, int toRun, int done) {}

        default void cellStarted(SweepCell cell, Path runDir, boolean resumed) {}

        /** A training step of a cell ended (epochs and steps count from 1). */
        default void cellStep(SweepCell cell, int epoch, int epochs, int step, int steps) {}

        default void cellFinished(SweepCell cell, CellResult result) {}
    }

    /**
     * How a sweep ended: its directory, the result of every chosen cell (by index; those a stop
     * request kept from starting are absent), and how many completed now, were completed
     * before (skipped), failed, or were interrupted.
     */
    public record Summary(SweepDirectory dir, List<CellResult> results, int completed, int skipped, int failed, int interrupted,
                          boolean stopped) {
        public Summary {
            results = List.copyOf(results);
        }
    }

    /**
     * Runs the chosen cells of {@code plan}. Throws {@link RunException} (DLM1500) when the sweep
     * directory holds another sweep, IOException when it cannot be written; a cell's own problems
     * are in its result, never thrown.
     */
    public static Summary run(SweepPlan plan, Options options, Listener listener, BooleanSupplier stop)
            throws IOException, RunException {
        SweepDirectory dir = open(plan, options);
        List<SweepCell> chosen = new ArrayList<>();
        for (int i : options.cells() != null ? options.cells() : range(plan.size())) chosen.add(plan.cell(i));
        List<CellResult> results = new ArrayList<>();
        List<SweepCell> pending = new ArrayList<>();
        for (SweepCell cell : chosen) {
            CellResult before = readQuietly(dir, cell.index());
            if (before != null && before.completed() && sameCell(before, cell, options)) results.add(before);
            else pending.add(cell);
        }
        int skipped = results.size();
        Listener events = synchronizedListener(listener);
        events.started(dir, pending.size(), skipped);
        int threads = options.threadsPerCell(pending.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.jobs(), pending.size())), r -> {
            Thread t = new Thread(r, "dlm-sweep-cell");
            t.setDaemon(true);
            return t;
        });
        List<Future<CellResult>> futures = new ArrayList<>();
        try {
            for (SweepCell cell : pending) {
                futures.add(pool.submit(() -> stop.getAsBoolean() ? null : runCell(plan, cell, dir, options, threads, events, stop)));
            }
            for (Future<CellResult> f : futures) {
                CellResult r = get(f);
                if (r != null) results.add(r);
            }
        } finally {
            pool.shutdownNow();
        }
        results.sort(java.util.Comparator.comparingInt(CellResult::index));
        int completed = 0, failed = 0, interrupted = 0;
        for (CellResult r : results) {
            if (r.failed()) failed++;
            else if (r.status().equals(CellResult.INTERRUPTED)) interrupted++;
            else if (r.completed()) completed++;
        }
        return new Summary(dir, results, completed - skipped, skipped, failed, interrupted, stop.getAsBoolean());
    }

    private static CellResult get(Future<CellResult> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a sweep cell", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    /** A completed result counts for the cell only when it ran the cell as asked now (same bindings, same overrides). */
    private static boolean sameCell(CellResult r, SweepCell cell, Options options) {
        return r.bindings().equals(cell.bindings())
                && r.epochs() == (options.epochs() != null ? options.epochs() : cell.model().train().epochs())
                && Objects.equals(r.trainLimit(), options.trainLimit());
    }

    private static CellResult readQuietly(SweepDirectory dir, int index) {
        try {
            return dir.result(index);
        } catch (IOException | IllegalArgumentException e) {
            return null;  // unreadable: the cell runs (again), and its result is rewritten
        }
    }

    /**
     * The sweep directory for {@code plan}: created with its {@code sweep.json}, or an existing
     * one whose {@code sweep.json} describes the same cells.
     */
    @SuppressWarnings("unchecked")
    static SweepDirectory open(SweepPlan plan, Options options) throws IOException, RunException {
        Path path = options.sweepDir() != null ? options.sweepDir()
                : SweepDirectory.defaultPath(Path.of(""), plan.modelName(), Instant.now());
        SweepDirectory dir = new SweepDirectory(path);
        Path json = path.resolve(SweepDirectory.SWEEP_JSON);
        Map<String, Object> mine = describe(plan);
        if (Files.isRegularFile(json)) {
            Map<String, Object> theirs;
            try {
                theirs = JsonReader.object(Files.readString(json, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new RunException(Code.DLM1500, "cannot read `" + json + "`: " + e.getMessage(), List.of(),
                        "choose another --sweep-dir, or remove the damaged file");
            }
            List<String> changes = differences((List<Object>) theirs.get("cells"), (List<Object>) mine.get("cells"));
            if (!Objects.equals(theirs.get("model"), mine.get("model"))) {
                changes.add(0, "model `" + theirs.get("model") + "` -> `" + mine.get("model") + "`");
            }
            if (!changes.isEmpty()) {
                throw new RunException(Code.DLM1500, "`" + path + "` holds another sweep", changes,
                        "run this sweep in a new --sweep-dir, or restore the file the sweep was started with");
            }
            return dir;
        }
        Files.createDirectories(path);
        mine.put("created", Instant.now().toString());
        mine.put("command", options.command());
        mine.put("dlmc_version", options.dlmcVersion());
        AtomicFiles.write(json, Json.write(mine) + "\n");
        return dir;
    }

    /** The plan as {@code sweep.json} records it: the model, the file, and each cell's index, label, bindings, references and parameters. */
    public static Map<String, Object> describe(SweepPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", plan.modelName());
        m.put("file", plan.file() == null ? null : plan.file().toString());
        List<Object> cells = new ArrayList<>();
        for (SweepCell c : plan.cells()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", c.index());
            x.put("label", c.label());
            x.put("bindings", new LinkedHashMap<>(c.bindings()));
            x.put("references", new LinkedHashMap<>(c.references()));
            x.put("params", c.params());
            cells.add(x);
        }
        m.put("cells", cells);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> differences(List<Object> before, List<Object> now) {
        List<String> out = new ArrayList<>();
        if (before == null) before = List.of();
        if (before.size() != now.size()) out.add(before.size() + " cells -> " + now.size());
        for (int i = 0; i < Math.min(before.size(), now.size()); i++) {
            Object a = ((Map<String, Object>) before.get(i)).get("bindings");
            Object b = ((Map<String, Object>) now.get(i)).get("bindings");
            if (!String.valueOf(a).equals(String.valueOf(b))) out.add("cell " + i + ": " + a + " -> " + b);
            if (out.size() >= 5) break;
        }
        return out;
    }

    /** Trains one cell to its end (or to a stop request) and writes its result; never throws for the cell's own problems. */
    private static CellResult runCell(SweepPlan plan, SweepCell cell, SweepDirectory sweep, Options options, int threads,
                                      Listener events, BooleanSupplier stop) throws IOException {
        Path runDir = sweep.cellDir(cell.index());
        CellResult before = readQuietly(sweep, cell.index());
        double secondsBefore = before != null && sameCell(before, cell, options) ? before.seconds() : 0;
        String started = before != null && before.started() != null ? before.started() : Instant.now().toString();
        long t0 = System.nanoTime();
        CheckedModel model = withOverrides(cell.model(), options);
        CellResult running = result(cell, model, options, CellResult.RUNNING, null, List.of(), null, secondsBefore, started,
                null, null, null, runDir);
        running.write(sweep.resultFile(cell.index()));
        RunDirectory dir = null;
        try {
            boolean resumed = Files.isRegularFile(runDir.resolve(RunDirectory.RUN_JSON));
            RunOptions runOptions;
            if (resumed) {
                dir = RunDirectory.open(runDir);
                model = RunService.withRecordedSettings(dir, model, model.train().epochs());
                RunService.requireSameModel(dir, model);
                runOptions = RunService.recordedOptions(dir);
            } else {
                int own = options.threadsFor(model, threads);
                runOptions = new RunOptions(options.device(), own, own, options.seed()).withThreadsFor(model, own);
                String text = cell.text() != null ? cell.text() : Files.readString(plan.file(), StandardCharsets.UTF_8);
                dir = RunService.create(new RunService.NewRun(model, text, plan.file() != null ? plan.file() : Path.of("sweep.dlm"),
                        runDir, runOptions, options.trainLimit(), settings(cell, model, options), options.command(),
                        options.dlmcVersion()));
                runOptions = runOptions.withSeed(((Number) dir.run().get("seed")).longValue());
            }
            events.cellStarted(cell, runDir, resumed);
            int epochs = model.train().epochs();
            TrainingListener steps = new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int step, int stepsInEpoch, double loss, double accuracy) {
                    events.cellStep(cell, epoch, epochs, step, stepsInEpoch);
                }
            };
            RunService.Outcome outcome = RunService.train(dir, model, runOptions, steps, step -> stop.getAsBoolean());
            double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
            String status = outcome.interrupted() ? CellResult.INTERRUPTED : CellResult.COMPLETED;
            EpochStats last = outcome.history().epochs().isEmpty() ? null : outcome.history().last();
            CellResult r = result(cell, model, options, status, outcome.seed(), curve(outcome.history().epochs()), last, seconds,
                    started, outcome.interrupted() ? null : Instant.now().toString(), null, null, runDir);
            r = withMeasured(r, outcome);
            return finish(sweep, cell, r, events);
        } catch (RunException e) {
            return failed(sweep, cell, model, options, dir, started, secondsBefore, t0, e.getMessage() + notes(e.notes()), e.code(), events, runDir);
        } catch (DataException e) {
            return failed(sweep, cell, model, options, dir, started, secondsBefore, t0, e.getMessage(), e.code(), events, runDir);
        } catch (TrainingException e) {
            return failed(sweep, cell, model, options, dir, started, secondsBefore, t0, e.getMessage(), e.code(), events, runDir);
        } catch (IOException e) {
            return failed(sweep, cell, model, options, dir, started, secondsBefore, t0, "cannot write the run directory: " + e.getMessage(),
                    Code.DLM0803, events, runDir);
        } catch (RuntimeException e) {
            // TensorFlow's own errors (out of memory in a kernel, a bad shape at run time): this cell
            // fails, the sweep goes on.
            return failed(sweep, cell, model, options, dir, started, secondsBefore, t0, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Code.DLM1501, events, runDir);
        }
    }

    private static String notes(List<String> notes) {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    private static CellResult failed(SweepDirectory sweep, SweepCell cell, CheckedModel model, Options options, RunDirectory dir,
                                     String started, double secondsBefore, long t0, String message, Code code, Listener events,
                                     Path runDir) throws IOException {
        double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
        Long seed = dir == null || dir.run().get("seed") == null ? null : ((Number) dir.run().get("seed")).longValue();
        CellResult r = result(cell, model, options, CellResult.FAILED, seed, List.of(), null, seconds, started,
                Instant.now().toString(), message, code == null ? null : code.name(), runDir);
        return finish(sweep, cell, r, events);
    }

    private static CellResult finish(SweepDirectory sweep, SweepCell cell, CellResult r, Listener events) throws IOException {
        r.write(sweep.resultFile(cell.index()));
        events.cellFinished(cell, r);
        return r;
    }

    private static CellResult result(SweepCell cell, CheckedModel model, Options options, String status, Long seed,
                                     List<CellResult.Epoch> history, EpochStats last, double seconds, String started, String finished,
                                     String error, String errorCode, Path runDir) {
        return new CellResult(cell.index(), cell.label(), cell.bindings(), cell.references(), cell.params(), status, seed,
                model.train().epochs(), options.trainLimit(), last == null || Double.isNaN(last.accuracy()) ? null : last.accuracy(), last == null ? null : last.loss(),
                null, null, seconds, history, runDir.getFileName().toString(), host(), started, finished, error, errorCode);
    }

    /** {@code r} with the test results and every metric of {@code outcome} ({@link #metrics}). */
    private static CellResult withMeasured(CellResult r, RunService.Outcome outcome) {
        Double accuracy = outcome.test() == null || Double.isNaN(outcome.test().accuracy()) ? null : outcome.test().accuracy();
        Double loss = outcome.test() == null ? null : outcome.test().loss();
        return new CellResult(r.index(), r.label(), r.bindings(), r.references(), r.params(), r.status(), r.seed(), r.epochs(),
                r.trainLimit(), r.trainAccuracy(), r.trainLoss(), accuracy, loss, r.seconds(), r.history(), r.runDir(), r.host(),
                r.started(), r.finished(), r.error(), r.errorCode(), metrics(outcome));
    }

    /**
     * Every value the run computed, by reference key: the last epoch's logs as Keras names them
     * ({@code loss}, {@code accuracy}, {@code auc}, {@code dense_1_accuracy}...) under
     * {@code train.}, their {@code val_} forms under {@code val.}, and the test results under
     * {@code test.}; the learning rate is a setting, not a measure, and is left out.
     */
    static Map<String, Double> metrics(RunService.Outcome outcome) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!outcome.history().epochs().isEmpty()) {
            outcome.history().last().logs().forEach((name, value) -> {
                if (name.equals("learning_rate") || value == null || value.isNaN()) return;
                if (name.startsWith("val_")) out.put("val." + name.substring(4), value);
                else out.put("train." + name, value);
            });
        }
        if (outcome.test() != null) {
            out.put("test.loss", outcome.test().loss());
            if (!Double.isNaN(outcome.test().accuracy())) out.put("test.accuracy", outcome.test().accuracy());
            outcome.test().metrics().forEach((name, value) -> out.put("test." + name, value));
        }
        return out;
    }

    private static List<CellResult.Epoch> curve(List<EpochStats> epochs) {
        List<CellResult.Epoch> out = new ArrayList<>();
        for (EpochStats e : epochs) out.add(new CellResult.Epoch(e.epoch(), e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy(), e.seconds()));
        return out;
    }

    /** The cell's model with the sweep's overrides of epochs, batch size and seed. */
    static CheckedModel withOverrides(CheckedModel model, Options options) {
        TrainSpec t = model.train();
        if (options.epochs() != null) t = t.withEpochs(options.epochs());
        if (options.batchSize() != null) t = t.withBatchSize(options.batchSize());
        if (options.seed() != null) t = t.withSeed(options.seed());
        return model.withTrain(t);
    }

    /** run.json's {@code settings}: the cell's bindings and the training settings, each with where it came from. */
    private static Map<String, Object> settings(SweepCell cell, CheckedModel model, Options options) {
        Map<String, Object> out = new LinkedHashMap<>();
        String source = "sweep cell " + cell.index();
        cell.bindings().forEach((name, value) -> out.put(name, setting(value, source)));
        TrainSpec t = model.train();
        out.putIfAbsent("epochs", setting(t.epochs(), options.epochs() != null ? "command line" : "file"));
        out.putIfAbsent("batch_size", setting(t.batchSize(), options.batchSize() != null ? "command line" : "file"));
        out.putIfAbsent("seed", setting(t.seed(), options.seed() != null ? "command line" : t.seed() != null ? "file" : "random"));
        out.put("train_limit", setting(options.trainLimit(), options.trainLimit() != null ? "command line" : "default"));
        out.put("device", setting(options.device(), "command line"));
        return out;
    }

    private static Map<String, Object> setting(Object value, String source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("value", value instanceof Number || value instanceof Boolean || value == null ? value : String.valueOf(value));
        s.put("source", source);
        return s;
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Listener synchronizedListener(Listener l) {
        return new Listener() {
            @Override public synchronized void started(SweepDirectory dir, int toRun, int done) { l.started(dir, toRun, done); }

            @Override public synchronized void cellStarted(SweepCell cell, Path runDir, boolean resumed) { l.cellStarted(cell, runDir, resumed); }

            @Override public synchronized void cellStep(SweepCell cell, int epoch, int epochs, int step, int steps) {
                l.cellStep(cell, epoch, epochs, step, steps);
            }

            @Override public synchronized void cellFinished(SweepCell cell, CellResult result) { l.cellFinished(cell, result); }
        };
    }
}
