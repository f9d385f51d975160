package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.Json;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.predict.Evaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code dlmc evaluate RUN_DIR [--weights best|last] [--data SOURCE] [--format json]}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Loss and accuracy of a run's trained model on the test split of its data, or of --data, as Keras's evaluate.")
final class EvaluateCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory (model.dlm and weights/).")
    Path runDir;

    @Option(names = "--weights", defaultValue = "last", description = "Which weights of the run: last or best (default: ${DEFAULT-VALUE}).")
    TrainedModels.Weights weights;

    @Option(names = "--data", paramLabel = "SOURCE", description = "A data source as a .dlm data statement writes it (mnist, fashion_mnist, cifar10, idx(...), csv(...)) instead of the model's own.")
    String data;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Pattern DATA_LINE = Pattern.compile("(?m)^data\\s.*$");

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        TrainedModel model = TrainedModels.load(runDir, weights, err);
        if (model == null) return Dlmc.FAILED;
        CheckedModel withData = model.model();
        if (data != null) {
            // The run's model with its data statement replaced, checked as any .dlm file is.
            String line = "data " + data;
            Matcher m = DATA_LINE.matcher(model.source());
            String text = m.find() ? m.replaceFirst(Matcher.quoteReplacement(line)) : line + "\n" + model.source();
            Compilation c = DlmCompiler.compile("--data " + data, text);
            if (c.hasErrors() || c.model() == null) {
                err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR)));
                return Dlmc.FAILED;
            }
            withData = c.model();
        }
        Evaluator.Result r;
        try {
            r = Evaluator.evaluate(model, withData, data == null ? Evaluator.dataBase(runDir) : runDir);
        } catch (ModelException e) {
            TrainedModels.report(e, err);
            return Dlmc.FAILED;
        }
        var out = spec.commandLine().getOut();
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("loss", r.loss());
            if (!r.regression() && !Double.isNaN(r.accuracy())) json.put("accuracy", r.accuracy());
            json.putAll(r.metrics());
            json.put("samples", r.samples());
            json.put("weights", weights.name());
            out.print(Json.write(json));
        } else {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%d samples - loss: %.4f", r.samples(), r.loss()));
            // A regression's targets are real values: accuracy means nothing there (Keras logs only the compiled metrics).
            // A model with several outputs has each output's accuracy among the metrics, no model-wide one.
            if (!r.regression() && !Double.isNaN(r.accuracy())) line.append(String.format(java.util.Locale.ROOT, " - accuracy: %.4f", r.accuracy()));
            r.metrics().forEach((name, value) -> line.append(String.format(java.util.Locale.ROOT, " - %s: %.4f", name, value)));
            out.println(line);
        }
        return Dlmc.OK;
    }
}
