package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.MetricExpectation;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.SummaryRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlmc run FILE}: checks the file, trains the model on TensorFlow in a run directory,
 * evaluates it on the test set and verifies the file's {@code expect test.*} statements;
 * {@code dlmc run --resume DIR} continues an interrupted run. TensorFlow is loaded only
 * here, after the file checked clean.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Train and evaluate a model on TensorFlow, then check its `expect test.*` statements.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The .dlm file (with --resume: optional, checked against the run's model).")
    Path file;

    @Option(names = "--epochs", description = "Override the file's epochs (when resuming: train to this many).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Override the file's batch_size.")
    Integer batchSize;

    @Option(names = "--seed", description = "Seed for initializers, shuffling and dropout (same seed, same numbers on CPU).")
    Long seed;

    @Option(names = "--threads", description = "TensorFlow threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = {"-q", "--quiet"}, description = "Print only the test results.")
    boolean quiet;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Also write the training history and test results as JSON here.")
    Path metricsOut;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training samples only (quick trials).")
    Integer trainLimit;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Keep the run here (default: runs/<model>/<UTC yyyyMMdd-HHmmss>).")
    Path runDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run kept in DIR from its latest checkpoint.")
    Path resume;

    @Option(names = "--format", defaultValue = "text",
            description = "How problems are reported: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "With json, github or sarif the report goes to standard output and the run's own output to standard error.")
    CheckCommand.Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device must be cpu or gpu, not '" + device + "'");
        }
        for (var check : List.of(new Object[]{"--epochs", epochs}, new Object[]{"--batch-size", batchSize},
                new Object[]{"--threads", threads}, new Object[]{"--train-limit", trainLimit})) {
            if (check[1] != null && (Integer) check[1] < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), check[0] + " must be at least 1");
            }
        }
        if (resume != null) {
            for (var check : List.of(new Object[]{"--batch-size", batchSize}, new Object[]{"--seed", seed},
                    new Object[]{"--train-limit", trainLimit}, new Object[]{"--run-dir", runDir}, new Object[]{"--threads", threads})) {
                if (check[1] != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            check[0] + " cannot change a resumed run: it continues with the run's own settings");
                }
            }
            if (!Training.isRun(resume, err)) return Dlmc.FAILED;
        } else if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing FILE (or --resume DIR)");
        }
        Path source = file != null ? file : resume.resolve("model.dlm");
        Compilation c = DlmCompiler.compile(source);
        boolean machine = format != CheckCommand.Format.text;
        // A machine-readable report owns standard output; the run's own output moves to standard error.
        PrintWriter show = machine ? err : out;
        Problems problems = new Problems(c, err);
        c.diagnostics().forEach(problems::textNow);
        CheckedModel model = c.model();
        if (model != null && (model.data() == null || model.train() == null)) {
            problems.report(Diagnostic.error(Code.DLM0114, model.span(),
                            "cannot run `" + model.name() + "`: the file has no " + (model.data() == null ? "`data` source" : "`train` block"))
                    .help(model.data() == null ? "add `data mnist` (or idx(...), csv(...))" : "add a `train { loss = ... }` block")
                    .build());
            model = null;
        }
        if (model == null) return problems.finish(out);
        Training.Result result;
        if (resume != null) {
            // The file's epochs (or --epochs) may extend the run; everything else must be the run's.
            Integer planned = epochs != null ? epochs : file != null ? model.train().epochs() : null;
            result = Training.resume(resume, model, planned, metricsOut, quiet, show, problems::report);
        } else {
            model = withOverrides(model);
            if (!quiet) show.print(SummaryRenderer.text(model));
            show.flush();
            Training.Options options = new Training.Options(device, threads, seed, trainLimit, metricsOut, quiet, runDir,
                    epochs != null, batchSize != null, spec.commandLine().getParseResult().originalArgs());
            result = Training.run(model, file, options, show, problems::report);
        }
        if (result != null && result.exitCode() != Dlmc.OK) {
            problems.finish(out);
            return result.exitCode();
        }
        if (result != null) {
            for (MetricExpectation e : model.expectations()) {
                Double actual = result.metric(e.split(), e.metric());
                if (actual == null) {
                    problems.report(Diagnostic.warning(Code.DLM0501, e.span(), "`expect " + e + "` was not checked")
                            .note("this run has no " + e.split() + " results").build());
                } else if (!e.holds(actual)) {
                    problems.report(Diagnostic.error(Code.DLM0501, e.span(), "expectation failed: `" + e.split() + "." + e.metric()
                                    + "` is " + String.format("%.4f", actual) + ", expected " + e.op() + " " + e.value())
                            .label("measured " + String.format("%.4f", actual)).build());
                }
            }
        }
        return problems.finish(out);
    }

    /**
     * The diagnostics of one run: printed as text the moment they arise, or gathered and
     * printed as one JSON, GitHub or SARIF document at the end.
     */
    private final class Problems {
        private final Compilation compilation;
        private final PrintWriter err;
        private final List<Diagnostic> all = new ArrayList<>();

        Problems(Compilation compilation, PrintWriter err) {
            this.compilation = compilation;
            this.err = err;
        }

        void textNow(Diagnostic d) {
            all.add(d);
            if (format == CheckCommand.Format.text) {
                err.print(DiagnosticRenderer.text(d, Terminal.color("auto")));
                err.println();
                err.flush();
            }
        }

        void report(Diagnostic d) { textNow(d); }

        int finish(PrintWriter out) {
            List<Compilation> report = List.of(new Compilation(compilation.source(), compilation.ast(), compilation.model(), all));
            switch (format) {
                case text -> { }
                case json -> out.print(DiagnosticRenderer.json(report));
                case github -> out.print(DiagnosticRenderer.github(report));
                case sarif -> out.print(DiagnosticRenderer.sarif(report, Dlmc.version()));
            }
            out.flush();
            return all.stream().anyMatch(Diagnostic::isError) ? Dlmc.FAILED : Dlmc.OK;
        }
    }

    private CheckedModel withOverrides(CheckedModel m) {
        TrainSpec t = m.train();
        if (epochs != null) t = t.withEpochs(epochs);
        if (batchSize != null) t = t.withBatchSize(batchSize);
        if (seed != null) t = t.withSeed(seed);
        return m.withTrain(t);
    }
}
