package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Compiled;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training graph's pooling before a convolution's relu ({@link dev.dlm.runtime.emit.PoolFirst}):
 * the same predictions, loss and gradients bit for bit as the graph as written (ties in the
 * pooling windows included), applied only where nothing else reads the convolution's output and
 * the activation is relu, and training bit-reproducible per seed.
 */
class PoolFirstTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);

    /** The book's CNN in small, with a same-padded overlapping pool and a Conv1D branch. */
    static CheckedModel cnn() {
        return Compiled.trained("[9, 9, 2]", "categorical_crossentropy", "adam",
                "Conv2D(4, 3, activation='relu')",
                "MaxPooling2D(2)",
                "Conv2D(6, 2, padding='same')",
                "MaxPooling2D(3, strides=2, padding='same')",
                "Reshape([4, 6])",
                "Conv1D(5, 2, padding='same', activation='relu')",
                "MaxPooling1D(2)",
                "Flatten()",
                "Dense(3, activation='softmax')");
    }

    @Test
    void samePredictionsLossAndGradientsBitForBitOnRandomWeights() {
        CheckedModel model = cnn();
        int n = 16;
        float[] continuous = random(7, Math.toIntExact(n * model.input().elements()), -1, 1);
        float[] y = oneHot(n, 3);
        try (ModelGraph rewritten = ModelGraph.build(model, ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph plain = ModelGraph.build(model, ONE_THREAD, 3L, ModelGraph.Rewrites.NONE)) {
            SplittableRandom seeds = new SplittableRandom(5);
            for (int trial = 0; trial < 6; trial++) {
                // Odd trials: inputs and weights on a grid of quarters, so that windows hold exact
                // ties of conv + b, where the pooling gradient's routing shows.
                boolean ties = trial % 2 == 1;
                float[] x = ties ? quarters(continuous) : continuous;
                // Random biases too (they start at zero), large enough that relu cuts many values.
                for (String name : rewritten.weightNames()) {
                    float[] w = random(seeds.nextLong(), rewritten.weight(name).length, -0.6, 0.6);
                    if (ties) w = quarters(w);
                    rewritten.setWeight(name, w);
                    plain.setWeight(name, w);
                }
                assertArrayEquals(plain.predict(x, n), rewritten.predict(x, n), 0f);
                ModelGraph.LossAndGradients a = plain.lossAndGradients(x, y, n, true);
                ModelGraph.LossAndGradients b = rewritten.lossAndGradients(x, y, n, true);
                assertEquals(a.loss(), b.loss(), 0.0, "loss");
                assertEquals(a.gradients().keySet(), b.gradients().keySet());
                for (Map.Entry<String, float[]> g : a.gradients().entrySet()) {
                    assertArrayEquals(g.getValue(), b.gradients().get(g.getKey()), 0f, g.getKey());
                }
            }
        }
    }

    @Test
    void theReluRunsOnThePooledTensor() {
        try (ModelGraph rewritten = ModelGraph.build(cnn(), ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph plain = ModelGraph.build(cnn(), ONE_THREAD, 3L, ModelGraph.Rewrites.NONE)) {
            assertEquals(List.of("[-1, 3, 3, 4]", "[-1, 2, 5]"), shapesOf(rewritten, "Relu"));
            assertEquals(List.of("[-1, 7, 7, 4]", "[-1, 4, 5]"), shapesOf(plain, "Relu"));
        }
    }

    @Test
    void notWhereAnotherLayerReadsTheConvolutionOrTheActivationIsNotRelu() {
        CheckedModel twoReaders = Compiled.functional("categorical_crossentropy",
                "x = Input(shape=[6, 6, 1])",
                "c = Conv2D(2, 3, activation='relu')(x)",
                "p = MaxPooling2D(2)(c)",
                "q = AveragePooling2D(2)(c)",
                "m = Concatenate()([p, q])",
                "f = Flatten()(m)",
                "out = Dense(2, activation='softmax')(f)");
        CheckedModel tanh = Compiled.model("[6, 6, 1]", "Conv2D(2, 3, activation='tanh')", "MaxPooling2D(2)", "Flatten()", "Dense(2)");
        try (ModelGraph a = ModelGraph.build(twoReaders, ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             ModelGraph b = ModelGraph.build(tanh, ONE_THREAD, 3L, ModelGraph.Rewrites.ALL.withBatchLanes(1))) {
            assertEquals(List.of("[-1, 4, 4, 2]"), shapesOf(a, "Relu"));
            assertEquals(List.of("[-1, 4, 4, 2]"), shapesOf(b, "Tanh"));
        }
    }

    @Test
    void trainingIsBitReproduciblePerSeed() {
        CheckedModel model = cnn();
        int n = 8;
        float[] x = random(9, Math.toIntExact(n * model.input().elements()), 0, 1);
        float[] y = oneHot(n, 3);
        List<float[]> first = trainAndRead(model, x, y, n);
        List<float[]> second = trainAndRead(model, x, y, n);
        for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i), 0f);
    }

    /** The weights after five training steps on one batch, from seed 4, two threads. */
    private static List<float[]> trainAndRead(CheckedModel model, float[] x, float[] y, int n) {
        try (ModelGraph graph = ModelGraph.build(model, RunOptions.defaults().withThreads(2, 2), 4L, ModelGraph.Rewrites.ALL.withBatchLanes(1));
             TFloat32 input = ModelGraph.batch(graph.samples(), x, n);
             TFloat32 target = ModelGraph.batch(graph.targets(), y, n);
             TBool on = TBool.scalarOf(true)) {
            Session session = graph.session();
            for (int step = 0; step < 5; step++) {
                session.runner().feed(graph.samples(), input).feed(graph.targets(), target).feed(graph.training(), on)
                        .addTarget(graph.trainStep()).run().close();
            }
            List<float[]> weights = new ArrayList<>();
            for (String name : graph.weightNames()) weights.add(graph.weight(name));
            assertTrue(weights.stream().anyMatch(w -> w[0] != 0), "trained");
            return weights;
        }
    }

    private static List<String> shapesOf(ModelGraph graph, String type) {
        List<String> shapes = new ArrayList<>();
        Iterator<GraphOperation> ops = graph.graph().operations();
        while (ops.hasNext()) {
            GraphOperation op = ops.next();
            if (op.type().equals(type) && !op.name().contains("gradients")) shapes.add(op.output(0).shape().toString());
        }
        return shapes;
    }

    private static float[] quarters(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Math.round(values[i] * 4) / 4f;
        return out;
    }

    private static float[] oneHot(int n, int classes) {
        float[] y = new float[n * classes];
        for (int b = 0; b < n; b++) y[b * classes + (b * 7 % classes)] = 1;
        return y;
    }
}
