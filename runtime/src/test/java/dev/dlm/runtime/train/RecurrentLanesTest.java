package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.assertWithinRounding;
import static dev.dlm.runtime.testing.Arrays2.forwardOps;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recurrences run in lanes ({@code EmitContext.runRecurrencesInLanes}): each group of the
 * batch's rows its own chain of products, side by side on the inter-op threads. A row's
 * recurrence reads only that row, so the loss and the outputs are the whole batch's bit for
 * bit, whatever the cell, its masks, its direction, and a batch that does not split evenly or
 * leaves a lane empty; so are the gradients of the layers after the recurrence, and the
 * recurrent layer's own (each lane projects its rows and sums them) are within float rounding.
 */
class RecurrentLanesTest {

    @ParameterizedTest(name = "{0} return_sequences={1} go_backwards={2} recurrent_dropout={3} batch={4}")
    @CsvSource({
            "SimpleRNN, false, false, 0.0, 5",
            "SimpleRNN, true, true, 0.3, 5",
            "SimpleRNN, false, false, 0.0, 1",
            "SimpleRNN, false, false, 0.3, 8",
            "LSTM, false, false, 0.0, 7",
            "LSTM, true, true, 0.4, 6",
            "GRU, false, false, 0.0, 5",
            "GRU, true, false, 0.4, 3",
    })
    void lanesGiveTheWholeBatchsValues(String kind, boolean sequences, boolean backwards, double recurrentDropout, int batch) {
        Models m = Models.input(6, 4).recurrent(kind, 5, sequences, "go_backwards", backwards,
                "recurrent_dropout", recurrentDropout, "dropout", recurrentDropout);
        if (sequences) m = m.flatten();
        assertSameAsOneLane(m.dense(3, "softmax").build(), 6 * 4, batch, false);
    }

    @ParameterizedTest(name = "{0} {1} units, batch {2}")
    @CsvSource({"SimpleRNN, 256, 128", "SimpleRNN, 256, 96", "LSTM, 64, 128", "GRU, 64, 96"})
    void theBooksShapesGiveTheWholeBatchsValuesBitForBit(String kind, int units, int batch) {
        // Lanes of 64 and 48 rows: oneDNN's products give each row the whole batch's bits here
        // (on some small shapes, such as a handful of rows by 20 columns, it rounds a row otherwise).
        CheckedModel model = Models.input(28, 28).recurrent(kind, units, false, "recurrent_dropout", 0.2)
                .dense(10, "softmax").build();
        assertSameAsOneLane(model, 28 * 28, batch, true);
    }

