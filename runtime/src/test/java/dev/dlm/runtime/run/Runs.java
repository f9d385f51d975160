package dev.dlm.runtime.run;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/** Test helpers: models from text, runs in temporary folders on small MNIST slices. */
final class Runs {
    private Runs() {}

    static final RunOptions OPTIONS = new RunOptions("cpu", 2, 1, 7L);

    static CheckedModel model(String text) {
        Compilation c = DlmCompiler.compile("test.dlm", text);
        if (c.model() == null) throw new AssertionError("does not check: " + c.diagnostics());
        return c.model();
    }

    static RunDirectory create(Path dir, String text, int trainLimit) throws Exception {
        return RunService.create(new RunService.NewRun(model(text), text, Path.of("test.dlm"), dir, OPTIONS, trainLimit,
                Map.of(), List.of("dlmc", "run", "test.dlm"), "test"));
    }

    static RunService.Outcome train(RunDirectory dir, String text, LongPredicate stop) throws Exception {
        return RunService.train(dir, model(text), RunService.recordedOptions(dir), TrainingListener.SILENT, stop);
    }

    /** Reopens {@code dir} from disk (as a new process would) and continues it. */
    static RunService.Outcome resume(Path dir, String text) throws Exception {
        RunDirectory reopened = RunDirectory.open(dir);
        CheckedModel model = RunService.withRecordedSettings(reopened, model(text), null);
        RunService.requireSameModel(reopened, model);
        return RunService.train(reopened, model, RunService.recordedOptions(reopened), TrainingListener.SILENT, step -> false);
    }

    static byte[] finalWeights(Path dir) throws Exception {
        return Files.readAllBytes(dir.resolve("checkpoints/latest/variables.data-00000-of-00001"));
    }
}
