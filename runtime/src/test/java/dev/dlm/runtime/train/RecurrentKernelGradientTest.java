package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.assertWithinRounding;
import static dev.dlm.runtime.testing.Arrays2.maxAbs;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent kernels' gradient as {@code ModelGraph} forms it, one matrix product over all
 * steps ({@code concat(a_t)^T . concat(dO_t)}, from the products the recurrent emitter
 * records, or from the rows of the input projection's gradient where each step's product is
 * added to its rows), against TensorFlow's autodiff of the same graph without the records (one
 * product per step, summed): every weight's gradient agrees within float rounding, for each
 * cell, forwards and backwards, with and without dropout masks on the state (which the
 * recorded left operands must carry).
 */
class RecurrentKernelGradientTest {

    private static final int N = 5;

    @ParameterizedTest(name = "{0} reset_after={1} recurrent_dropout={2} dropout={3}")
    @CsvSource({
            "SimpleRNN, true, 0.0, 0.0",
            "SimpleRNN, true, 0.4, 0.3",
            "LSTM, true, 0.0, 0.0",
            "LSTM, true, 0.4, 0.3",
            "GRU, true, 0.0, 0.0",
            "GRU, true, 0.4, 0.3",
            "GRU, false, 0.0, 0.0",
            "GRU, false, 0.4, 0.0",
    })
    void equalsAutodiff(String kind, boolean resetAfter, double recurrentDropout, double dropout) {
        Object[] overrides = kind.equals("GRU")
                ? new Object[] {"recurrent_dropout", recurrentDropout, "dropout", dropout, "reset_after", resetAfter}
                : new Object[] {"recurrent_dropout", recurrentDropout, "dropout", dropout};
        CheckedModel model = Models.input(6, 4).recurrent(kind, 5, false, overrides).dense(3, "softmax").build();
        assertSameGradients(model, 6 * 4, true);
    }

    @Test
    void stackedBidirectionalAndBackwardsLayers() {
        CheckedModel model = Models.input(5, 3)
                .recurrent("LSTM", 4, true, "go_backwards", true)
                .recurrent("GRU", 3, true).bidirectional("concat")
                .recurrent("SimpleRNN", 3, true, "recurrent_dropout", 0.3).bidirectional("sum")
                .recurrent("LSTM", 4, false, "go_backwards", true, "recurrent_dropout", 0.2)
                .dense(2, "softmax").build();
        assertSameGradients(model, 5 * 3, true);
    }

    @Test
    void aRegularizedRecurrentKernelAddsItsPenaltyGradient() {
        // The penalty reaches the kernel besides the recorded products: its autodiff gradient is added.
        Models m = Models.input(4, 3).recurrent("SimpleRNN", 4, false);
        CheckedLayer rnn = m.removeLast();
        List<ParamSpec> params = new ArrayList<>();
        for (ParamSpec p : rnn.params()) {
            params.add(p.name().equals("recurrent_kernel")
                    ? new ParamSpec(p.name(), p.shape(), p.initializer(), p.trainable(), new Regularizer(0.01, 0.02)) : p);
        }
        m.add(rnn.name(), "SimpleRNN", rnn.config().values(), rnn.output(), params.toArray(ParamSpec[]::new));
        assertSameGradients(m.dense(2, "softmax").build(), 4 * 3, false);
    }

