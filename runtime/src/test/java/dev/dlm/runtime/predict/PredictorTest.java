package dev.dlm.runtime.predict;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.WeightArray;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * predict of functional models: inputs of different shapes each read their own files, and a
 * model with several outputs prints every output (as Keras's {@code model.predict} returns one
 * array per output), against a plain-Java forward pass with the model's weights; and the
 * diagnostics for inputs that are unknown, missing or of unequal length.
 */
class PredictorTest {

    /** Two inputs of two shapes, a classifying and a regressing output. */
    static final String TWO_HEADS = """
            model two_heads(outputs=[digit, size]) {
                a = Input(shape=[4], name='left')
                b = Input(shape=[2, 3], name='right')
                x = Dense(5, activation='relu')(a)
                y = Flatten()(b)
                z = Concatenate()([x, y])
                digit = Dense(3, activation='softmax', name='digit')(z)
                size = Dense(1, name='size')(z)
            }
            train { loss = dict(digit=categorical_crossentropy, size=mse) }
            """;

    static final float[][] LEFT = {{0.1f, 0.2f, 0.3f, 0.4f}, {1, -1, 0.5f, 2}, {0, 0, 0, 0}};
    static final float[][] RIGHT = {{1, 2, 3, 4, 5, 6}, {0, 0, 0, 1, 1, 1}, {-1, 0.5f, 0, 2, 0, 1}};

    static TrainedModel model(String text, long seed) {
        Compilation c = DlmCompiler.compile("test.dlm", text);
        if (c.model() == null) throw new AssertionError(c.diagnostics().toString());
        try (ModelGraph graph = ModelGraph.build(c.model(), RunOptions.defaults().withThreads(1, 1), seed)) {
            return TrainedModel.of(graph, text);
        }
    }

