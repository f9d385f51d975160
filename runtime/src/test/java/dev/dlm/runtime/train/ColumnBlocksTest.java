package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.maxAbs;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large first Dense layer trained as column blocks ({@code RunOptions.denseInColumnBlocks},
 * {@code ModelGraph.Rewrites.denseColumnBlocks}): its kernel and bias are two variables each,
 * whose products, gradients and updates the inter-op threads run side by side. Every value is
 * the whole kernel's bit for bit (outputs, loss, gradients, the weights after training), and a
 * checkpoint holds the whole weights whatever the blocks of the graph that wrote or reads it.
 */
class ColumnBlocksTest {

    private static final RunOptions TWO = RunOptions.defaults().withThreads(1, 2);
    private static Split train;

    @BeforeAll
    static void readMnist() {
        train = Mnist.train(1280);
    }

    private static CheckedModel model(String file) {
        Compilation c = DlmCompiler.compile(Path.of("..", "models", file));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.model();
    }

    private static CheckedModel source(String layers) {
        String text = "data mnist\nmodel m(input=[784]) {\n" + layers + "\n}\n"
                + "train {\n loss = categorical_crossentropy\n optimizer = adam\n epochs = 1\n batch_size = 128\n}\n";
        Compilation c = DlmCompiler.compile("m.dlm", text);
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.model();
    }

    private static ModelGraph.Rewrites blocks(int blocks) {
        return ModelGraph.Rewrites.forThreads(TWO).withDenseColumnBlocks(blocks);
    }

