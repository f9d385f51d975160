package dev.dlm.cli;

import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedRun;
import dev.dlm.runtime.model.TrainedModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What evaluate, predict and export share: loading a run's trained model and reporting why it cannot be used. */
final class TrainedModels {
    private TrainedModels() {}

    /** {@code --weights}: which of a run's weights to use. */
    enum Weights { last, best }

    /** The run's model (Sequential or functional), or null after printing the diagnostic. */
    static TrainedModel load(Path runDir, Weights weights, PrintWriter err) {
        try {
            return TrainedRun.load(runDir, weights == Weights.best ? TrainedRun.Which.BEST : TrainedRun.Which.LAST);
        } catch (ModelException e) {
            report(e, err);
            return null;
        }
    }

    /** Prints the diagnostic, and the diagnostics of a run's model that failed to check. */
    static void report(ModelException e, PrintWriter err) {
        err.print(e.render());
        if (e.compilation() != null) err.print(DiagnosticRenderer.text(List.of(e.compilation()), Terminal.color("auto", Terminal.Stream.ERR)));
        err.flush();
    }
}
