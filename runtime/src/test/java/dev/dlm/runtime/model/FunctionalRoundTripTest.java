package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.runtime.export.ExportFormat;
import dev.dlm.runtime.export.Exporter;
import dev.dlm.runtime.predict.InferenceGraph;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * export, import, export of functional models, in plain Java: the first import gives every
 * layer its name back (so the Y-network's right branch starts with {@code conv2d_3} again,
 * although Keras lists it second), the same graph and weights; the second export writes the
 * same {@code config.json} as the first, and the second import the same text: the round trip
 * is stable from the first trip.
 */
class FunctionalRoundTripTest {

    /**
     * Branches that Keras's order interleaves, a shared layer, wrapped layers (their inner
     * layers take automatic names too), explicit names, and two outputs.
     */
    static final String MIXED = """
            model mixed(outputs=[head, aux]) {
                seq = Input(shape=[6, 4])
                vec = Input(shape=[5], name='features')
                a = Bidirectional(LSTM(3))(seq)
                a = Dense(8, activation='relu')(a)
                a = Dense(8, activation='relu', name='encoder')(a)
                b = Dense(8)(vec)
                b = Dense(8)(b)
                t = TimeDistributed(Dense(2))(seq)
                t = Flatten()(t)
                shared = Dense(8, activation='tanh')
                s1 = shared(a)
                s2 = shared(b)
                m = Concatenate()([s1, s2, t])
                head = Dense(3, activation='softmax')(m)
                u = Add()([s1, s2])
                aux = Dense(1)(u)
            }
            train { loss = dict(dense_5=categorical_crossentropy, dense_6=mse) }
            """;

    static Compilation compile(String which) throws Exception {
        return switch (which) {
            case "ynet" -> DlmCompiler.compile(Path.of("..", "models", "ynet.dlm"));
            case "two_inputs" -> DlmCompiler.compile(Path.of("..", "tests", "src", "test", "resources", "export", "two_inputs.dlm"));
            default -> DlmCompiler.compile("mixed.dlm", MIXED);
        };
    }

    static TrainedModel randomModel(Compilation c, long seed) {
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        try (ModelGraph graph = ModelGraph.build(c.model(), RunOptions.defaults().withThreads(1, 1), seed)) {
            return TrainedModel.of(graph, c.source().text());
        }
    }

