package dev.dlm.cli;

import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.io.AtomicFile;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.source.SourceReader;
import dev.dlm.compiler.render.Json;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.Evaluation;
import dev.dlm.runtime.train.History;
import dev.dlm.runtime.train.MemoryEstimate;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.RunProblems;
import dev.dlm.runtime.train.Trainer;
import dev.dlm.runtime.train.TrainingException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of {@code dlmc run} that touches the runtime (and so TensorFlow): load the data,
 * train with a Keras-like progress display, evaluate on the test set, write the metrics.
 * Kept apart from {@link RunCommand} so no other command ever loads a TensorFlow class.
 */
final class Training {
    private Training() {}

    /** How to run; {@code folder} is the .dlm file's folder, which relative data paths are read from. */
    record Options(String device, Integer threads, Long seed, Integer trainLimit, Path metricsOut, boolean quiet, Path folder) {}

    /** What a run measured; {@code metric("test", "accuracy")} etc. */
    record Result(History history, Evaluation test) {
        Double metric(String split, String metric) {
            if (split.equals("test")) return metric.equals("accuracy") ? test.accuracy() : test.loss();
            EpochStats last = history.last();
            return metric.equals("accuracy") ? last.valAccuracy() : last.valLoss();
        }
    }

    /** Runs the model; reports a diagnostic to {@code problems} and returns null when the run cannot go on. */
    static Result run(CheckedModel model, Options options, PrintWriter out, Consumer<Diagnostic> problems) {
        Dataset data;
        try {
            data = DataLoader.load(model.data(), options.folder());
            // Without shape= the checker could not compare the data with the model's input.
            DataLoader.requireInput(model.data(), data, model.input());
        } catch (DataException e) {
            problems.accept(RunProblems.of(e, model));
            return null;
        }
        Split train = data.train();
        if (options.trainLimit() != null && options.trainLimit() < train.size()) train = train.slice(0, options.trainLimit());
        String tooLarge = MemoryEstimate.check(model, train.size());
        if (tooLarge != null) {
            problems.accept(RunProblems.tooLarge(tooLarge, model));
            return null;
        }
        RunOptions runOptions = RunOptions.defaults().withDevice(options.device()).withSeed(options.seed());
        if (options.threads() != null) runOptions = runOptions.withThreads(options.threads(), options.threads());
        try (Trainer trainer = Trainer.create(model, runOptions)) {
            if (!options.quiet()) out.println("Seed: " + trainer.seed() + " (repeat this run with --seed " + trainer.seed() + ")");
            boolean accuracy = model.train().metrics().contains(Metric.ACCURACY);
            Progress progress = new Progress(out, Terminal.interactive() && !options.quiet(), options.quiet(), accuracy, Terminal.columns());
            History history;
            try {
                history = trainer.fit(new Dataset(data.name(), data.sampleShape(), data.classes(), train, data.test()), progress);
            } catch (TrainingException e) {
                progress.interrupted();
                throw e;
            }
            Evaluation test = trainer.evaluate(data.test());
            if (accuracy) out.printf("Test loss: %.4f - test accuracy: %.4f (%.2f%%)%n", test.loss(), test.accuracy(), 100 * test.accuracy());
            else out.printf("Test loss: %.4f%n", test.loss());
            out.flush();
            Result result = new Result(history, test);
            if (options.metricsOut() != null && !writeMetrics(options.metricsOut(), model, trainer.seed(), train.size(), result, problems)) {
                return null;
            }
            return result;
        } catch (TrainingException e) {
            out.flush();
            problems.accept(RunProblems.of(e, model));
            return null;
        }
    }

    private static boolean writeMetrics(Path path, CheckedModel model, long seed, int trainSize, Result r,
                                        Consumer<Diagnostic> problems) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        root.put("seed", seed);
        root.put("train_samples", trainSize);
        root.put("batch_size", model.train().batchSize());
        List<Object> epochs = new ArrayList<>();
        boolean accuracy = model.train().metrics().contains(Metric.ACCURACY);
        for (EpochStats e : r.history().epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("loss", e.loss());
            if (accuracy) m.put("accuracy", e.accuracy());
            m.put("val_loss", e.valLoss());
            if (accuracy) m.put("val_accuracy", e.valAccuracy());
            m.put("seconds", e.seconds());
            epochs.add(m);
        }
        root.put("epochs", epochs);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("loss", r.test().loss());
        if (accuracy) test.put("accuracy", r.test().accuracy());
        root.put("test", test);
        try {
            AtomicFile.write(path, Json.write(root));
            return true;
        } catch (IOException e) {
            problems.accept(RunProblems.unwritable(path.toString(), SourceReader.reason(e), model));
            return false;
        }
    }
}
