package dev.dlm.runtime.predict;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference graph (predict, export) leaves out dropout's and noise's random draws and batch
 * normalization's batch statistics, which a training graph computes even with training off, and
 * computes exactly what the training graph computes with training off.
 */
class InferenceGraphTest {

    /**
     * Every layer that draws while training: Dropout, SpatialDropout1D, GaussianNoise, recurrent
     * dropout (one mask, and one per LSTM gate); and a batch normalization.
     */
    static final String NOISY = """
            model noisy(input=[6, 4]) {
                GaussianNoise(0.3)
                SpatialDropout1D(0.2)
                SimpleRNN(5, return_sequences=true, dropout=0.25, recurrent_dropout=0.1)
                LSTM(3, dropout=0.2, recurrent_dropout=0.3)
                BatchNormalization()
                Dropout(0.5)
                Dense(2, activation='softmax')
            }
            train { loss = categorical_crossentropy }
            """;

    @Test
    void predictsAsTheTrainingGraphWithTrainingOffWithoutDrawingRandomNumbers() {
        Compilation c = DlmCompiler.compile("noisy.dlm", NOISY);
        if (c.model() == null) throw new AssertionError(c.diagnostics().toString());
        int count = 7;
        float[] x = new float[count * 6 * 4];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-2, 2);
        float[] expected;
        TrainedModel model;
        try (ModelGraph training = ModelGraph.build(c.model(), RunOptions.defaults().withThreads(1, 1), 11L)) {
            assertTrue(randomOps(training.graph().operations()) >= 5, "the training graph draws for every noisy layer");
            assertTrue(ops(training.graph().operations(), "Mean") >= 2, "the training graph's batch statistics");
            expected = training.predict(x, count, false);
            model = TrainedModel.of(training, NOISY);
        }
        try (InferenceGraph inference = InferenceGraph.build(model, 1)) {
            assertEquals(0, randomOps(inference.graph().operations()), "random ops in the inference graph");
            assertEquals(0, ops(inference.graph().operations(), "Mean"), "batch statistics in the inference graph");
            assertArrayEquals(expected, inference.predict(x, count), "predictions, bit for bit");
        }
    }

    private static int ops(Iterator<GraphOperation> ops, String type) {
        int n = 0;
        while (ops.hasNext()) if (ops.next().type().equals(type)) n++;
        return n;
    }

    private static int randomOps(Iterator<GraphOperation> ops) {
        List<String> found = new ArrayList<>();
        ops.forEachRemaining(op -> {
            if (op.type().startsWith("StatelessRandom") || op.type().startsWith("Random")) found.add(op.type());
        });
        return found.size();
    }
}
