package dev.dlm.cli;

import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.io.AtomicFile;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.render.Json;
import dev.dlm.compiler.source.SourceReader;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.run.RunDirectory;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.run.RunService;
import dev.dlm.runtime.train.DurationForecast;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.Evaluation;
import dev.dlm.runtime.train.History;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.RunProblems;
import dev.dlm.runtime.train.TrainingException;
import dev.dlm.runtime.train.TrainingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /** What a run measured; {@code metric("test", "accuracy")} etc. {@code exitCode} is 130 or 143 after a signal. */
    record Result(History history, Evaluation test, int exitCode) {
        Double metric(String split, String metric) {
            if (split.equals("test")) {
                if (test == null) return null;
                return metric.equals("accuracy") ? test.accuracy() : metric.equals("loss") ? test.loss() : test.metrics().get(metric);
            }
            if (history.epochs().isEmpty()) return null;
            EpochStats last = history.last();
            return metric.equals("accuracy") ? last.valAccuracy() : metric.equals("loss") ? last.valLoss() : last.metric("val_" + metric);
        }
    }

    /** A metric's arguments as the file wrote them, when they differ from Keras's defaults ({@code (k=3)}); else empty. */
    private static String metricArguments(dev.dlm.compiler.ir.Metric m, dev.dlm.compiler.ir.MetricOptions o) {
        var d = dev.dlm.compiler.ir.MetricOptions.DEFAULT;
        return switch (m) {
            case TOP_K_CATEGORICAL_ACCURACY -> o.topK() == d.topK() ? "" : "(k=" + o.topK() + ")";
            case AUC -> o.aucThresholds() == d.aucThresholds() && o.aucCurve().equals(d.aucCurve()) ? ""
                    : "(num_thresholds=" + o.aucThresholds() + ", curve='" + o.aucCurve() + "')";
            default -> "";
        };
    }

    /** Runs the model in a new run directory; reports a diagnostic to {@code problems} and returns null when the run cannot go on. */
    static Result run(CheckedModel model, Path file, Options options, PrintWriter out, Consumer<Diagnostic> problems) {
        RunOptions runOptions = RunOptions.forRun(model, options.device(), options.threads(), options.seed());
        Map<String, Object> settings = new LinkedHashMap<>();
        String fromFile = file.toString();
        var t = model.train();
        setting(settings, "epochs", t.epochs(), options.epochsGiven() ? "command line" : fromFile);
        setting(settings, "batch_size", t.batchSize(), options.batchSizeGiven() ? "command line" : fromFile);
        setting(settings, "seed", options.seed() != null ? options.seed() : t.seed(),
                options.seed() != null ? "command line" : t.seed() != null ? fromFile : "random");
        setting(settings, "loss", t.loss().kerasName()
                + (t.lossOptions().equals(dev.dlm.compiler.ir.LossOptions.DEFAULT) ? "" : t.lossOptions().config(t.loss())), fromFile);
        setting(settings, "optimizer", t.optimizer().kerasName() + t.optimizer().config(), fromFile);
        setting(settings, "learning_rate", t.learningRate(), fromFile);
        setting(settings, "metrics", t.metrics().stream().map(m -> m + metricArguments(m, t.metricOptions())).toList(), fromFile);
        setting(settings, "validation_split", t.validationSplit(), fromFile);
        setting(settings, "validation", t.validateOnTest() ? "test" : "none", fromFile);
        setting(settings, "shuffle", t.shuffle(), fromFile);
        setting(settings, "callbacks", t.callbacks().stream().map(String::valueOf).toList(), fromFile);
        setting(settings, "threads", runOptions.threads(), options.threads() != null ? "command line" : "default");
        setting(settings, "device", runOptions.device(), "command line");
        setting(settings, "train_limit", options.trainLimit(), options.trainLimit() != null ? "command line" : "default");
        List<String> command = new ArrayList<>(List.of("dlmc"));
        command.addAll(options.arguments());
        RunDirectory dir;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            dir = RunService.create(new RunService.NewRun(model, text, file, options.runDir(), runOptions, options.trainLimit(),
                    settings, command, Dlmc.version()));
        } catch (RunException e) {
            problems.accept(diagnostic(e, model));
            return null;
        } catch (IOException e) {
            problems.accept(RunProblems.unwritable(String.valueOf(options.runDir()), String.valueOf(e.getMessage()), model));
            return null;
        }
        // The seed is fixed once, in run.json, so a resumed run uses the same one.
        runOptions = runOptions.withSeed(((Number) dir.run().get("seed")).longValue());
        return train(dir, model, runOptions, options.metricsOut(), options.quiet(), out, problems);
    }

    /** True when {@code dir} holds a run; else prints why not. */
    static boolean isRun(Path dir, PrintWriter err) {
        try {
            RunDirectory.open(dir);
            return true;
        } catch (RunException e) {
            err.print(e.render());
            err.flush();
            return false;
        }
    }

    /**
     * Continues the run in {@code dirPath} with {@code model} (checked from the run's
     * {@code model.dlm} or the file given), which must be the run's model; {@code epochs}
     * (nullable) may extend it.
     */
    static Result resume(Path dirPath, CheckedModel given, Integer epochs, Path metricsOut, boolean quiet, PrintWriter out,
                         Consumer<Diagnostic> problems) {
        CheckedModel model = given;
        try {
            RunDirectory dir = RunDirectory.open(dirPath);
            model = RunService.withRecordedSettings(dir, given, epochs);
            RunService.requireSameModel(dir, model);
            return train(dir, model, RunService.recordedOptions(dir), metricsOut, quiet, out, problems);
        } catch (RunException e) {
            problems.accept(diagnostic(e, model));
            return null;
        } catch (IOException e) {
            problems.accept(RunProblems.unwritable(dirPath.resolve(RunDirectory.RUN_JSON).toString(), String.valueOf(e.getMessage()), model));
            return null;
        }
    }

    /** A run-directory problem as a diagnostic at the model. */
    static Diagnostic diagnostic(RunException e, CheckedModel model) {
        var d = Diagnostic.error(e.code(), model.span(), e.getMessage()).label("model `" + model.name() + "`");
        e.notes().forEach(d::note);
        if (e.help() != null) d.help(e.help());
        return d.build();
    }

    private static void setting(Map<String, Object> settings, String name, Object value, String source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("value", value instanceof Number || value instanceof Boolean || value instanceof List || value == null ? value : String.valueOf(value));
        s.put("source", source);
        settings.put(name, s);
    }

    private static Result train(RunDirectory dir, CheckedModel model, RunOptions runOptions, Path metricsOut, boolean quiet,
                                PrintWriter out, Consumer<Diagnostic> problems) {
        long seed = runOptions.seed();
        out.println("Run directory: " + dir.dir());
        if (!quiet) out.println("Seed: " + seed + " (repeat this run with --seed " + seed + ")");
        out.flush();
        boolean accuracy = model.train().metrics().contains(Metric.ACCURACY);
        Progress progress = new Progress(out, Terminal.interactive() && !quiet, quiet, accuracy, Terminal.columns());
        Signals signals = Signals.install();
        RunService.Outcome outcome;
        try {
            // A run forecast to last over half an hour says so after its first measured steps.
            TrainingListener listener = DurationForecast.wrap(progress, Duration.ofMinutes(30), message -> {
                progress.interrupted();
                out.println("note: " + message);
                out.flush();
            });
            outcome = RunService.train(dir, model, runOptions, listener, step -> signals.stopRequested());
        } catch (DataException e) {
            problems.accept(RunProblems.of(e, model));
            return null;
        } catch (TrainingException e) {
            progress.interrupted();
            out.flush();
            problems.accept(RunProblems.of(e, model));
            return null;
        } catch (IOException e) {
            progress.interrupted();
            problems.accept(RunProblems.unwritable(dir.dir().toString(), String.valueOf(e.getMessage()), model));
            return null;
        } finally {
            signals.uninstall();
        }
        if (outcome.interrupted()) {
            progress.interrupted();
            out.println("Interrupted after " + dir.run().get("epochs_done") + " epochs (step " + dir.run().get("global_step")
                    + "); the run is kept in " + dir.dir());
            out.println("Resume it with: dlmc run --resume " + dir.dir());
            out.flush();
            return new Result(outcome.history(), null, signals.exitCode());
        }
        Evaluation test = outcome.test();
        if (accuracy) out.printf("Test loss: %.4f - test accuracy: %.4f (%.2f%%)%n", test.loss(), test.accuracy(), 100 * test.accuracy());
        else out.printf("Test loss: %.4f%n", test.loss());
        if (!test.metrics().isEmpty()) {
            List<String> others = new ArrayList<>();
            test.metrics().forEach((k, v) -> others.add(String.format("test %s: %.4f", k, v)));
            out.println(String.join(" - ", others));
        }
        out.println("Run directory: " + dir.dir());
        out.flush();
        if (metricsOut != null) {
            try {
                // Atomic: a full disk or a kill leaves no truncated report.
                AtomicFile.write(metricsOut, Json.write(RunService.metrics(model, seed, outcome.trainSamples(), outcome.history(), test)));
            } catch (IOException e) {
                problems.accept(RunProblems.unwritable(metricsOut.toString(), SourceReader.reason(e), model));
                return null;
            }
        }
        return new Result(outcome.history(), test, Dlmc.OK);
    }
}
