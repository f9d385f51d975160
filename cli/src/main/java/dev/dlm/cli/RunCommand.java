package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Expectations;
import dev.dlm.compiler.io.AtomicFile;
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

    /** --epochs, --batch-size, --seed, --threads, --device, --train-limit, --check-expectations. */
    @CommandLine.Mixin
    TrainingOptions training;

    @Option(names = {"-q", "--quiet"}, description = "Print only the test results.")
    boolean quiet;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Also write the training history and test results as JSON here.")
    Path metricsOut;

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
        training.validate(spec.commandLine());
        if (resume != null) {
            for (var check : List.of(new Object[]{"--batch-size", training.batchSize}, new Object[]{"--seed", training.seed},
                    new Object[]{"--train-limit", training.trainLimit}, new Object[]{"--run-dir", runDir},
                    new Object[]{"--threads", training.threads})) {
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
        // Outputs are validated before any work: a long run must not end in "cannot write".
        String unwritable = metricsOut == null ? null : metricsOutProblem(source);
        if (unwritable != null) {
            problems.report(Diagnostic.error(Code.DLM0803, model.span(), "cannot write --metrics-out `" + metricsOut + "`: " + unwritable)
                    .help("name a .json file in a folder that exists; nothing was run").build());
            return problems.finish(out);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Integer threadCount = training.threadCount(cores);
        String clamped = training.threadsClamped(cores);
        if (clamped != null) problems.report(Diagnostic.warning(Code.DLM0802, model.span(), clamped).build());
        Training.Result result;
        if (resume != null) {
            // The file's epochs (or --epochs) may extend the run; everything else must be the run's.
            Integer planned = training.epochs != null ? training.epochs : file != null ? model.train().epochs() : null;
            result = Training.resume(resume, model, planned, metricsOut, quiet, show, problems::report);
        } else {
            model = training.applyTo(model);
            if (!quiet) show.print(SummaryRenderer.text(model));
            show.flush();
            Training.Options options = new Training.Options(training.device, threadCount, training.seed, training.trainLimit,
                    metricsOut, quiet, runDir, training.epochs != null, training.batchSize != null, spec.commandLine().getParseResult().originalArgs());
            result = Training.run(model, file, options, show, problems::report);
        }
        if (result != null && result.exitCode() != Dlmc.OK) {
            problems.finish(out);
            return result.exitCode();
        }
        if (result != null) {
            Training.Result measured = result;
            Expectations.verify(model.expectations(), e -> measured.metric(e.split(), e.metric()), null,
                    resume != null ? null : training.overridesUnlessForced(), true).diagnostics().forEach(problems::report);
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
                err.print(DiagnosticRenderer.text(d, Terminal.color("auto", Terminal.Stream.ERR)));
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

    /** Why --metrics-out cannot be written, or null: never over a .dlm file or the model itself. */
    private String metricsOutProblem(Path model) {
        if (metricsOut.getFileName() != null && metricsOut.getFileName().toString().endsWith(".dlm")) {
            return "it would overwrite a .dlm file";
        }
        try {
            if (java.nio.file.Files.exists(metricsOut) && java.nio.file.Files.isSameFile(metricsOut, model)) {
                return "it is the model file itself";
            }
        } catch (java.io.IOException e) {
            // isSameFile could not look: AtomicFile.problem says why below
        }
        return AtomicFile.problem(metricsOut);
    }
}
