package dev.dlm.runtime.emit;

import dev.dlm.runtime.testing.Models;
import dev.dlm.runtime.testing.Reference;
import dev.dlm.runtime.train.ModelGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.dlm.runtime.testing.Arrays2.assertClose;
import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dropout masks of SimpleRNN, LSTM and GRU as Keras 3.15 applies them (read from
 * {@code keras/src/layers/rnn/{lstm,gru,simple_rnn,dropout_rnn_cell}.py} and checked against
 * Keras 3.15.1 itself, see docs/keras-compatibility.md): {@code recurrent_dropout > 0}
 * switches LSTM and GRU to {@code implementation=1}, which draws an independent mask per gate
 * for the input and for the state; without it ({@code implementation=2}, the default) one
 * input mask serves every gate. The emitted graph's masks are fetched with the prediction of
 * the same training-mode run, and the prediction is compared with a plain-Java reference of
 * Keras's implementation-1 formulas under those masks.
 */
class RecurrentDropoutTest {

    private static final int N = 3, STEPS = 4, IN = 5, U = 6;

    private static int gates(String kind) {
        return switch (kind) { case "LSTM" -> 4; case "GRU" -> 3; default -> 1; };
    }

    /** One training-mode (or inference-mode) run: the prediction and the masks found in the graph, by name suffix. */
    private record Run(float[] y, Map<String, float[]> masks, Map<String, long[]> shapes) {}

