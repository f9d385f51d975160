package dev.dlm.cli;

import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    record Options(String device, Integer threads, Long seed, Integer trainLimit, Path metricsOut, boolean quiet) {}

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
            data = DataLoader.load(model.data());
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
            Progress progress = new Progress(out, Terminal.interactive() && !options.quiet(), options.quiet());
            History history;
            try {
                history = trainer.fit(new Dataset(data.name(), data.sampleShape(), data.classes(), train, data.test()), progress);
            } catch (TrainingException e) {
                progress.interrupted();
                throw e;
            }
            Evaluation test = trainer.evaluate(data.test());
            out.printf("Test loss: %.4f - test accuracy: %.4f (%.2f%%)%n", test.loss(), test.accuracy(), 100 * test.accuracy());
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
        for (EpochStats e : r.history().epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("loss", e.loss());
            m.put("accuracy", e.accuracy());
            m.put("val_loss", e.valLoss());
            m.put("val_accuracy", e.valAccuracy());
            m.put("seconds", e.seconds());
            epochs.add(m);
        }
        root.put("epochs", epochs);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("loss", r.test().loss());
        test.put("accuracy", r.test().accuracy());
        root.put("test", test);
        try {
            Files.writeString(path, Json.write(root), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            problems.accept(RunProblems.unwritable(path.toString(), String.valueOf(e.getMessage()), model));
            return false;
        }
    }
}
