package dev.dlm.runtime.run;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.data.ValidationSplit;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.TrainedRun;
import dev.dlm.runtime.tensorboard.EventWriter;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.Evaluation;
import dev.dlm.runtime.train.FitHooks;
import dev.dlm.runtime.train.FitResult;
import dev.dlm.runtime.train.History;
import dev.dlm.runtime.train.MemoryEstimate;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.Trainer;
import dev.dlm.runtime.train.TrainerState;
import dev.dlm.runtime.train.TrainingException;
import dev.dlm.runtime.train.TrainingListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;

/**
 * {@code dlmc run} as a service: trains a checked model in a run directory, keeping after
 * every epoch the latest (and best) checkpoint, {@code history.csv}, TensorBoard scalars and
 * {@code run.json}, and when it stops (completed or interrupted) its weights files
 * ({@code weights/last.weights.h5}, {@code weights/best.weights.h5}); on a stop request (a
 * signal, a test) it checkpoints where it is and returns; a new call continues such a run
 * exactly.
 */
public final class RunService {
    private RunService() {}

    /**
     * A new run: the model as checked (command-line overrides applied), its text, the file
     * it came from (as the user wrote it; data paths resolve from its folder), where to keep
     * it, how to run it, and what to record: each setting with its source, the command line
     * and dlmc's version.
     */
    public record NewRun(CheckedModel model, String modelText, Path modelFile, Path runDir, RunOptions options,
                         Integer trainLimit, Map<String, Object> settings, List<String> command, String dlmcVersion) {}

    /** How a run ended. {@code test} is null unless it completed. */
    public record Outcome(RunDirectory directory, long seed, History history, Evaluation test, String status, int trainSamples) {
        public boolean interrupted() { return status.equals("interrupted"); }
    }

    /** Creates the run directory of {@code run} (its default path when {@code run.runDir()} is null). */
    public static RunDirectory create(NewRun run) throws IOException, RunException {
        long seed = run.options().seed() != null ? run.options().seed()
                : run.model().train().seed() != null ? run.model().train().seed() : new Random().nextLong();
        Path dir = run.runDir() != null ? run.runDir() : RunDirectory.defaultPath(Path.of(""), run.model().name(), Instant.now());
        ModelFingerprint fp = ModelFingerprint.of(run.model());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", run.model().name());
        json.put("model_file", run.modelFile().toString());
        json.put("model_hash", fp.hash());
        json.put("status", "running");
        json.put("epochs_done", 0);
        json.put("epochs_planned", run.model().train().epochs());
        json.put("seed", seed);
        Map<String, Object> threads = new LinkedHashMap<>();
        threads.put("intra_op", run.options().intraOpThreads());
        threads.put("inter_op", run.options().interOpThreads());
        json.put("threads", threads);
        json.put("device", run.options().device());
        json.put("train_limit", run.trainLimit());
        json.put("batch_size", run.model().train().batchSize());
        json.put("settings", run.settings());
        json.put("command", run.command());
        json.put("dlmc_version", run.dlmcVersion());
        json.put("tensorflow_version", org.tensorflow.TensorFlow.version());
        json.put("started", Instant.now().toString());
        json.put("resumes", new ArrayList<>());
        json.put("model_facts", fp.facts());
        return RunDirectory.create(dir, run.modelText(), json);
    }

    /**
     * Checks that {@code model} (as checked now, with the run's recorded overrides applied)
     * is the model of {@code dir}'s run, up to safe changes (the number of epochs); records the
     * resume and its changes in {@code run.json}. Throws DLM1101 listing what changed otherwise.
     */
    @SuppressWarnings("unchecked")
    public static void requireSameModel(RunDirectory dir, CheckedModel model) throws RunException, IOException {
        Map<String, Object> run = dir.run();
        ModelFingerprint now = ModelFingerprint.of(model);
        if (now.hash().equals(run.get("model_hash"))) {
            int planned = ((Number) run.get("epochs_planned")).intValue();
            Map<String, Object> resume = new LinkedHashMap<>();
            resume.put("at", Instant.now().toString());
            resume.put("epochs_done", run.get("epochs_done"));
            resume.put("global_step", run.get("global_step"));
            resume.put("changes", planned == model.train().epochs() ? List.of()
                    : List.of("epochs " + planned + " -> " + model.train().epochs()));
            ((List<Object>) run.get("resumes")).add(resume);
            run.put("epochs_planned", model.train().epochs());
            return;
        }
        Map<String, String> before = new LinkedHashMap<>();
        ((Map<String, Object>) run.get("model_facts")).forEach((k, v) -> before.put(k, String.valueOf(v)));
        List<String> changes = now.changesFrom(before).stream().map(c -> "changed: " + c).toList();
        throw new RunException(Code.DLM1101, "cannot resume `" + dir.dir() + "`: the model is not the one this run trained",
                changes, "resume with the model as it was (" + dir.dir().resolve(RunDirectory.MODEL)
                + "), or start a new run; only `epochs` may change when resuming");
    }

