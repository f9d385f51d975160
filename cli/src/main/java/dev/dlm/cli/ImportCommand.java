package dev.dlm.cli;

import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.runtime.model.AtomicFiles;
import dev.dlm.runtime.model.KerasImport;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dlmc import MODEL.keras|MODEL.h5|MODEL.json [-o FILE.dlm] [--weights-to RUN_DIR]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn a Keras model, Sequential or functional (.keras, .h5, or the .json of model.to_json()), into a formatted .dlm file, and its weights into a run directory.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "The Keras model file.")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.dlm", description = "Where to write the .dlm text (default: standard output).")
    Path output;

    @Option(names = "--weights-to", paramLabel = "RUN_DIR", description = "Also write the weights as a run directory (model.dlm, weights/last.weights.h5).")
    Path weightsTo;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        KerasImport.Imported imported;
        try {
            imported = KerasImport.importFile(model, weightsTo != null);
        } catch (ModelException e) {
            TrainedModels.report(e, err);
            return Dlmc.FAILED;
        }
        boolean color = Terminal.color("auto", Terminal.Stream.ERR);
        for (Diagnostic d : imported.result().diagnostics()) err.print(DiagnosticRenderer.text(d, color));
        if (imported.result().hasErrors()) return Dlmc.FAILED;
        String text = imported.result().text();
        if (output != null) AtomicFiles.writeString(output, text);
        else spec.commandLine().getOut().print(text);
        if (weightsTo != null) {
            TrainedRun.write(weightsTo, imported.model(), TrainedRun.Which.LAST);
            err.println("wrote the weights of " + imported.model().model().totalParams() + " parameters to " + weightsTo);
        }
        return Dlmc.OK;
    }
}
