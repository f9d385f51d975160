package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.emit.EmitContext;
import dev.dlm.runtime.testing.Compiled;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A convolution's bias as a {@code BiasAdd} that oneDNN fuses into the convolution, with its
 * gradient a {@code Sum} ({@link EmitContext#convolutionBias}): predictions, loss and every
 * gradient bit for bit those of the broadcast {@code Add} that autodiff differentiates alone,
 * for Conv1D and Conv2D of every padding, strides and dilation, in one lane and in two; and
 * no {@code BiasAddGrad} for oneDNN to fuse into the kernel's gradient.
 */
class ConvolutionBiasTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);

    /** Convolutions of every kind the emitter takes, each with a bias; the first two pooled. */
    static CheckedModel convolutions() {
        return Compiled.trained("[12, 12, 2]", "categorical_crossentropy", "adam",
                "Conv2D(4, 3, activation='relu')",
                "MaxPooling2D(2)",
                "Conv2D(6, 2, padding='same', strides=2)",
                "Conv2D(5, 2, padding='same', dilation_rate=2, activation='tanh')",
                "Reshape([9, 5])",
                "Conv1D(3, 2, padding='causal', activation='relu')",
                "Conv1D(4, 3, strides=2)",
                "Flatten()",
                "Dense(3, activation='softmax')");
    }

    @Test
    void fusedBiasGivesTheAddsValuesAndGradientsBitForBit() {
        assertSameAsAdd(convolutions(), ModelGraph.Rewrites.ALL.withBatchLanes(1), ONE_THREAD);
    }

    @Test
    void inTwoLanesTheLanesSharesSumAsAutodiffSumsThem() {
        // The book's CNN: its convolutions in two lanes of the batch's rows, each lane's bias
        // share a Sum of its rows, the two added (as autodiff's AddN adds the Add form's).
        Compilation c = DlmCompiler.compile(Path.of("..", "models", "cnn.dlm"));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        CheckedModel cnn = c.model();
        RunOptions twoInter = RunOptions.defaults().withThreads(1, 2);
        assertSameAsAdd(cnn, ModelGraph.Rewrites.ALL.withBatchLanes(2), twoInter);
    }

    @Test
    void noBiasAddGradIsLeftForOneDnnToFuseWithTheKernelsGradient() {
        try (ModelGraph fused = ModelGraph.build(convolutions(), ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph plain = ModelGraph.build(convolutions(), ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1)
                     .withProductGradients(false))) {
            // Five convolution biases added by BiasAdd (the Dense layer's is one too) against one.
            assertEquals(6, count(fused, "BiasAdd"));
            assertEquals(1, count(plain, "BiasAdd"));
            // Each convolution bias's gradient is a Sum of its output's gradient, and nothing
            // reads a BiasAddGrad of a convolution (the Dense layer's is the one read).
            for (int i = 0; i < 5; i++) {
                String name = i == 0 ? "conv2d_bias" : i < 3 ? "conv2d_" + i + "_bias" : "conv1d" + (i == 3 ? "" : "_1") + "_bias";
                assertEquals("Sum", ((GraphOperation) fused.gradient(name).op()).type(), name);
            }
            assertEquals(1, readBiasAddGrads(fused));
        }
    }

    private static void assertSameAsAdd(CheckedModel model, ModelGraph.Rewrites rewrites, RunOptions options) {
        int n = 16;
        float[] x = random(7, Math.toIntExact(n * model.input().elements()), -1, 1);
        int classes = Math.toIntExact(model.output().elements());
        float[] y = new float[n * classes];
        for (int b = 0; b < n; b++) y[b * classes + (b * 7 % classes)] = 1;
        try (ModelGraph fused = ModelGraph.build(model, options, 3L, rewrites);
             ModelGraph plain = ModelGraph.build(model, options, 3L, rewrites.withProductGradients(false))) {
            assertTrue(count(fused, "BiasAdd") > count(plain, "BiasAdd"), "the biases are fused in one graph only");
            SplittableRandom seeds = new SplittableRandom(5);
            for (int trial = 0; trial < 3; trial++) {
                // Random biases too (they start at zero).
                for (String name : fused.weightNames()) {
                    float[] w = random(seeds.nextLong(), fused.weight(name).length, -0.6, 0.6);
                    fused.setWeight(name, w);
                    plain.setWeight(name, w);
                }
                assertArrayEquals(plain.predict(x, n), fused.predict(x, n), 0f);
                ModelGraph.LossAndGradients a = plain.lossAndGradients(x, y, n, true);
                ModelGraph.LossAndGradients b = fused.lossAndGradients(x, y, n, true);
                assertEquals(a.loss(), b.loss(), 0.0, "loss");
                assertEquals(a.gradients().keySet(), b.gradients().keySet());
                int biases = 0;
                for (Map.Entry<String, float[]> g : a.gradients().entrySet()) {
                    assertArrayEquals(g.getValue(), b.gradients().get(g.getKey()), 0f, g.getKey());
                    if (g.getKey().startsWith("conv") && g.getKey().endsWith("_bias")) {
                        biases++;
                        assertFalse(allZero(g.getValue()), g.getKey() + ": a zero gradient checks nothing");
                    }
                }
                assertTrue(biases > 0, "no convolution bias compared");
            }
        }
    }

    /** How many ops of {@code type} the forward pass has (autodiff's own are left out). */
    private static int count(ModelGraph graph, String type) {
        int count = 0;
        Iterator<GraphOperation> ops = graph.graph().operations();
        while (ops.hasNext()) {
            GraphOperation op = ops.next();
            if (op.type().equals(type) && !op.name().contains("gradients")) count++;
        }
        return count;
    }

    /** How many BiasAddGrad ops another op reads: the ones a session would run. */
    private static int readBiasAddGrads(ModelGraph graph) {
        List<String> read = new ArrayList<>();
        Iterator<GraphOperation> ops = graph.graph().operations();
        while (ops.hasNext()) {
            GraphOperation op = ops.next();
            for (var input : op.inputs()) {
                GraphOperation in = (GraphOperation) input.op();
                if (in.type().equals("BiasAddGrad") && !read.contains(in.name())) read.add(in.name());
            }
        }
        return read.size();
    }

    private static boolean allZero(float[] values) {
        for (float v : values) if (v != 0) return false;
        return true;
    }
}
