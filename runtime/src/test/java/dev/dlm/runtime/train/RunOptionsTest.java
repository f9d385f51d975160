package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default threads: all cores, but one for a model whose training step is too small to share, and inter-op threads for a recurrent one. */
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
        assertTrue(RunOptions.smallStep(mlp));
        // Small, but its first Dense layer trains in two column blocks on two inter-op threads.
        assertEquals(1, RunOptions.defaultsFor(mlp).intraOpThreads());
        assertEquals(cores, RunOptions.defaultsFor(mlp).interOpThreads());
        // Small and nothing to share: one thread.
        CheckedModel tiny = DlmCompiler.compile("tiny.dlm", "data mnist\nmodel m(input=[784]) {\n Dense(64, activation='relu')\n"
                + " Dense(10, activation='softmax')\n}\ntrain {\n loss = categorical_crossentropy\n optimizer = adam\n"
                + " epochs = 1\n batch_size = 128\n}\n").model();
        assertTrue(RunOptions.smallStep(tiny));
        assertEquals(1, RunOptions.defaultsFor(tiny).threads());
        RunOptions batchNorm = RunOptions.defaultsFor(model("variants/cnn-batchnorm.dlm"));
        assertEquals(cores, batchNorm.intraOpThreads());
        assertEquals(cores, batchNorm.interOpThreads());
        // The recurrent models and the CNN: every core an inter-op thread, for the lanes.
        for (String file : new String[] {"rnn.dlm", "variants/rnn-lstm.dlm", "variants/rnn-bilstm.dlm", "cnn.dlm"}) {
            RunOptions options = RunOptions.defaultsFor(model(file));
            assertEquals(cores > 1 ? 1 : cores, options.intraOpThreads(), file);
            assertEquals(cores, options.interOpThreads(), file);
            assertEquals(cores, options.threads(), file);
        }
    }

    @Test
    void aLanedModelTakesItsThreadsAsInterOpThreadsOnTheCpuOnly() {
        CheckedModel rnn = model("rnn.dlm");
        assertTrue(RunOptions.mostlyRecurrent(rnn));
        assertFalse(RunOptions.mostlyRecurrent(model("cnn.dlm")));
        assertFalse(RunOptions.mostlyRecurrent(model("mlp.dlm")));
        RunOptions cpu = RunOptions.defaults();
        assertEquals(1, cpu.withThreadsFor(rnn, 2).intraOpThreads());
        assertEquals(2, cpu.withThreadsFor(rnn, 2).interOpThreads());
        assertEquals(1, cpu.withThreadsFor(rnn, 1).intraOpThreads());
        assertEquals(1, cpu.withThreadsFor(rnn, 1).interOpThreads());
        assertEquals(2, cpu.withThreadsFor(model("variants/cnn-batchnorm.dlm"), 2).intraOpThreads());
        RunOptions gpu = cpu.withDevice("gpu").withThreadsFor(rnn, 2);
        assertEquals(2, gpu.intraOpThreads());
        assertEquals(2, gpu.interOpThreads());
    }

    @Test
    void aRunSplitsItsThreadsForItsDevice() {
        int cores = Runtime.getRuntime().availableProcessors();
        CheckedModel rnn = model("rnn.dlm");
        RunOptions gpu = RunOptions.forRun(rnn, "gpu", null, 3L);
        assertEquals("gpu", gpu.device());
        assertEquals(cores, gpu.intraOpThreads(), "a GPU run has no lanes: its intra-op threads stay");
        assertEquals(cores, gpu.interOpThreads());
        assertEquals(3L, gpu.seed());
        RunOptions cpu = RunOptions.forRun(rnn, "cpu", 2, null);
        assertEquals(1, cpu.intraOpThreads());
        assertEquals(2, cpu.interOpThreads());
        assertEquals(RunOptions.defaultsFor(model("mlp.dlm")), RunOptions.forRun(model("mlp.dlm"), "cpu", null, null));
        RunOptions mlp = RunOptions.forRun(model("mlp.dlm"), "cpu", 3, null);
        assertEquals(1, mlp.intraOpThreads(), "its first layer's column blocks run on the inter-op threads");
        assertEquals(3, mlp.interOpThreads());
        assertEquals(3, RunOptions.forRun(model("mlp.dlm"), "gpu", 3, null).intraOpThreads(), "no blocks on a GPU");
        assertEquals(3, RunOptions.forRun(model("variants/cnn-batchnorm.dlm"), "cpu", 3, null).intraOpThreads());
    }
}
