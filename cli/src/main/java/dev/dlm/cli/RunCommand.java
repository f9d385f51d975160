package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.MetricExpectation;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.io.AtomicFile;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.Printable;
import dev.dlm.compiler.render.SummaryRenderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlmc run FILE}: checks the file, trains the model on TensorFlow, evaluates it on the
 * test set and verifies the file's {@code expect test.*} statements. TensorFlow is loaded
 * only here, after the file checked clean.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Train and evaluate a model on TensorFlow, then check its `expect test.*` statements.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .dlm file.")
    Path file;

    @Option(names = "--epochs", description = "Override the file's epochs.")
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

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the training history and test results as JSON.")
    Path metricsOut;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training samples only (quick trials).")
    Integer trainLimit;

    @Option(names = "--check-expectations", description = "Check the file's `expect test.*` statements even when"
            + " --epochs, --batch-size or --train-limit change its training (by default they are then not checked).")
    boolean checkExpectations;

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
        if (seed != null && seed < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed must be 0 or more, as a file's `seed` must");
        }
        // Outputs are validated before any work: a long run must not end in "cannot write".
        if (metricsOut != null) {
            String problem = metricsOutProblem();
            if (problem != null) {
                err.println("error[DLM0008]: cannot write --metrics-out `" + Printable.escape(metricsOut.toString()) + "`: " + problem);
                return Dlmc.FAILED;
            }
        }
        Integer threadCount = threads;
        int cores = Runtime.getRuntime().availableProcessors();
        if (threadCount != null && threadCount > cores) {
            err.println("warning: --threads " + threadCount + " is more than the " + cores + " processors available; using " + cores);
            threadCount = cores;
        }
        Compilation c = DlmCompiler.compile(file);
        err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR)));
        CheckedModel model = c.model();
        if (model == null) return Dlmc.FAILED;
        if (model.data() == null || model.train() == null) {
            err.println("error[DLM0114]: cannot run `" + file + "`: it has no " + (model.data() == null ? "`data` source" : "`train` block"));
            return Dlmc.FAILED;
        }
        model = withOverrides(model);
        if (!quiet) out.print(SummaryRenderer.text(model));
        out.flush();
        Path folder = file.getParent() != null ? file.getParent() : Path.of("");
        Training.Options options = new Training.Options(device, threadCount, seed, trainLimit, metricsOut, quiet, folder);
        Training.Result result = Training.run(model, options, out, err);
        if (result == null) return Dlmc.FAILED;
        int failed = 0;
        String overridden = overrides();
        for (MetricExpectation e : model.expectations()) {
            if (overridden != null && !checkExpectations) {
                err.println("note: `expect " + e + "` was not checked: " + overridden
                        + " the file's training settings (pass --check-expectations to check it anyway)");
                continue;
            }
            Double actual = result.metric(e.split(), e.metric());
            if (actual == null) {
                err.println("warning: `expect " + e + "` was not checked: this run has no " + e.split() + " results");
                continue;
            }
            if (!e.holds(actual)) {
                failed++;
                err.println("error[DLM0501]: expectation failed: `" + e.split() + "." + e.metric() + "` is "
                        + String.format("%.4f", actual) + ", expected " + e.op() + " " + e.value());
                err.println(" --> " + e.span());
            }
        }
        return failed > 0 ? Dlmc.FAILED : Dlmc.OK;
    }

    /** Which options change what the file's expectations were written for, or null when none do. */
    private String overrides() {
        List<String> given = new java.util.ArrayList<>();
        if (epochs != null) given.add("--epochs");
        if (batchSize != null) given.add("--batch-size");
        if (trainLimit != null) given.add("--train-limit");
        if (given.isEmpty()) return null;
        return String.join(" and ", given) + (given.size() == 1 ? " changes" : " change");
    }

    /** Why --metrics-out cannot be written, or null: never over a .dlm file or the input itself. */
    private String metricsOutProblem() {
        if (metricsOut.getFileName() != null && metricsOut.getFileName().toString().endsWith(".dlm")) {
            return "it would overwrite a .dlm file; name the metrics file *.json";
        }
        try {
            if (java.nio.file.Files.exists(metricsOut) && java.nio.file.Files.isSameFile(metricsOut, file)) {
                return "it is the model file itself";
            }
        } catch (java.io.IOException e) {
            // isSameFile could not look: AtomicFile.problem says why below
        }
        return AtomicFile.problem(metricsOut);
    }

    private CheckedModel withOverrides(CheckedModel m) {
        TrainSpec t = m.train();
        TrainSpec changed = new TrainSpec(t.loss(), t.optimizer(), t.metrics(),
                epochs != null ? epochs : t.epochs(), batchSize != null ? batchSize : t.batchSize(),
                t.validationSplit(), t.validateOnTest(), seed != null ? seed : t.seed(), t.shuffle());
        return new CheckedModel(m.name(), m.data(), m.input(), m.layers(), changed, m.expectations());
    }
}
