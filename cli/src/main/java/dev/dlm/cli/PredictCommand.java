package dev.dlm.cli;

import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.predict.Predictor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dlmc predict RUN_DIR INPUT...} or {@code dlmc predict RUN_DIR --input NAME=FILE...}: one output row per sample, streamed. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a run's trained model: images (.png, .jpg, .pgm; greyscale, scaled to [0,1], never resized),",
                "idx files, .csv rows or .npy arrays. Writes CSV (input,predicted,p0,p1,...) or JSON Lines;",
                "a model with several outputs prints each output's columns, prefixed by its name."})
final class PredictCommand implements Callable<Integer> {

    enum Format { csv, json }

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (model.dlm and weights/).")
    Path runDir;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT", description = "Input files, fed to every input of the model.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--input", paramLabel = "NAME=FILE",
            description = "A file for the model input NAME, its name as `dlmc summary` shows it or its variable in the model file (repeat per input, and per file); for inputs of different shapes.")
    List<String> named = new ArrayList<>();

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (JSON Lines, one object per sample; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--top", defaultValue = "0", paramLabel = "K", description = "Print only the K most probable classes with their probabilities.")
    int top;

    @Option(names = "--batch-size", defaultValue = "256", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow's threads (default: all cores).")
    int threads;

    @Option(names = "--weights", defaultValue = "last", description = "Which weights of the run: last or best (default: ${DEFAULT-VALUE}).")
    TrainedModels.Weights weights;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be positive");
        if (top < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--top must not be negative");
        Predictor.Feed feed = feed();
        var err = spec.commandLine().getErr();
        TrainedModel model = TrainedModels.load(runDir, weights, err);
        if (model == null) return Dlmc.FAILED;
        try {
            Predictor.run(model, feed, new Predictor.Options(batchSize, top,
                    format == Format.json ? Predictor.Format.JSON : Predictor.Format.CSV, threads), spec.commandLine().getOut());
            return Dlmc.OK;
        } catch (ModelException e) {
            spec.commandLine().getOut().flush();
            TrainedModels.report(e, err);
            return Dlmc.FAILED;
        }
    }

    /** The INPUT files, or the --input NAME=FILE pairs by name (a name given again adds files); usage errors otherwise. */
    private Predictor.Feed feed() {
        if (named.isEmpty()) {
            if (inputs.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "give INPUT files, or --input NAME=FILE for each model input");
            return Predictor.Feed.shared(inputs);
        }
        if (!inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give INPUT files (fed to every model input) or --input NAME=FILE for each input, not both");
        }
        Map<String, List<Path>> byInput = new LinkedHashMap<>();
        for (String pair : named) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input takes NAME=FILE (such as --input input_1=a.png), not `" + pair + "`");
            }
            byInput.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(Path.of(pair.substring(eq + 1)));
        }
        return Predictor.Feed.byInput(byInput);
    }
}