    @Test
    void theBooksSimpleRnnInLanesHasTheWholeBatchsLossAndGradientsWithinRounding() {
        // The loss and the Dense layer's gradients are the whole batch's bit for bit; the
        // SimpleRNN's weights' gradients sum the two lanes' rows (each lane's own input
        // projection, and its own product over time for the recurrent kernel), in another order.
        CheckedModel model = Models.input(28, 28).recurrent("SimpleRNN", 256, false).dense(10, "softmax").build();
        float[] x = random(3, 128 * 28 * 28, 0, 1);
        float[] y = new float[128 * 10];
        for (int b = 0; b < 128; b++) y[b * 10 + b % 10] = 1;
        RunOptions options = RunOptions.defaults().withThreads(1, 2);
        try (ModelGraph one = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(1));
             ModelGraph two = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(2))) {
            ModelGraph.LossAndGradients expected = one.lossAndGradients(x, y, 128, true);
            ModelGraph.LossAndGradients actual = two.lossAndGradients(x, y, 128, true);
            assertEquals(expected.loss(), actual.loss(), 0);
            assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
            for (Map.Entry<String, float[]> e : expected.gradients().entrySet()) {
                float[] got = actual.gradients().get(e.getKey());
                if (e.getKey().startsWith("dense")) assertArrayEquals(e.getValue(), got, 0f, e.getKey());
                else assertWithinRounding(e.getKey(), e.getValue(), got);
            }
        }
    }

    @Test
    void lanesGiveTheSameGradientsEveryTime() {
        // The lanes' shares are summed in one order: a run in lanes is reproducible bit for bit.
        CheckedModel model = Models.input(28, 28).recurrent("SimpleRNN", 64, false, "dropout", 0.2, "recurrent_dropout", 0.2)
                .dense(10, "softmax").build();
        float[] x = random(4, 96 * 28 * 28, 0, 1);
        float[] y = new float[96 * 10];
        for (int b = 0; b < 96; b++) y[b * 10 + (b * 7) % 10] = 1;
        RunOptions options = RunOptions.defaults().withThreads(1, 2);
        try (ModelGraph first = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(2));
             ModelGraph second = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(2))) {
            for (int round = 0; round < 3; round++) {
                ModelGraph.LossAndGradients a = first.lossAndGradients(x, y, 96, true);
                ModelGraph.LossAndGradients b = second.lossAndGradients(x, y, 96, true);
                assertEquals(a.loss(), b.loss(), 0);
                assertEquals(a.gradients().keySet(), b.gradients().keySet());
                for (Map.Entry<String, float[]> e : a.gradients().entrySet()) {
                    assertArrayEquals(e.getValue(), b.gradients().get(e.getKey()), 0f, e.getKey() + " (round " + round + ")");
                }
            }
        }
    }

    @Test
    void stackedAndBidirectionalLayers() {
        CheckedModel model = Models.input(5, 3)
                .recurrent("LSTM", 4, true, "go_backwards", true)
                .recurrent("GRU", 3, true, "reset_after", false).bidirectional("concat")
                .recurrent("SimpleRNN", 3, false, "recurrent_dropout", 0.3).bidirectional("sum")
                .dense(2, "softmax").build();
        assertSameAsOneLane(model, 5 * 3, 9, false);
    }

    @Test
    void twoLanesOnACpuSessionOfTwoInterOpThreads() {
        // oneDNN runs a recurrent step's product on one thread: the second lane is the second core's work.
        assertEquals(2, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(2, 2)).recurrentLanes());
        assertEquals(2, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(1, 2)).recurrentLanes());
        assertEquals(2, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(4, 4)).recurrentLanes());
        assertEquals(1, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(2, 1)).recurrentLanes());
        assertEquals(1, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withThreads(1, 1)).recurrentLanes());
        assertEquals(1, ModelGraph.Rewrites.forThreads(RunOptions.defaults().withDevice("gpu").withThreads(2, 2)).recurrentLanes());
    }

    @Test
    void theLanedGraphHasOneChainPerLane() {
        CheckedModel model = Models.input(6, 4).recurrent("SimpleRNN", 5, false).dense(3, "softmax").build();
        RunOptions options = RunOptions.defaults().withThreads(2, 2);
        try (ModelGraph one = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(1));
             ModelGraph two = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withRecurrentLanes(2))) {
            // A second chain of five recurrent products (the first step has none), the second
            // lane's own input projection, and its own product over time (the recurrent kernel's gradient).
            assertEquals(5 + 1 + 1, forwardOps(two.graph(), "MatMul") - forwardOps(one.graph(), "MatMul"));
        }
    }

    private static void assertSameAsOneLane(CheckedModel model, int sampleSize, int batch, boolean exact) {
        float[] x = random(7, batch * sampleSize, -1, 1);
        int classes = Math.toIntExact(model.output().elements());
        float[] y = new float[batch * classes];
        SplittableRandom r = new SplittableRandom(9);
        for (int b = 0; b < batch; b++) y[b * classes + r.nextInt(classes)] = 1;
        RunOptions options = RunOptions.defaults().withThreads(2, 2);
        for (boolean overTime : new boolean[] {true, false}) {
            ModelGraph.Rewrites base = ModelGraph.Rewrites.ALL.withProductGradients(overTime);
            try (ModelGraph one = ModelGraph.build(model, options, 5L, base.withRecurrentLanes(1));
                 ModelGraph two = ModelGraph.build(model, options, 5L, base.withRecurrentLanes(2))) {
                float tolerance = exact ? 0f : 1e-6f;
                assertArrayEquals(one.predict(x, batch, true), two.predict(x, batch, true), tolerance, "training outputs, masks on");
                assertArrayEquals(one.predict(x, batch, false), two.predict(x, batch, false), tolerance, "outputs");
                ModelGraph.LossAndGradients expected = one.lossAndGradients(x, y, batch, true);
                ModelGraph.LossAndGradients actual = two.lossAndGradients(x, y, batch, true);
                assertEquals(expected.loss(), actual.loss(), exact ? 0 : 1e-6, "the loss");
                assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
                for (Map.Entry<String, float[]> e : expected.gradients().entrySet()) {
                    float[] want = e.getValue();
                    float[] got = actual.gradients().get(e.getKey());
                    assertWithinRounding(e.getKey() + " (over time " + overTime + "; one lane, two)", want, got);
                    if (exact && e.getKey().startsWith("dense")) {
                        // The layers after the recurrence see the same rows: only the recurrent
                        // layers' gradients sum over the lanes' rows, in another order.
                        assertArrayEquals(want, got, 0f, e.getKey());
                    }
                }
                assertTrue(expected.gradients().keySet().stream().anyMatch(k -> k.contains("recurrent_kernel")));
                assertTrue(expected.gradients().keySet().stream().anyMatch(k -> k.startsWith("dense")));
            }
        }
    }
}