    @Test
    void theProductOverTimeIsTakenOnOneIntraOpThreadOrInLanes() {
        // Measured: it saves CPU; on two intra-op threads and one inter-op thread autodiff's
        // per-step products overlapped the backward chain, and with lanes it is split by columns
        // for the inter-op threads (the two chains keep both busy, and 54 half products summed cost more).
        assertTrue(ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(1, 1)).productGradients());
        assertTrue(ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(2, 2)).productGradients());
        assertTrue(!ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(2, 1)).productGradients());
        assertTrue(!ModelGraph.Rewrites.forThreads(RunOptions.defaults().withDevice("gpu").withThreads(2, 2)).productGradients());
        assertTrue(ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(2, 2)).poolFirst());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SimpleRNN", "LSTM", "GRU"})
    void aOneStepLayersRecurrentKernelHasAZeroGradient(String kind) {
        // One step multiplies no previous state: the loss does not read the recurrent kernel, which
        // TensorFlow's addGradients refuses outright; Keras's gradient (a zero state times it) is zero.
        CheckedModel model = Models.input(1, 4).recurrent(kind, 3, false).dense(2, "softmax").build();
        float[] x = random(7, N * 4, -1, 1);
        float[] y = new float[N * 2];
        for (int b = 0; b < N; b++) y[b * 2 + b % 2] = 1;
        for (ModelGraph.Rewrites rewrites : List.of(ModelGraph.Rewrites.ALL, ModelGraph.Rewrites.NONE)) {
            try (ModelGraph graph = ModelGraph.build(model, RunOptions.defaults().withThreads(1, 1), 5L, rewrites)) {
                Map<String, float[]> g = graph.lossAndGradients(x, y, N, true).gradients();
                String layer = g.keySet().stream().filter(k -> k.endsWith("_recurrent_kernel")).findFirst().orElseThrow();
                for (float v : g.get(layer)) assertEquals(0f, v, layer);
                String kernel = layer.replace("_recurrent_kernel", "_kernel");
                float largest = 0;
                for (float v : g.get(kernel)) largest = Math.max(largest, Math.abs(v));
                assertTrue(largest > 0, kernel + " trains");
            }
        }
    }

    /**
     * Whether a gradient is formed by products over all steps: a MatMul, column blocks of
     * them (ConcatV2), or one plus what else reaches the weight (Add); autodiff's per-step
     * products end in an AddN.
     */
    private static boolean overTimeProduct(org.tensorflow.GraphOperation op) {
        return switch (op.type()) {
            case "MatMul" -> true;
            case "Add" -> overTimeProduct((org.tensorflow.GraphOperation) op.input(0).op())
                    || overTimeProduct((org.tensorflow.GraphOperation) op.input(1).op());
            case "ConcatV2" -> {
                boolean all = true;
                for (int i = 0; i < op.numInputs() - 1; i++) all &= overTimeProduct((org.tensorflow.GraphOperation) op.input(i).op());
                yield all;
            }
            default -> false;
        };
    }

    private static void assertSameGradients(CheckedModel model, int sampleSize, boolean training) {
        float[] x = random(7, N * sampleSize, -1, 1);
        float[] y = new float[Math.toIntExact(N * model.output().elements())];
        SplittableRandom r = new SplittableRandom(9);
        int classes = Math.toIntExact(model.output().elements());
        for (int b = 0; b < N; b++) y[b * classes + r.nextInt(classes)] = 1;
        for (int lanes : new int[] {1, 2}) assertSameGradients(model, x, y, ModelGraph.Rewrites.ALL.withRecurrentLanes(lanes), training);
    }

    private static void assertSameGradients(CheckedModel model, float[] x, float[] y, ModelGraph.Rewrites rewrites, boolean training) {
        RunOptions one = RunOptions.defaults().withThreads(1, 1);
        try (ModelGraph overTime = ModelGraph.build(model, one, 5L, rewrites);
             ModelGraph autodiff = ModelGraph.build(model, one, 5L, rewrites.withProductGradients(false))) {
            ModelGraph.LossAndGradients expected = autodiff.lossAndGradients(x, y, N, training);
            ModelGraph.LossAndGradients actual = overTime.lossAndGradients(x, y, N, training);
            assertEquals(expected.loss(), actual.loss(), 0, "the forward pass is the same graph");
            assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
            int recurrent = 0;
            for (Map.Entry<String, float[]> e : expected.gradients().entrySet()) {
                assertWithinRounding(e.getKey() + " (autodiff, over time)", e.getValue(), actual.gradients().get(e.getKey()));
                if (e.getKey().endsWith("recurrent_kernel")) {
                    recurrent++;
                    assertTrue(maxAbs(e.getValue()) > 0, e.getKey() + ": a zero gradient checks nothing");
                    // The path is taken: autodiff sums one product per step, the records make one over all steps.
                    assertTrue(overTimeProduct((org.tensorflow.GraphOperation) overTime.gradient(e.getKey()).op()), e.getKey());
                    assertTrue(!overTimeProduct((org.tensorflow.GraphOperation) autodiff.gradient(e.getKey()).op()), e.getKey());
                }
            }
            assertTrue(recurrent > 0, "no recurrent kernel compared");
        }
    }
}
