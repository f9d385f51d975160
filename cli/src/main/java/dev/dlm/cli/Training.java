package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.Json;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.run.RunDirectory;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.run.RunService;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.Evaluation;
import dev.dlm.runtime.train.History;
import dev.dlm.runtime.train.RunOptions;
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

/**
 * The part of {@code dlmc run} that touches the runtime (and so TensorFlow): renders what
 * {@link RunService} does (the run directory, a Keras-like progress display, the test
 * results, the resume command after a signal). Kept apart from {@link RunCommand} so no
 * other command ever loads a TensorFlow class.
 */
final class Training {
    private Training() {}

    record Options(String device, Integer threads, Long seed, Integer trainLimit, Path metricsOut, boolean quiet, Path runDir,
                   boolean epochsGiven, boolean batchSizeGiven, List<String> arguments) {}

    /** What a run measured; {@code metric("test", "accuracy")} etc. {@code exitCode} is 130/143 after a signal. */
    record Result(History history, Evaluation test, int exitCode) {
        Double metric(String split, String metric) {
            if (split.equals("test")) return test == null ? null : metric.equals("accuracy") ? test.accuracy() : test.loss();
            if (history.epochs().isEmpty()) return null;
            EpochStats last = history.last();
            return metric.equals("accuracy") ? last.valAccuracy() : last.valLoss();
        }
    }

    /** Runs the model in a new run directory; prints a user-facing error and returns null when the run cannot go on. */
    static Result run(CheckedModel model, Compilation compilation, Path file, Options options, PrintWriter out, PrintWriter err) {
        RunOptions runOptions = RunOptions.defaults().withDevice(options.device()).withSeed(options.seed());
        if (options.threads() != null) runOptions = runOptions.withThreads(options.threads(), options.threads());
        Map<String, Object> settings = new LinkedHashMap<>();
        String fromFile = file.toString();
        setting(settings, "epochs", model.train().epochs(), options.epochsGiven() ? "command line" : fromFile);
        setting(settings, "batch_size", model.train().batchSize(), options.batchSizeGiven() ? "command line" : fromFile);
        setting(settings, "seed", options.seed() != null ? options.seed() : model.train().seed(),
                options.seed() != null ? "command line" : model.train().seed() != null ? fromFile : "random");
        setting(settings, "loss", model.train().loss(), fromFile);
        setting(settings, "optimizer", model.train().optimizer().name() + model.train().optimizer().hyper(), fromFile);
        setting(settings, "learning_rate", String.valueOf(model.train().learningRate()), fromFile);
        setting(settings, "metrics", model.train().metrics(), fromFile);
        setting(settings, "validation_split", model.train().validationSplit(), fromFile);
        setting(settings, "validation", model.train().validateOnTest() ? "test" : "none", fromFile);
        setting(settings, "shuffle", model.train().shuffle(), fromFile);
        setting(settings, "callbacks", model.train().callbacks().stream().map(String::valueOf).toList(), fromFile);
        setting(settings, "threads", runOptions.intraOpThreads(), options.threads() != null ? "command line" : "default");
        setting(settings, "device", runOptions.device(), "command line");
        setting(settings, "train_limit", options.trainLimit(), options.trainLimit() != null ? "command line" : "default");
        List<String> command = new ArrayList<>(List.of("dlmc", "run"));
        command.addAll(options.arguments());
        RunDirectory dir;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            dir = RunService.create(new RunService.NewRun(model, text, file, options.runDir(), runOptions, options.trainLimit(),
                    settings, command, Dlmc.version()));
        } catch (RunException e) {
            err.print(e.render());
            return null;
        } catch (IOException e) {
            err.println("error: cannot create the run directory: " + e.getMessage());
            return null;
        }
        // The seed is fixed once, in run.json, so a resumed run uses the same one.
        runOptions = runOptions.withSeed(((Number) dir.run().get("seed")).longValue());
        return train(dir, model, runOptions, options.metricsOut(), options.quiet(), out, err);
    }

    /** Continues the run in {@code dirPath}; {@code file} (optional) must be the run's model, {@code epochs} may extend it. */
    static int resume(Path dirPath, Path file, Integer epochs, Path metricsOut, boolean quiet, PrintWriter out, PrintWriter err) {
        RunDirectory dir;
        try {
            dir = RunDirectory.open(dirPath);
        } catch (RunException e) {
            err.print(e.render());
            return Dlmc.FAILED;
        }
        Path source = file != null ? file : dirPath.resolve(RunDirectory.MODEL);
        Compilation c = DlmCompiler.compile(source);
        err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto")));
        if (c.model() == null || c.model().train() == null) return Dlmc.FAILED;
        CheckedModel model = RunService.withRecordedSettings(dir, c.model(), epochs != null ? epochs : file != null ? c.model().train().epochs() : null);
        try {
            RunService.requireSameModel(dir, model);
        } catch (RunException e) {
            err.print(e.render());
            return Dlmc.FAILED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Dlmc.FAILED;
        }
        Result result = train(dir, model, RunService.recordedOptions(dir), metricsOut, quiet, out, err);
        return result == null ? Dlmc.FAILED : result.exitCode() != Dlmc.OK ? result.exitCode() : RunCommand.checkExpectations(model, result, err);
    }

    private static void setting(Map<String, Object> settings, String name, Object value, String source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("value", value instanceof Number || value instanceof Boolean || value instanceof List || value == null ? value : String.valueOf(value));
        s.put("source", source);
        settings.put(name, s);
    }

    private static Result train(RunDirectory dir, CheckedModel model, RunOptions runOptions, Path metricsOut, boolean quiet,
                                PrintWriter out, PrintWriter err) {
        long seed = runOptions.seed();
        out.println("Run directory: " + dir.dir());
        if (!quiet) out.println("Seed: " + seed + " (repeat this run with --seed " + seed + ")");
        out.flush();
        Progress progress = new Progress(out, Terminal.interactive() && !quiet, quiet);
        Signals signals = Signals.install();
        RunService.Outcome outcome;
        try {
            outcome = RunService.train(dir, model, runOptions, progress, step -> signals.stopRequested());
        } catch (DataException e) {
            err.println("error: " + e.getMessage());
            return null;
        } catch (TrainingException e) {
            progress.interrupted();
            out.flush();
            err.println("error: " + e.getMessage());
            return null;
        } catch (IOException e) {
            progress.interrupted();
            err.println("error: cannot write to the run directory `" + dir.dir() + "`: " + e.getMessage());
            return null;
        } finally {
            signals.uninstall();
        }
        if (outcome.interrupted()) {
            progress.interrupted();
            out.println("Interrupted after " + dir.run().get("epochs_done") + " epochs (step " + dir.run().get("global_step")
                    + "); the run is saved in " + dir.dir());
            out.println("Resume it with: dlmc run --resume " + dir.dir());
            out.flush();
            return new Result(outcome.history(), null, signals.exitCode());
        }
        Evaluation test = outcome.test();
        out.printf("Test loss: %.4f - test accuracy: %.4f (%.2f%%)%n", test.loss(), test.accuracy(), 100 * test.accuracy());
        out.println("Run directory: " + dir.dir());
        out.flush();
        if (metricsOut != null) {
            try {
                Files.writeString(metricsOut, Json.write(RunService.metrics(model, seed, outcome.trainSamples(), outcome.history(), test)),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write --metrics-out `" + metricsOut + "`: " + e.getMessage());
                return null;
            }
        }
        return new Result(outcome.history(), test, Dlmc.OK);
    }
}