    static Path csv(Path dir, String name, float[][] rows) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) sb.append(i > 0 ? "," : "").append(row[i]);
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    static String predict(TrainedModel model, Predictor.Feed feed, int top, Predictor.Format format) throws Exception {
        StringWriter out = new StringWriter();
        Predictor.run(model, feed, new Predictor.Options(2, top, format, 1), out);
        return out.toString();
    }

    /** The two outputs of TWO_HEADS for one sample, computed in plain Java from the weights. */
    static float[][] reference(TrainedModel m, float[] left, float[] right) {
        float[] x = dense(m.weight("dense", "kernel"), m.weight("dense", "bias"), left);
        for (int i = 0; i < x.length; i++) x[i] = Math.max(0, x[i]);
        float[] z = new float[x.length + right.length];
        System.arraycopy(x, 0, z, 0, x.length);
        System.arraycopy(right, 0, z, x.length, right.length);
        float[] logits = dense(m.weight("digit", "kernel"), m.weight("digit", "bias"), z);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float l : logits) max = Math.max(max, l);
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) sum += Math.exp(logits[i] - max);
        for (int i = 0; i < p.length; i++) p[i] = (float) (Math.exp(logits[i] - max) / sum);
        return new float[][] {p, dense(m.weight("size", "kernel"), m.weight("size", "bias"), z)};
    }

    static float[] dense(WeightArray kernel, WeightArray bias, float[] in) {
        int units = (int) kernel.shape()[1];
        float[] out = new float[units];
        for (int j = 0; j < units; j++) {
            double s = bias.values()[j];
            for (int i = 0; i < in.length; i++) s += in[i] * kernel.values()[i * units + j];
            out[j] = (float) s;
        }
        return out;
    }

    static Predictor.Feed byInput(Path left, Path right) {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        files.put("left", List.of(left));
        files.put("right", List.of(right));
        return Predictor.Feed.byInput(files);
    }

    @Test
    void eachInputReadsItsOwnFileAndEveryOutputGetsItsColumns(@TempDir Path tmp) throws Exception {
        TrainedModel m = model(TWO_HEADS, 3);
        Path left = csv(tmp, "left.csv", LEFT);
        Path right = csv(tmp, "right.csv", RIGHT);
        List<String> lines = predict(m, byInput(left, right), 0, Predictor.Format.CSV).lines().toList();
        assertEquals("left,right,digit.predicted,digit.p0,digit.p1,digit.p2,size.value", lines.get(0));
        assertEquals(1 + LEFT.length, lines.size(), "a header and one row per sample (batches of 2)");
        for (int r = 0; r < LEFT.length; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(left + ":" + (r + 1), cells[0]);
            assertEquals(right + ":" + (r + 1), cells[1]);
            float[][] expected = reference(m, LEFT[r], RIGHT[r]);
            float[] p = {Float.parseFloat(cells[3]), Float.parseFloat(cells[4]), Float.parseFloat(cells[5])};
            assertArrayEquals(expected[0], p, 1e-5f, "digit of sample " + r);
            assertEquals(Predictor.topK(expected[0], 0, 3, 1)[0], Integer.parseInt(cells[2]), "digit.predicted of sample " + r);
            assertEquals(expected[1][0], Float.parseFloat(cells[6]), 1e-5f, "size of sample " + r);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsEachOutputByNameAndTheIdsByInput(@TempDir Path tmp) throws Exception {
        TrainedModel m = model(TWO_HEADS, 4);
        Path left = csv(tmp, "left.csv", LEFT);
        Path right = csv(tmp, "right.csv", RIGHT);
        List<String> lines = predict(m, byInput(left, right), 2, Predictor.Format.JSON).lines().toList();
        assertEquals(LEFT.length, lines.size());
        Map<String, Object> first = JsonReader.object(lines.get(0));
        assertEquals(Map.of("left", left + ":1", "right", right + ":1"), first.get("input"));
        Map<String, Object> outputs = (Map<String, Object>) first.get("outputs");
        assertEquals(List.of("digit", "size"), List.copyOf(outputs.keySet()));
        float[][] expected = reference(m, LEFT[0], RIGHT[0]);
        List<Object> top = (List<Object>) ((Map<String, Object>) outputs.get("digit")).get("top");
        assertEquals(2, top.size(), "--top 2 applies to the classifying output");
        int[] order = Predictor.topK(expected[0], 0, 3, 2);
        for (int k = 0; k < 2; k++) {
            Map<String, Object> entry = (Map<String, Object>) top.get(k);
            assertEquals((long) order[k], entry.get("class"));
            assertEquals(expected[0][order[k]], ((Number) entry.get("probability")).floatValue(), 1e-5f);
        }
        List<Object> size = (List<Object>) ((Map<String, Object>) outputs.get("size")).get("predicted");
        assertEquals(expected[1][0], ((Number) size.get(0)).floatValue(), 1e-5f, "the regressing output prints its value");
    }

    @Test
    void anOutputWithItsOwnLabelColumnsIsNamedByThem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("shop.csv"), "a,b,c,d,species,price,rent\n1,2,3,4,0,1.5,2.5\n");
        TrainedModel shop = model("""
                data csv("shop.csv", label=dict(kind="species", cost=["price", "rent"]))
                model shop(outputs=[kind, cost]) {
                    x = Input(shape=[4])
                    h = Dense(8, activation='relu')(x)
                    kind = Dense(3, activation='softmax', name='kind')(h)
                    cost = Dense(2, name='cost')(h)
                }
                train { loss = dict(kind=sparse_categorical_crossentropy, cost=mse); optimizer = adam }
                """.replace("shop.csv", tmp.resolve("shop.csv").toString().replace("\\", "/")), 7);
        String out = predict(shop, Predictor.Feed.shared(List.of(csv(tmp, "x.csv", LEFT))), 0, Predictor.Format.CSV);
        assertEquals("input,kind.predicted,kind.p0,kind.p1,kind.p2,cost.price,cost.rent", out.lines().findFirst().orElseThrow());
        assertEquals(1 + LEFT.length, out.lines().count());
    }

    @Test
    void inputsOfOneShapeReadTheSameFilesAsBeforeOrEachTheirOwn(@TempDir Path tmp) throws Exception {
        TrainedModel twin = model("""
                model twin {
                    l = Input(shape=[6])
                    r = Input(shape=[6])
                    a = Dense(4, activation='relu')(l)
                    b = Dense(4, activation='relu')(r)
                    c = Concatenate()([a, b])
                    out = Dense(3, activation='softmax')(c)
                }
                train { loss = categorical_crossentropy }
                """, 5);
        Path rows = csv(tmp, "rows.csv", RIGHT);
        String shared = predict(twin, Predictor.Feed.shared(List.of(rows)), 0, Predictor.Format.CSV);
        assertEquals("input,predicted,p0,p1,p2", shared.lines().findFirst().orElseThrow(), "one output: the columns as ever");
        Map<String, List<Path>> files = new LinkedHashMap<>();
        files.put("input_1", List.of(rows));
        files.put("input_2", List.of(rows));
        String named = predict(twin, Predictor.Feed.byInput(files), 0, Predictor.Format.CSV);
        assertTrue(named.startsWith("input_1,input_2,predicted,p0,p1,p2\n"), named);
        List<List<String>> a = shared.lines().skip(1).map(l -> List.of(l.split(",")).subList(1, 5)).toList();
        List<List<String>> b = named.lines().skip(1).map(l -> List.of(l.split(",")).subList(2, 6)).toList();
        assertEquals(RIGHT.length, a.size());
        assertEquals(a, b, "the same rows given to each input by name predict the same");
    }

    @Test
    void unknownMissingAndUnevenInputsAreDiagnostics(@TempDir Path tmp) throws Exception {
        TrainedModel m = model(TWO_HEADS, 6);
        Path left = csv(tmp, "left.csv", LEFT);
        Path right = csv(tmp, "right.csv", RIGHT);

        ModelException shared = assertThrows(ModelException.class,
                () -> predict(m, Predictor.Feed.shared(List.of(left)), 0, Predictor.Format.CSV));
        assertEquals(Code.DLM1210, shared.code());
        assertTrue(shared.getMessage().contains("inputs of different shapes (`left` [4], `right` [2, 3])"), shared.getMessage());
        assertEquals("give each input its files: --input left=FILE --input right=FILE", shared.hint());

        Map<String, List<Path>> typo = new LinkedHashMap<>();
        typo.put("lefft", List.of(left));
        typo.put("right", List.of(right));
        ModelException unknown = assertThrows(ModelException.class,
                () -> predict(m, Predictor.Feed.byInput(typo), 0, Predictor.Format.CSV));
        assertEquals(Code.DLM1209, unknown.code());
        assertTrue(unknown.getMessage().contains("has no input `lefft`"), unknown.getMessage());
        assertTrue(unknown.hint().startsWith("did you mean `left`?"), unknown.hint());

        // The variables the model file assigns the inputs to (`a`, `b`) name them too.
        Map<String, List<Path>> byVariable = new LinkedHashMap<>();
        byVariable.put("a", List.of(left));
        byVariable.put("right", List.of(right));
        Map<String, List<Path>> byKerasName = new LinkedHashMap<>();
        byKerasName.put("left", List.of(left));
        byKerasName.put("right", List.of(right));
        assertEquals(predict(m, Predictor.Feed.byInput(byKerasName), 0, Predictor.Format.CSV),
                predict(m, Predictor.Feed.byInput(byVariable), 0, Predictor.Format.CSV));
        Map<String, List<Path>> variableTypo = new LinkedHashMap<>();
        variableTypo.put("aa", List.of(left));
        ModelException unknownVariable = assertThrows(ModelException.class,
                () -> predict(m, Predictor.Feed.byInput(variableTypo), 0, Predictor.Format.CSV));
        assertEquals(Code.DLM1209, unknownVariable.code());
        assertTrue(unknownVariable.hint().startsWith("did you mean `a`?"), unknownVariable.hint());

        ModelException missing = assertThrows(ModelException.class,
                () -> predict(m, Predictor.Feed.byInput(Map.of("left", List.of(left))), 0, Predictor.Format.CSV));
        assertEquals(Code.DLM1210, missing.code());
        assertTrue(missing.getMessage().startsWith("no files for input `right`"), missing.getMessage());

        Path shortRight = csv(tmp, "short.csv", new float[][] {RIGHT[0], RIGHT[1]});
        StringWriter out = new StringWriter();
        ModelException uneven = assertThrows(ModelException.class, () -> Predictor.run(m, byInput(left, shortRight),
                new Predictor.Options(2, 0, Predictor.Format.CSV, 1), out));
        assertEquals(Code.DLM1211, uneven.code());
        assertTrue(uneven.getMessage().startsWith("input `right` ran out of samples before `left`"), uneven.getMessage());
        assertEquals(left + ":3", uneven.subject(), "where the samples stop matching");
        assertEquals(3, out.toString().lines().count(), "the header and the first batch's two rows came before");

        ModelException wrongShape = assertThrows(ModelException.class,
                () -> predict(m, byInput(right, right), 0, Predictor.Format.CSV));
        assertEquals(Code.DLM1202, wrongShape.code());
        assertEquals("the row has 6 values but input `left` reads samples of shape (4,) (4 values)", wrongShape.getMessage());
    }
}