    static String config(Path keras) throws Exception {
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Each node as {@code layer[index] Kind output <- the (layer, index) of what it reads}, sorted: the graph with its names. */
    static List<String> wiring(LayerGraph graph) {
        List<String> out = new ArrayList<>();
        for (LayerNode n : graph.nodes()) {
            List<String> reads = new ArrayList<>();
            for (String t : n.inputs()) {
                LayerNode p = graph.producer(t);
                reads.add(p == null ? t : p.layer().name() + "[" + p.index() + "]");
            }
            out.add(n.layer().name() + "[" + n.index() + "] " + n.layer().kind().kerasName() + " " + n.layer().output() + " <- " + reads);
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ynet", "two_inputs", "mixed"})
    void theFirstRoundTripKeepsTheNamesAndTheSecondChangesNothing(String which, @TempDir Path tmp) throws Exception {
        TrainedModel original = randomModel(compile(which), 11);
        Path first = tmp.resolve("first.keras");
        Exporter.export(original, ExportFormat.KERAS, first);
        KerasImport.Imported once = KerasImport.importFile(first, true);
        assertFalse(once.result().hasErrors(), () -> once.result().diagnostics().toString());
        TrainedModel imported = once.model();

        // Names and shapes; the variables they are assigned to are the importer's own.
        assertEquals(original.model().graph().inputs().stream().map(i -> i.name() + " " + i.shape()).toList(),
                imported.model().graph().inputs().stream().map(i -> i.name() + " " + i.shape()).toList(), "inputs, names and shapes");
        assertEquals(wiring(original.model().graph()), wiring(imported.model().graph()), "every node, by its layer's name");
        assertEquals(original.model().graph().outputs().stream().map(o -> original.model().graph().producer(o).layer().name()).toList(),
                imported.model().graph().outputs().stream().map(o -> imported.model().graph().producer(o).layer().name()).toList(), "outputs");
        assertEquals(new TreeMap<>(original.weights()), new TreeMap<>(imported.weights()), "weights by layer name");
        for (CheckedLayer layer : original.model().layers()) {
            CheckedLayer same = imported.model().layers().stream().filter(l -> l.name().equals(layer.name())).findFirst().orElseThrow();
            var keras3 = dev.dlm.compiler.keras.KerasLayers.Flavour.KERAS3;
            assertEquals(dev.dlm.compiler.keras.KerasLayers.layer(layer, keras3, false),
                    dev.dlm.compiler.keras.KerasLayers.layer(same, keras3, false), layer.name() + "'s Keras configuration");
        }

        Path second = tmp.resolve("second.keras");
        Exporter.export(imported, ExportFormat.KERAS, second);
        assertEquals(config(first), config(second), "the second export's config.json is the first's");
        KerasImport.Imported twice = KerasImport.importFile(second, true);
        assertEquals(once.result().text(), twice.result().text(), "the second import's text is the first's");

        SplittableRandom random = new SplittableRandom(2);
        List<float[]> x = new ArrayList<>();
        for (var input : original.model().graph().inputs()) {
            float[] v = new float[Math.toIntExact(input.shape().elements()) * 3];
            for (int i = 0; i < v.length; i++) v[i] = (float) random.nextDouble();
            x.add(v);
        }
        try (InferenceGraph a = InferenceGraph.build(original, 1); InferenceGraph b = InferenceGraph.build(twice.model(), 1)) {
            List<float[]> ya = a.predict(x, 3), yb = b.predict(x, 3);
            for (int o = 0; o < ya.size(); o++) assertArrayEquals(ya.get(o), yb.get(o), "output " + o + " after two round trips");
        }
    }

    /** A text whose lines dlm would name differently from Keras's order: the names come back, not the configuration's order's. */
    @org.junit.jupiter.api.Test
    void keras3NamesFromPythonsOrderSurviveTheImport() {
        // Keras lists the right branch's Dense (dense_2) between the left branch's two (dense, dense_1).
        String json = """
                {"class_name": "Functional", "config": {"name": "y", "layers": [
                  {"class_name": "InputLayer", "name": "input_layer", "config": {"batch_shape": [null, 4], "name": "input_layer"}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 3},
                   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]},
                  {"class_name": "Dense", "name": "dense_2", "config": {"name": "dense_2", "units": 2},
                   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]},
                  {"class_name": "Dense", "name": "dense_1", "config": {"name": "dense_1", "units": 5},
                   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["dense", 0, 0]}}], "kwargs": {}}]},
                  {"class_name": "Concatenate", "name": "concatenate", "config": {"name": "concatenate", "axis": -1},
                   "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["dense_1", 0, 0]}},
                                                {"class_name": "__keras_tensor__", "config": {"keras_history": ["dense_2", 0, 0]}}]], "kwargs": {}}]}],
                 "input_layers": [["input_layer", 0, 0]], "output_layers": [["concatenate", 0, 0]]}}
                """;
        var r = dev.dlm.compiler.keras.KerasImporter.importConfig("y.json", json, "3.15.1");
        assertFalse(r.hasErrors(), r.diagnostics()::toString);
        assertEquals("""
                # Imported by dlmc import from a Keras 3.15.1 functional model.

                model y {
                    input_layer = Input(shape=[4])
                    dense = Dense(3)(input_layer)
                    dense_1 = Dense(5)(dense)
                    dense_2 = Dense(2)(input_layer)
                    concatenate = Concatenate()([dense_1, dense_2])
                }
                """, r.text());
        Compilation c = DlmCompiler.compile("y.dlm", r.text());
        assertEquals(List.of("dense 3", "dense_1 5", "dense_2 2", "concatenate null"), c.model().layers().stream()
                .map(l -> l.name() + " " + l.config().values().get("units")).toList(), "each Dense has its Keras name");
    }
}
