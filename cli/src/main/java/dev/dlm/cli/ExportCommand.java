package dev.dlm.cli;

import dev.dlm.runtime.export.ExportFormat;
import dev.dlm.runtime.export.Exporter;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dlmc export RUN_DIR --format savedmodel|keras|tfjs -o PATH}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's trained model as a TensorFlow SavedModel, a Keras 3 .keras file or a TensorFlow.js layers model.")
final class ExportCommand implements Callable<Integer> {

    enum Format { savedmodel, keras, tfjs }

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory (model.dlm and weights/).")
    Path runDir;

    @Option(names = "--format", required = true, description = "savedmodel (a folder), keras (a .keras file) or tfjs (a folder with model.json).")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH", description = "Where to write the export; an existing one is replaced.")
    Path output;

    @Option(names = "--weights", defaultValue = "last", description = "Which weights of the run: last or best (default: ${DEFAULT-VALUE}).")
    TrainedModels.Weights weights;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        TrainedModel model = TrainedModels.load(runDir, weights, err);
        if (model == null) return Dlmc.FAILED;
        ExportFormat f = ExportFormat.parse(format.name());
        try {
            Exporter.check(model, f);
        } catch (ModelException e) {
            TrainedModels.report(e, err);
            return Dlmc.FAILED;
        }
        Exporter.export(model, f, output);
        spec.commandLine().getOut().println("exported " + model.model().name() + " (" + model.model().totalParams()
                + " parameters) as " + format + " to " + output);
        return Dlmc.OK;
    }
}