    /** The run's recorded overrides applied to {@code model}: its batch size and seed, and the planned epochs unless {@code epochs} is given. */
    public static CheckedModel withRecordedSettings(RunDirectory dir, CheckedModel model, Integer epochs) {
        Map<String, Object> run = dir.run();
        TrainSpec t = model.train();
        int batch = ((Number) run.get("batch_size")).intValue();
        int planned = epochs != null ? epochs : ((Number) run.get("epochs_planned")).intValue();
        return model.withTrain(t.withEpochs(planned).withBatchSize(batch).withSeed(((Number) run.get("seed")).longValue()));
    }

    /** The options a resumed run must use to repeat the original's numbers: its device, threads and seed. */
    @SuppressWarnings("unchecked")
    public static RunOptions recordedOptions(RunDirectory dir) {
        Map<String, Object> run = dir.run();
        Map<String, Object> threads = (Map<String, Object>) run.get("threads");
        return new RunOptions((String) run.get("device"), ((Number) threads.get("intra_op")).intValue(),
                ((Number) threads.get("inter_op")).intValue(), ((Number) run.get("seed")).longValue());
    }

    /** The folder the run's data paths resolve from: the original .dlm file's. */
    public static Path dataBase(RunDirectory dir) {
        Path parent = Path.of((String) dir.run().get("model_file")).getParent();
        return parent != null ? parent : Path.of("");
    }