    @Test
    void theBooksMlpTrainsItsFirstDenseLayerInBlocksOnTwoThreads() {
        CheckedModel mlp = model("mlp.dlm");
        assertEquals(Set.of(mlp.layers().get(0).name()), RunOptions.denseInColumnBlocks(mlp));
        assertEquals(Set.of(), RunOptions.denseInColumnBlocks(model("cnn.dlm")), "the batch runs in lanes");
        assertEquals(Set.of(), RunOptions.denseInColumnBlocks(model("rnn.dlm")), "the recurrence runs in lanes");
        RunOptions run = RunOptions.defaults().withThreadsFor(mlp, 2);
        assertEquals(1, run.intraOpThreads());
        assertEquals(2, run.interOpThreads());
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            RunOptions defaults = RunOptions.defaultsFor(mlp);
            assertEquals(1, defaults.intraOpThreads(), "a small step, but its first layer shares the threads");
            assertEquals(Runtime.getRuntime().availableProcessors(), defaults.interOpThreads());
        }
        assertEquals(2, ModelGraph.Rewrites.forThreads(TWO).denseColumnBlocks());
        assertEquals(1, ModelGraph.Rewrites.forThreads(TWO.withThreads(1, 1)).denseColumnBlocks());
        assertEquals(1, ModelGraph.Rewrites.forThreads(TWO.withDevice("gpu")).denseColumnBlocks());
    }

    @Test
    void onlyALargeTrainableDenseLayerWhoseInputNeedsNoGradient() {
        assertEquals(Set.of(), RunOptions.denseInColumnBlocks(source("Dense(128, activation='relu')\nDense(10, activation='softmax')")),
                "784 x 128 is below the size");
        assertEquals(Set.of(), RunOptions.denseInColumnBlocks(source("Dense(32, activation='relu')\nDense(4096, activation='relu')\nDense(10, activation='softmax')")),
                "the large layer's input needs a gradient");
        assertEquals(Set.of(), RunOptions.denseInColumnBlocks(source("Dense(256, trainable=False)\nDense(10, activation='softmax')")),
                "a frozen kernel has no update to share");
        assertEquals(Set.of("big"), RunOptions.denseInColumnBlocks(
                source("Dense(256, trainable=False)\nDense(512, activation='relu', name='big')\nDense(10, activation='softmax')")),
                "after a frozen layer the input needs no gradient");
    }

    @Test
    void blocksGiveTheWholeKernelsValuesBitForBit() {
        assertSameValuesInBlocks(model("mlp.dlm"), 4);
    }

    /** Blocks of 171 and 170 columns; the penalty reads the whole kernel, as Keras's does. */
    @Test
    void anOddWidthAndARegularizedKernel() {
        CheckedModel model = source("Dense(341, activation='relu', kernel_regularizer=l1_l2(l1=0.001, l2=0.01), "
                + "bias_regularizer=l2(0.1))\nDropout(0.3)\nDense(10, activation='softmax')");
        assertEquals(Set.of(model.layers().get(0).name()), RunOptions.denseInColumnBlocks(model));
        assertSameValuesInBlocks(model, 4);
    }

    private static void assertSameValuesInBlocks(CheckedModel model, int blockVariables) {
        int batch = 128;
        float[] x = random(3, batch * 784, 0, 1);
        float[] y = new float[batch * 10];
        SplittableRandom r = new SplittableRandom(4);
        for (int b = 0; b < batch; b++) y[b * 10 + r.nextInt(10)] = 1;
        try (ModelGraph whole = ModelGraph.build(model, TWO, 5L, blocks(1));
             ModelGraph blocked = ModelGraph.build(model, TWO, 5L, blocks(2))) {
            assertEquals(0, blockVariables(whole));
            assertEquals(blockVariables, blockVariables(blocked), "the first kernel and bias in two blocks each");
            assertEquals(whole.weightNames(), blocked.weightNames());
            for (String name : whole.weightNames()) assertArrayEquals(whole.weight(name), blocked.weight(name), 0f, name + " as initialized");
            assertArrayEquals(whole.predict(x, batch, false), blocked.predict(x, batch, false), 0f, "outputs");
            assertArrayEquals(whole.predict(x, batch, true), blocked.predict(x, batch, true), 0f, "training outputs, masks on");
            ModelGraph.LossAndGradients expected = whole.lossAndGradients(x, y, batch, true);
            ModelGraph.LossAndGradients actual = blocked.lossAndGradients(x, y, batch, true);
            assertEquals(expected.loss(), actual.loss(), 0, "the loss");
            assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
            for (Map.Entry<String, float[]> e : expected.gradients().entrySet()) {
                assertTrue(maxAbs(e.getValue()) > 0, e.getKey() + ": a zero gradient checks nothing");
                assertArrayEquals(e.getValue(), actual.gradients().get(e.getKey()), 0f, e.getKey());
            }
        }
    }

    @Test
    void trainingInBlocksIsTrainingWhole() {
        CheckedModel mlp = model("mlp.dlm");
        try (Trainer whole = Trainer.create(mlp, TWO.withSeed(5L), blocks(1));
             Trainer blocked = Trainer.create(mlp, TWO.withSeed(5L), blocks(2))) {
            double[] a = whole.trainSteps(train, train.order(), 128, 20);
            double[] b = blocked.trainSteps(train, train.order(), 128, 20);
            assertArrayEquals(a, b, 0, "every step's loss");
            assertTrue(a[19] < a[0], "the loss falls");
            assertSameWeights(whole.graph(), blocked.graph(), "after 20 steps");
        }
    }

    /**
     * A checkpoint names each whole weight and slot, as TensorFlow Java's own saver does: one
     * written in blocks resumes whole and the other way round, every weight, slot and the
     * iteration count restored (the next steps are the same bit for bit), and one written by
     * {@code Session.save} (as dlm wrote them before blocks) resumes in blocks. The same seed
     * throughout: it keys the Dropout masks of each step.
     */
    @Test
    void aCheckpointIsTheSameWhateverTheBlocks(@TempDir Path dir) {
        CheckedModel mlp = model("mlp.dlm");
        int[] order = train.order();
        try (Trainer reference = Trainer.create(mlp, TWO.withSeed(5L), blocks(2))) {
            reference.trainSteps(train, order, 128, 6);
            Path blockedPrefix = dir.resolve("blocked").resolve("variables");
            Path sessionPrefix = dir.resolve("session").resolve("variables");
            reference.graph().save(blockedPrefix);
            try (Trainer whole = Trainer.create(mlp, TWO.withSeed(5L), blocks(1))) {
                assertFalse(java.util.Arrays.equals(reference.graph().weight(first(mlp)), whole.graph().weight(first(mlp))), "trained");
                whole.graph().restore(blockedPrefix);
                assertSameWeights(reference.graph(), whole.graph(), "restored whole");
                assertEquals(6, whole.graph().iterations());
                whole.graph().session().save(sessionPrefix.toString());  // TensorFlow Java's saver, names and all
                try (Trainer again = Trainer.create(mlp, TWO.withSeed(5L), blocks(2))) {
                    again.graph().restore(sessionPrefix);
                    double[] expected = reference.trainSteps(train, order, 128, 3);
                    assertArrayEquals(expected, whole.trainSteps(train, order, 128, 3), 0, "steps 7-9, whole");
                    assertArrayEquals(expected, again.trainSteps(train, order, 128, 3), 0, "steps 7-9, in blocks again");
                    assertSameWeights(reference.graph(), whole.graph(), "after steps 7-9, whole");
                    assertSameWeights(reference.graph(), again.graph(), "after steps 7-9, in blocks again");
                }
            }
        }
    }

    private static String first(CheckedModel model) { return model.layers().get(0).name() + "_kernel"; }

    private static void assertSameWeights(ModelGraph expected, ModelGraph actual, String when) {
        assertEquals(expected.weightNames(), actual.weightNames());
        for (String name : expected.weightNames()) assertArrayEquals(expected.weight(name), actual.weight(name), 0f, name + " " + when);
    }

    /** The column blocks' variables ({@code <weight>.block<i>}, not their optimizer slots). */
    private static long blockVariables(ModelGraph graph) {
        long count = 0;
        for (var it = graph.graph().operations(); it.hasNext(); ) {
            var op = it.next();
            if (op.type().equals("VariableV2") && op.name().matches(".*\\.block[0-9]+")) count++;
        }
        return count;
    }
}
