package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.assertWithinRounding;
import static dev.dlm.runtime.testing.Arrays2.forwardOps;
import static dev.dlm.runtime.testing.Arrays2.maxAbs;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A convolutional model's batch in lanes ({@code EmitContext.beginLane}): the whole model once
 * per lane of the batch's rows, side by side on the inter-op threads, the outputs concatenated.
 * Every sample's outputs, its Dropout mask and the loss are the whole batch's bit for bit; the
 * weights' gradients are the lanes' sums, equal within float rounding.
 */
class BatchLanesTest {

    private static CheckedModel model(String file) {
        Compilation c = DlmCompiler.compile(Path.of("..", "models", file));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.model();
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {128, 96, 7, 1})
    void theBooksCnnInLanesHasTheWholeBatchsOutputsMasksAndLoss(int batch) {
        assertSameAsOneLane(model("cnn.dlm"), 28 * 28, batch);
    }

    @Test
    void spatialDropoutASeededDropoutAndAConv1dStack() {
        CheckedModel model = Models.input(12, 3).conv1d(64, 3, 1, "same", 1, "relu").conv1d(64, 3, 1, "same", 1, "relu")
                .spatialDropout1d(0.3).conv1d(64, 3, 1, "same", 1, "relu").conv1d(64, 3, 1, "same", 1, "relu")
                .flatten().dropout(0.4, 11L).dense(4, "softmax").build();
        assertTrue(RunOptions.lanesTheBatch(model));
        assertSameAsOneLane(model, 12 * 3, 9);
    }

    @Test
    void whichModelsLaneTheirBatch() {
        assertTrue(RunOptions.lanesTheBatch(model("cnn.dlm")));
        assertFalse(RunOptions.lanesTheBatch(model("mlp.dlm")), "not convolutional: its products gained nothing in lanes");
        assertFalse(RunOptions.lanesTheBatch(model("rnn.dlm")), "recurrent: its recurrences have lanes of their own");
        assertFalse(RunOptions.lanesTheBatch(model("variants/cnn-batchnorm.dlm")), "batch statistics mix the rows");
        assertFalse(RunOptions.lanesTheBatch(model("resnet20v1.dlm")));
        RunOptions cnn = RunOptions.defaults().withThreadsFor(model("cnn.dlm"), 2);
        assertEquals(1, cnn.intraOpThreads());
        assertEquals(2, cnn.interOpThreads());
        assertEquals(2, ModelGraph.Rewrites.forThreads(cnn).batchLanes());
        assertEquals(1, ModelGraph.Rewrites.forThreads(cnn.withThreads(1, 1)).batchLanes());
        assertEquals(1, ModelGraph.Rewrites.forThreads(cnn.withDevice("gpu")).batchLanes());
    }

    @Test
    void theMaskIsDrawnOnceForTheWholeBatchAndFedOnce() {
        CheckedModel cnn = model("cnn.dlm");
        RunOptions options = RunOptions.defaults().withThreads(1, 2);
        try (ModelGraph one = ModelGraph.build(cnn, options, 5L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph two = ModelGraph.build(cnn, options, 5L, ModelGraph.Rewrites.ALL.withBatchLanes(2))) {
            assertEquals(1, one.fedMasks().size());
            assertEquals(one.fedMasks().size(), two.fedMasks().size());
            assertEquals(2 * forwardOps(one.graph(), "Conv2D"), forwardOps(two.graph(), "Conv2D"), "the convolutions emitted once per lane");
        }
    }

    private static void assertSameAsOneLane(CheckedModel model, int sampleSize, int batch) {
        float[] x = random(7, batch * sampleSize, 0, 1);
        int classes = Math.toIntExact(model.output().elements());
        float[] y = new float[batch * classes];
        SplittableRandom r = new SplittableRandom(9);
        for (int b = 0; b < batch; b++) y[b * classes + r.nextInt(classes)] = 1;
        RunOptions options = RunOptions.defaults().withThreads(1, 2);
        try (ModelGraph one = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph two = ModelGraph.build(model, options, 5L, ModelGraph.Rewrites.ALL.withBatchLanes(2))) {
            assertArrayEquals(one.predict(x, batch, true), two.predict(x, batch, true), 0f, "training outputs, masks on");
            assertArrayEquals(one.predict(x, batch, false), two.predict(x, batch, false), 0f, "outputs");
            ModelGraph.LossAndGradients expected = one.lossAndGradients(x, y, batch, true);
            ModelGraph.LossAndGradients actual = two.lossAndGradients(x, y, batch, true);
            assertEquals(expected.loss(), actual.loss(), 0, "the loss");
            assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
            for (Map.Entry<String, float[]> e : expected.gradients().entrySet()) {
                assertTrue(maxAbs(e.getValue()) > 0, e.getKey() + ": a zero gradient checks nothing");
                assertWithinRounding(e.getKey() + " (whole batch, lanes)", e.getValue(), actual.gradients().get(e.getKey()));
            }
        }
    }
}
