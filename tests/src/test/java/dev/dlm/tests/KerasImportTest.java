package dev.dlm.tests;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.runtime.export.ExportFormat;
import dev.dlm.runtime.export.Exporter;
import dev.dlm.runtime.model.KerasImport;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.WeightArray;
import dev.dlm.runtime.predict.InferenceGraph;
import dev.dlm.runtime.predict.SampleReader;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc import} against files real Keras wrote (tests/src/test/resources/keras, made by
 * its generate.py): the imported model predicts what Keras predicted, from the {@code .keras}
 * and the legacy {@code .h5} file alike; refused models get their own code; and
 * import(export(m)) reproduces m: the same layers and weights, the same predictions, and a
 * text that a second round trip leaves unchanged.
 */
class KerasImportTest {

    static final Path FIXTURES = Repo.RESOURCES.resolve("keras");

    /** All samples of an array file, flattened. */
    static float[] read(Path npy, dev.dlm.compiler.shape.Shape shape) throws Exception {
        SampleReader.Source source = new SampleReader(shape).open(npy);
        List<float[]> rows = new ArrayList<>();
        for (SampleReader.Sample s; (s = source.next()) != null; ) rows.add(s.values());
        float[] out = new float[rows.size() * rows.get(0).length];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, out, i * rows.get(0).length, rows.get(0).length);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"mlp,keras", "mlp,h5", "cnn_bn,keras", "cnn_bn,h5", "rnn,keras", "rnn,h5", "lstm_gru,keras", "lstm_gru,h5",
            "bilstm,keras", "bilstm,h5", "gru_before,keras", "gru_before,h5"})
    void importedModelsPredictAsKerasDid(String name, String extension) throws Exception {
        KerasImport.Imported imported = KerasImport.importFile(FIXTURES.resolve(name + "." + extension), true);
        assertFalse(imported.result().hasErrors(), () -> imported.result().diagnostics().toString());
        TrainedModel model = imported.model();
        float[] x = read(FIXTURES.resolve("inputs.npy"), model.model().input());
        float[] expected = read(FIXTURES.resolve(name + ".expected.npy"), model.model().output());
        try (InferenceGraph graph = InferenceGraph.build(model, 1)) {
            assertArrayEquals(expected, graph.predict(x, 5), 1e-5f, name + "." + extension);
        }
    }

    @ParameterizedTest
    @CsvSource({"functional/mc_dropout,DLM1206", "refused_layer,DLM1207", "refused_argument,DLM1208"})
    void unsupportedModelsAreRefusedWithTheirCode(String name, String code) throws Exception {
        DlmcRun run = DlmcRun.of("import", FIXTURES.resolve(name + ".keras").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("error[" + code + "]"), run.transcript());
        assertTrue(run.err().contains("config.json:"), "points into the configuration: " + run.transcript());
        assertEquals("", run.out(), "no partial model");
    }

    /** A Keras 2 configuration from a public repository (credited in keras/public/CREDITS.md). */
    @org.junit.jupiter.api.Test
    void aKeras2ConfigurationFromAPublicRepositoryImports() throws Exception {
        KerasImport.Imported imported = KerasImport.importFile(FIXTURES.resolve("public/keras_model_CNN_mnist.json"), false);
        assertFalse(imported.result().hasErrors(), () -> imported.result().diagnostics().toString());
        assertEquals("""
                # Imported by dlmc import from a Keras 2.4.0 Sequential model.

                model sequential(input=[28, 28, 1]) {
                    Conv2D(8, 3)
                    Activation('relu')
                    MaxPooling2D()
                    Conv2D(16, 3)
                    Activation('relu')
                    MaxPooling2D()
                    Flatten()
                    Dense(10)
                    Activation('softmax')
                }
                """, imported.result().text());
        Compilation c = DlmCompiler.compile("imported.dlm", imported.result().text());
        assertEquals(5_258, c.model().totalParams(), "Keras's model.summary() of this CNN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.dlm", "cnn.dlm", "rnn.dlm", "variants/cnn-batchnorm.dlm", "variants/rnn-bilstm-sum.dlm",
            "variants/rnn-gru.dlm", "variants/rnn-gru-reset-before.dlm", "variants/rnn-lstm.dlm", "variants/rnn-stacked.dlm"})
    void importOfExportReproducesTheModel(String file, @TempDir Path tmp) throws Exception {
        TrainedModel original = randomModel(Repo.MODELS.resolve(file), 5);
        Path keras = tmp.resolve("m.keras");
        Exporter.export(original, ExportFormat.KERAS, keras);
        TrainedModel once = KerasImport.importFile(keras, true).model();

        assertEquals(original.model().layers().size(), once.model().layers().size());
        for (int i = 0; i < original.model().layers().size(); i++) {
            CheckedLayer a = original.model().layers().get(i), b = once.model().layers().get(i);
            assertEquals(a.kind(), b.kind());
            assertEquals(a.name(), b.name());
            assertEquals(a.output(), b.output(), a.name());
            assertEquals(a.params(), b.params(), a.name());
        }
        assertEquals(original.model().input(), once.model().input());
        assertEquals(original.weights(), once.weights(), "weights");
        float[] x = new float[Math.toIntExact(original.model().input().elements()) * 3];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        try (InferenceGraph a = InferenceGraph.build(original, 1); InferenceGraph b = InferenceGraph.build(once, 1)) {
            assertArrayEquals(a.predict(x, 3), b.predict(x, 3), "predictions");
        }

        Path again = tmp.resolve("again.keras");
        Exporter.export(once, ExportFormat.KERAS, again);
        KerasImport.Imported twice = KerasImport.importFile(again, false);
        assertEquals(once.source(), twice.result().text(), "a second round trip leaves the text as it is");
        Compilation c = DlmCompiler.compile("imported.dlm", once.source());
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        assertNull(c.model().data(), "the import has no data statement to invent");
    }

    /**
     * import(export(m)) of functional models: the same graph (inputs, and layer by layer in
     * Keras's order: class, output shape, weights, the tensors each node reads), the same
     * predictions, and a text the next round trip leaves as it is. The layers are compared by
     * position in Keras's order, and then by name: the import gives them their names back.
     */
    @ParameterizedTest
    @ValueSource(strings = {"models/ynet.dlm", "tests/src/test/resources/export/two_inputs.dlm"})
    void importOfExportReproducesAFunctionalModel(String file, @TempDir Path tmp) throws Exception {
        TrainedModel original = randomModel(Repo.ROOT.resolve(file), 7);
        Path keras = tmp.resolve("m.keras");
        Exporter.export(original, ExportFormat.KERAS, keras);
        KerasImport.Imported imported = KerasImport.importFile(keras, true);
        assertFalse(imported.result().hasErrors(), () -> imported.result().diagnostics().toString());
        TrainedModel once = imported.model();
        assertTrue(once.model().graph().functional());
        assertEquals(original.model().graph().inputs().stream().map(i -> i.shape()).toList(),
                once.model().graph().inputs().stream().map(i -> i.shape()).toList(), "inputs");
        List<String> a = dev.dlm.compiler.keras.KerasFunctional.layerOrder(original.model().graph());
        List<String> b = dev.dlm.compiler.keras.KerasFunctional.layerOrder(once.model().graph());
        assertEquals(a.size(), b.size());
        Map<String, String> renamed = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) renamed.put(a.get(i), b.get(i));
        for (dev.dlm.compiler.ir.LayerNode n : original.model().graph().nodes()) {
            CheckedLayer x = n.layer();
            dev.dlm.compiler.ir.LayerNode m = once.model().graph().nodes().stream()
                    .filter(o -> o.layer().name().equals(renamed.get(x.name())) && o.index() == n.index()).findFirst().orElseThrow();
            assertEquals(x.kind(), m.layer().kind(), x.name());
            assertEquals(x.output(), m.layer().output(), x.name());
            assertEquals(x.params(), m.layer().params(), x.name());
            assertEquals(original.weights().get(x.name()), once.weights().get(m.layer().name()), "weights of " + x.name());
            List<String> reads = n.inputs().stream().map(t -> {
                dev.dlm.compiler.ir.LayerNode p = original.model().graph().producer(t);
                return p == null ? renamed.get(t) : once.model().graph().nodes().stream()
                        .filter(o -> o.layer().name().equals(renamed.get(p.layer().name())) && o.index() == p.index())
                        .findFirst().orElseThrow().name();
            }).toList();
            assertEquals(reads, m.inputs(), "what " + x.name() + "[" + n.index() + "] reads");
        }
        float[] x = new float[Math.toIntExact(original.model().graph().inputs().get(0).shape().elements()) * 3];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        try (InferenceGraph g1 = InferenceGraph.build(original, 1); InferenceGraph g2 = InferenceGraph.build(once, 1)) {
            assertArrayEquals(g1.predict(x, 3), g2.predict(x, 3), "predictions");
        }
        // The first import gives every layer its name back (the Y-network's right branch starts
        // with `conv2d_3`, although Keras lists it second), so the next round trip changes
        // nothing (runtime's FunctionalRoundTripTest pins the names and config.json too).
        assertEquals(a, b, "the layers keep their names");
        Path again = tmp.resolve("again.keras");
        Exporter.export(once, ExportFormat.KERAS, again);
        KerasImport.Imported twice = KerasImport.importFile(again, true);
        assertEquals(imported.result().text(), twice.result().text(), "a second round trip leaves the text as it is");
        try (InferenceGraph g1 = InferenceGraph.build(original, 1); InferenceGraph g2 = InferenceGraph.build(twice.model(), 1)) {
            assertArrayEquals(g1.predict(x, 3), g2.predict(x, 3), "predictions after two round trips");
        }
    }

    /** A shipped model with seeded random weights, moving statistics included. */
    static TrainedModel randomModel(Path file, long seed) {
        Compilation c = DlmCompiler.compile(file);
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        CheckedModel model = c.model();
        try (ModelGraph graph = ModelGraph.build(model, RunOptions.defaults().withThreads(1, 1), seed)) {
            TrainedModel trained = TrainedModel.of(graph, c.source().text());
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, Map<String, WeightArray>> weights = new LinkedHashMap<>();
            for (CheckedLayer layer : model.layers()) {
                Map<String, WeightArray> own = new LinkedHashMap<>(trained.weights().get(layer.name()));
                for (ParamSpec spec : layer.params()) {
                    if (spec.trainable()) continue;
                    float[] v = new float[Math.toIntExact(spec.count())];
                    for (int i = 0; i < v.length; i++) v[i] = (float) (0.5 + random.nextDouble());
                    own.put(spec.name(), new WeightArray(own.get(spec.name()).shape(), v));
                }
                weights.put(layer.name(), own);
            }
            return new TrainedModel(model, trained.source(), weights);
        }
    }
}
