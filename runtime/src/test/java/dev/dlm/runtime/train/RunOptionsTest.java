package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default threads: all cores, but one for a model whose training step is too small to share. */
class RunOptionsTest {

    private static CheckedModel model(String file) {
        Compilation c = DlmCompiler.compile(Path.of("..", "models", file));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.model();
    }

    @Test
    void theBooksMlpStepIsSmallTheCnnAndSimpleRnnStepsAreNot() {
        int cores = Runtime.getRuntime().availableProcessors();
        CheckedModel mlp = model("mlp.dlm");
        // 538,624 forward FLOPs a sample (784x256 + 256x256 + 256x10 multiply-adds, plus biases) x batch 128
        assertTrue((double) mlp.flopsPerSample() * mlp.train().batchSize() < RunOptions.ONE_THREAD_BELOW_FLOPS_PER_STEP);
        assertEquals(1, RunOptions.defaultsFor(mlp).intraOpThreads());
        assertEquals(1, RunOptions.defaultsFor(mlp).interOpThreads());
        for (String file : new String[] {"cnn.dlm", "rnn.dlm"}) {
            RunOptions options = RunOptions.defaultsFor(model(file));
            assertEquals(cores, options.intraOpThreads(), file);
            assertEquals(cores, options.interOpThreads(), file);
        }
    }
}