    private static Run run(ModelGraph graph, float[] x, int n, boolean training, String... maskNames) {
        List<String> found = new ArrayList<>();
        for (String suffix : maskNames) found.add(opEndingWith(graph, suffix));
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(n, STEPS, IN), DataBuffers.of(x, true, false));
             TBool mode = TBool.scalarOf(training)) {
            var runner = graph.session().runner().feed("x", input).feed("training", mode).fetch(graph.prediction());
            for (String name : found) if (name != null) runner.fetch(name);
            try (Result result = runner.run()) {
                float[] y = read((TFloat32) result.get(0));
                Map<String, float[]> masks = new LinkedHashMap<>();
                Map<String, long[]> shapes = new LinkedHashMap<>();
                int i = 1;
                for (int k = 0; k < maskNames.length; k++) {
                    if (found.get(k) == null) continue;
                    TFloat32 t = (TFloat32) result.get(i++);
                    masks.put(maskNames[k], read(t));
                    shapes.put(maskNames[k], t.shape().asArray());
                }
                return new Run(y, masks, shapes);
            }
        }
    }

    private static String opEndingWith(ModelGraph graph, String suffix) {
        for (Iterator<GraphOperation> it = graph.graph().operations(); it.hasNext(); ) {
            String name = it.next().name();
            if (name.equals(suffix) || name.endsWith("/" + suffix)) return name;
        }
        return null;
    }

    private static float[] read(TFloat32 t) {
        float[] out = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    private static ModelGraph graph(String kind, double dropout, double recurrentDropout, boolean resetAfter,
                                    Map<String, float[]> weights) {
        Models m = Models.input(STEPS, IN);
        m = kind.equals("GRU")
                ? m.recurrent(kind, U, false, "dropout", dropout, "recurrent_dropout", recurrentDropout, "reset_after", resetAfter)
                : m.recurrent(kind, U, false, "dropout", dropout, "recurrent_dropout", recurrentDropout);
        ModelGraph graph = ModelGraph.build(m.build(), LayerForwardTest.ONE_THREAD, 11L);
        String prefix = layer(kind) + "_";
        int g = gates(kind);
        weights.put(prefix + "kernel", random(31, IN * g * U, -0.7, 0.7));
        weights.put(prefix + "recurrent_kernel", random(32, U * g * U, -0.7, 0.7));
        weights.put(prefix + "bias", random(33, (resetAfter ? 2 : 1) * g * U, -0.5, 0.5));
        weights.forEach(graph::setWeight);
        return graph;
    }

    private static String layer(String kind) {
        return kind.equals("SimpleRNN") ? "simple_rnn_1" : kind.toLowerCase(java.util.Locale.ROOT) + "_1";
    }

    @ParameterizedTest(name = "{0} reset_after={1}")
    @CsvSource({"LSTM,false", "GRU,true", "GRU,false"})
    void recurrentDropoutDrawsAnInputAndAStateMaskPerGateAsKerasImplementationOne(String kind, boolean resetAfter) {
        Map<String, float[]> w = new LinkedHashMap<>();
        float[] x = random(30, N * STEPS * IN, -1, 1);
        int g = gates(kind);
        try (ModelGraph graph = graph(kind, 0.25, 0.4, resetAfter, w)) {
            String prefix = layer(kind) + "_";
            Run r = run(graph, x, N, true, prefix + "dropout_mask", prefix + "recurrent_dropout_mask");
            assertArrayEquals(new long[] {g, N, IN}, r.shapes().get(prefix + "dropout_mask"), "an input mask per gate");
            assertArrayEquals(new long[] {g, N, U}, r.shapes().get(prefix + "recurrent_dropout_mask"), "a state mask per gate");
            float[] dm = r.masks().get(prefix + "dropout_mask"), rm = r.masks().get(prefix + "recurrent_dropout_mask");
            assertInvertedDropout(dm, 0.25);
            assertInvertedDropout(rm, 0.4);
            assertTrue(differ(rm, g, N * U), "the gates' state masks are drawn independently");
            float[] expected = reference(kind, resetAfter, x, w.get(prefix + "kernel"), w.get(prefix + "recurrent_kernel"),
                    w.get(prefix + "bias"), dm, g, rm, g);
            assertClose(expected, r.y(), 2e-5);
            // The shared-mask formulas (dlm before this change) give another output for these masks.
            float[] shared = reference(kind, resetAfter, x, w.get(prefix + "kernel"), w.get(prefix + "recurrent_kernel"),
                    w.get(prefix + "bias"), dm, 1, rm, 1);
            assertTrue(maxDifference(shared, r.y()) > 1e-3, "per-gate masks must matter");

            // At inference there is no mask: Keras's formulas without dropout.
            Run off = run(graph, x, N, false);
            assertClose(reference(kind, resetAfter, x, w.get(prefix + "kernel"), w.get(prefix + "recurrent_kernel"), w.get(prefix + "bias"),
                    null, 1, null, 1), off.y(), 2e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LSTM", "GRU", "SimpleRNN"})
    void inputDropoutAloneIsOneMaskForEveryGateAsKerasImplementationTwo(String kind) {
        Map<String, float[]> w = new LinkedHashMap<>();
        float[] x = random(34, N * STEPS * IN, -1, 1);
        boolean resetAfter = kind.equals("GRU");
        try (ModelGraph graph = graph(kind, 0.3, 0.0, resetAfter, w)) {
            String prefix = layer(kind) + "_";
            Run r = run(graph, x, N, true, prefix + "dropout_mask", prefix + "recurrent_dropout_mask");
            assertArrayEquals(new long[] {1, N, IN}, r.shapes().get(prefix + "dropout_mask"));
            assertNull(r.masks().get(prefix + "recurrent_dropout_mask"), "no state mask without recurrent_dropout");
            float[] dm = r.masks().get(prefix + "dropout_mask");
            assertInvertedDropout(dm, 0.3);
            assertClose(reference(kind, resetAfter, x, w.get(prefix + "kernel"), w.get(prefix + "recurrent_kernel"), w.get(prefix + "bias"),
                    dm, 1, null, 1), r.y(), 2e-5);
        }
    }

    @Test
    void simpleRnnHasOneStateMask() {
        Map<String, float[]> w = new LinkedHashMap<>();
        float[] x = random(35, N * STEPS * IN, -1, 1);
        try (ModelGraph graph = graph("SimpleRNN", 0.2, 0.5, false, w)) {
            String prefix = "simple_rnn_1_";
            Run r = run(graph, x, N, true, prefix + "dropout_mask", prefix + "recurrent_dropout_mask");
            assertArrayEquals(new long[] {1, N, U}, r.shapes().get(prefix + "recurrent_dropout_mask"));
            assertClose(reference("SimpleRNN", false, x, w.get(prefix + "kernel"), w.get(prefix + "recurrent_kernel"), w.get(prefix + "bias"),
                    r.masks().get(prefix + "dropout_mask"), 1, r.masks().get(prefix + "recurrent_dropout_mask"), 1), r.y(), 2e-5);
        }
    }

    @Test
    void perGateMasksDropAtTheirRateIndependentlyOfEachOther() {
        // 400 samples x 6 units x 4 gates: the drop rate of each gate's state mask is 0.4, and a
        // unit dropped for one gate is dropped for another at the same rate (independence), not always.
        int n = 400;
        float[] x = random(36, n * STEPS * IN, -1, 1);
        try (ModelGraph graph = graph("LSTM", 0.0, 0.4, false, new LinkedHashMap<>())) {
            float[] rm = run(graph, x, n, true, "lstm_1_recurrent_dropout_mask").masks().get("lstm_1_recurrent_dropout_mask");
            assertNotNull(rm);
            int per = n * U;
            for (int g = 0; g < 4; g++) {
                int dropped = 0;
                for (int i = 0; i < per; i++) if (rm[g * per + i] == 0) dropped++;
                assertEquals(0.4, dropped / (double) per, 0.03, "gate " + g);
            }
            int both = 0, first = 0;
            for (int i = 0; i < per; i++) {
                if (rm[i] == 0) {
                    first++;
                    if (rm[per + i] == 0) both++;
                }
            }
            assertEquals(0.4, both / (double) first, 0.05, "P(dropped for f | dropped for i)");
        }
    }

    private static void assertInvertedDropout(float[] mask, double rate) {
        for (float v : mask) assertTrue(v == 0 || Math.abs(v - 1 / (1 - rate)) < 1e-5, "mask value " + v);
    }

    private static boolean differ(float[] masks, int count, int size) {
        for (int g = 1; g < count; g++)
            for (int i = 0; i < size; i++) if (masks[i] != masks[g * size + i]) return true;
        return false;
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    /** Keras's cells under dropout masks ({@link Reference#recurrent} with masks): the last state {@code [N, U]}. */
    static float[] reference(String kind, boolean resetAfter, float[] x, float[] kernel, float[] rk, float[] bias,
                             float[] dm, int dmCount, float[] rm, int rmCount) {
        return Reference.recurrent(kind, x, N, STEPS, IN, U, kernel, rk, bias, resetAfter, false, false, dm, dmCount, rm, rmCount);
    }

}