    /**
     * Trains {@code model} in {@code dir} from its latest complete checkpoint (from the start
     * when it has none), then evaluates on the test set when training completed.
     * {@code stop} is polled after every step with the global step.
     */
    public static Outcome train(RunDirectory dir, CheckedModel model, RunOptions options, TrainingListener listener,
                                LongPredicate stop) throws IOException, DataException {
        Map<String, Object> run = dir.run();
        // Relative data paths are read from the folder of the run's .dlm file (issue 8), wherever
        // dlmc runs; without shape= the data is checked against the model's input here.
        Dataset data = DataLoader.load(model.data(), dataBase(dir));
        // Every model input reads the data's sample (a functional model's inputs may share it).
        for (var input : model.graph().inputs()) DataLoader.requireInput(model.data(), data, input.shape());
        Split train = data.train();
        Integer limit = run.get("train_limit") == null ? null : ((Number) run.get("train_limit")).intValue();
        if (limit != null && limit < train.size()) train = train.slice(0, limit);
        String tooLarge = MemoryEstimate.check(model, train.size());
        if (tooLarge != null) throw new TrainingException(Code.DLM0308, tooLarge, "reduce batch_size or the layers' widths");
        Split validation = null;
        if (model.train().validationSplit() > 0) {
            ValidationSplit parts = ValidationSplit.of(train, model.train().validationSplit());
            train = parts.train();
            validation = parts.validation();
        } else if (model.train().validateOnTest()) {
            validation = data.test();
        }
        Checkpoints checkpoints = dir.checkpoints();
        checkpoints.cleanUp();
        // Weights files are written when a run stops; a resumed run makes them stale, and until it
        // stops again evaluate, predict and export read its checkpoint instead.
        TrainedRun.deleteWeights(dir.dir());
        Checkpoints.Checkpoint from = checkpoints.latest();
        try (Trainer trainer = Trainer.create(model, options);
             Logs logs = new Logs(dir, trainer, model.train().loggedMetrics(), from == null ? List.of() : from.state().history())) {
            if (from != null) trainer.graph().restore(from.prefix());
            else checkpoints.warmUp(trainer.graph());
            Writer writer = new Writer();
            FitHooks hooks = new FitHooks() {
                @Override public boolean stopRequested(long globalStep) { return stop.test(globalStep); }

                @Override public void onEpochEnd(TrainerState state, boolean improvedBest) {
                    try {
                        long start = System.nanoTime();
                        long cpuStart = processCpuNanos();
                        writer.await();
                        long waited = System.nanoTime();
                        // Only the variables must be saved before the next step changes them; the state
                        // file, checksums, renames and logs are written while the next epoch trains.
                        Checkpoints.Staged staged = checkpoints.stage(trainer.graph());
                        Map<String, Object> snapshot = state.toJson();
                        logs.waitSeconds += (waited - start) / 1e9;
                        logs.checkpointSeconds += (System.nanoTime() - waited) / 1e9;
                        logs.stopCpuSeconds += (processCpuNanos() - cpuStart) / 1e9;
                        writer.submit(() -> {
                            long t = System.nanoTime();
                            staged.commit(snapshot, improvedBest);
                            logs.epoch(TrainerState.fromJson(snapshot));
                            logs.backgroundSeconds += (System.nanoTime() - t) / 1e9;
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override public void onInterrupted(TrainerState state) {
                    try {
                        writer.await();
                        checkpoints.save(trainer.graph(), state, false);
                        logs.status(state, "interrupted");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            FitResult result;
            long cpuAtStart = processCpuNanos();
            try {
                result = trainer.fit(train, validation, listener, hooks, from == null ? null : from.state());
                writer.close();
                logs.fitCpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
            } catch (TrainingException e) {
                writer.close();
                logs.status(null, "failed");
                throw e;
            } finally {
                writer.shutdown();
            }
            if (result.interrupted()) {
                writeWeights(dir, trainer);
                logs.status(result.state(), "interrupted");
                writeMetrics(dir, model, trainer.seed(), train.size(), result.history(), null);
                return new Outcome(dir, trainer.seed(), result.history(), null, "interrupted", train.size());
            }
            Evaluation test = trainer.evaluate(data.test());
            writeMetrics(dir, model, trainer.seed(), train.size(), result.history(), test);
            Map<String, Object> testJson = new LinkedHashMap<>(Map.of("loss", test.loss()));
            if (!Double.isNaN(test.accuracy())) testJson.put("accuracy", test.accuracy());
            testJson.putAll(test.metrics());
            run.put("test", testJson);
            writeWeights(dir, trainer);
            logs.status(result.state(), "completed");
            return new Outcome(dir, trainer.seed(), result.history(), test, "completed", train.size());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the run's weights files, as Keras's {@code model.save_weights} would: {@code last}
     * (the model as training left it, what the test was evaluated with) and, when the run kept
     * a best checkpoint, {@code best}, read by restoring that checkpoint into the training graph
     * (which is done with). Evaluate, predict and export then read the weights without
     * building the training graph, Sequential and functional models alike.
     */
    private static void writeWeights(RunDirectory dir, Trainer trainer) throws IOException {
        String source = dir.modelText();
        TrainedRun.writeWeights(dir.dir(), TrainedModel.of(trainer.graph(), source), TrainedRun.Which.LAST);
        Checkpoints.Checkpoint best = Checkpoints.read(dir.checkpoints().dir().resolve(Checkpoints.BEST));
        if (best != null) {
            trainer.graph().restore(best.prefix());
            TrainedRun.writeWeights(dir.dir(), TrainedModel.of(trainer.graph(), source), TrainedRun.Which.BEST);
        }
    }

    /** The CPU time of this process so far (all threads, TensorFlow's included), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** A file-writing action of the background writer. */
    private interface Write {
        void run() throws IOException;
    }

    /**
     * One background thread that writes what an epoch leaves behind while the next trains,
     * one epoch at a time (a write waits for the previous one), failures surfacing at the next
     * {@link #await}.
     */
    private static final class Writer {
        private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dlm-run-writer");
            t.setDaemon(true);
            return t;
        });
        private java.util.concurrent.Future<?> pending;

        void submit(Write write) {
            pending = executor.submit(() -> {
                write.run();
                return null;
            });
        }

        void await() throws IOException {
            if (pending == null) return;
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing the run directory", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IOException(e.getCause());
            } finally {
                pending = null;
            }
        }

        /** Waits for the last write. */
        void close() throws IOException { await(); }

        void shutdown() { executor.shutdownNow(); }
    }

    /** The metrics JSON ({@code --metrics-out}'s format): the model, seed, samples, each epoch, the test results. */
    public static Map<String, Object> metrics(CheckedModel model, long seed, int trainSamples, History history, Evaluation test) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        root.put("seed", seed);
        root.put("train_samples", trainSamples);
        root.put("batch_size", model.train().batchSize());
        // The compiler's count, so benchmarks compute GFLOP/s from the model itself.
        root.put("forward_flops_per_sample", model.flopsPerSample());
        List<Object> epochs = new ArrayList<>();
        for (EpochStats e : history.epochs()) epochs.add(e.toJson());
        root.put("epochs", epochs);
        if (test != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("loss", test.loss());
            if (!Double.isNaN(test.accuracy())) t.put("accuracy", test.accuracy());
            t.putAll(test.metrics());
            root.put("test", t);
        }
        return root;
    }

    private static void writeMetrics(RunDirectory dir, CheckedModel model, long seed, int samples, History history, Evaluation test)
            throws IOException {
        dir.writeMetrics(metrics(model, seed, samples, history, test));
    }

    /** history.csv, TensorBoard and run.json, kept up to date after each epoch. */
    private static final class Logs implements AutoCloseable {
        private final RunDirectory dir;
        private final List<String> logged;
        private final boolean rate;
        private final EventWriter train;
        private final EventWriter validation;
        /**
         * This process's time for the checkpoints after epochs, for bench/run checkpoint: saving
         * the variables and waiting for the previous epoch's writes (both stop training), and the
         * writes done in the background while the next epoch trains.
         */
        volatile double checkpointSeconds;
        volatile double waitSeconds;
        volatile double backgroundSeconds;
        /** Process CPU time while training stopped for checkpoints, and over the whole fit (a measure a loaded machine distorts less). */
        volatile double stopCpuSeconds;
        volatile double fitCpuSeconds;

        Logs(RunDirectory dir, Trainer trainer, List<String> logged, List<EpochStats> done) throws IOException {
            this.dir = dir;
            this.logged = logged;
            this.rate = trainer.logsLearningRate();
            // Each process writes fresh event files holding the whole history so far: the epochs
            // a killed process logged after its last checkpoint are not in this run any more.
            for (String split : List.of("train", "validation")) AtomicFiles.deleteTree(dir.tensorboard(split));
            double now = System.currentTimeMillis() / 1000.0;
            this.train = EventWriter.create(dir.tensorboard("train"), now);
            this.validation = logged.contains("val_loss") ? EventWriter.create(dir.tensorboard("validation"), now) : null;
            train.graph(trainer.graph().graph().toGraphDef().toByteArray(), now);
            for (EpochStats e : done) scalars(e);
            dir.writeHistory(done, logged, rate);
        }

        void epoch(TrainerState state) throws IOException {
            List<EpochStats> history = state.history();
            scalars(history.get(history.size() - 1));
            dir.writeHistory(history, logged, rate);
            status(state, "running");
        }

        private void scalars(EpochStats e) throws IOException {
            double now = System.currentTimeMillis() / 1000.0;
            long step = e.epoch() - 1;
            for (String m : logged) {
                Double v = e.metric(m);
                if (v == null) continue;
                if (m.startsWith("val_")) validation.scalar("epoch_" + m.substring(4), step, v, now);
                else train.scalar("epoch_" + m, step, v, now);
            }
            Double rate = e.metric("learning_rate");
            if (rate != null) train.scalar("epoch_learning_rate", step, rate, now);
        }

        void status(TrainerState state, String status) throws IOException {
            Map<String, Object> run = dir.run();
            run.put("status", status);
            if (state != null) {
                run.put("epochs_done", state.epochsDone());
                run.put("global_step", state.globalStep());
                if (state.best() != null) {
                    run.put("best_epoch", state.bestEpoch());
                    run.put("best_value", state.best());
                }
                if (state.stopped()) run.put("stopped_early", true);
            }
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("save", checkpointSeconds);
            cost.put("wait", waitSeconds);
            cost.put("background", backgroundSeconds);
            cost.put("stop_cpu", stopCpuSeconds);
            cost.put("fit_cpu", fitCpuSeconds);
            run.put("persist_seconds", cost);
            dir.writeRunJson();
        }

        @Override
        public void close() throws IOException {
            try {
                train.close();
            } finally {
                if (validation != null) validation.close();
            }
        }
    }
}
