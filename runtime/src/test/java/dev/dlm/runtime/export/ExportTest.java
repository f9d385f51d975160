package dev.dlm.runtime.export;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.runtime.model.KerasWeights;
import dev.dlm.runtime.model.TrainedRun;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.predict.InferenceGraph;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model with random weights (batch-norm statistics too, so that inference visibly differs
 * from training) predicts the same through the inference graph as through the training graph
 * with training off, through a reloaded SavedModel, and after a round trip of its weights
 * through a run directory; the Keras and TF.js exports hold every weight. The real clients
 * read these exports in the interop tests.
 */
class ExportTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);

    /** A model of models/ with seeded random weights, moving statistics included. */
    static TrainedModel randomModel(String file, long seed) throws Exception {
        Compilation c = DlmCompiler.compile(Path.of("..", "models", file));
        assertTrue(!c.hasErrors(), () -> c.diagnostics().toString());
        try (ModelGraph graph = ModelGraph.build(c.model(), ONE_THREAD, seed)) {
            SplittableRandom random = new SplittableRandom(seed);
            for (CheckedLayer layer : c.model().layers()) {
                for (ParamSpec spec : layer.params()) {
                    if (spec.trainable()) continue;
                    float[] values = new float[Math.toIntExact(spec.count())];
                    for (int i = 0; i < values.length; i++) values[i] = (float) (0.5 + random.nextDouble());
                    graph.setWeight(layer.name() + "_" + spec.name(), values);
                }
            }
            return TrainedModel.of(graph, c.source().text());
        }
    }

    static float[] inputs(TrainedModel model, int count) {
        float[] x = new float[Math.toIntExact(model.model().input().elements()) * count];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.dlm", "variants/cnn-batchnorm.dlm", "variants/rnn-bilstm.dlm", "variants/rnn-gru.dlm"})
    void exportsPredictAsTheTrainingGraph(String file, @TempDir Path tmp) throws Exception {
        TrainedModel model = randomModel(file, 11);
        float[] x = inputs(model, 4);
        float[] expected;
        try (ModelGraph graph = ModelGraph.build(model.model(), ONE_THREAD, 3)) {
            model.applyTo(graph);
            expected = graph.predict(x, 4);
        }
        try (InferenceGraph inference = InferenceGraph.build(model, 1)) {
            assertArrayEquals(expected, inference.predict(x, 4), 1e-6f, "inference graph");
        }

        Path saved = tmp.resolve("saved");
        Exporter.export(model, ExportFormat.SAVEDMODEL, saved);
        try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
             TFloat32 in = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(batch(model, 4)))) {
            in.copyFrom(DataBuffers.of(x, true, false));
            try (var result = bundle.function("serving_default").call(Map.of(InferenceGraph.INPUT, in))) {
                Tensor out = result.get(InferenceGraph.OUTPUT).orElseThrow();
                float[] got = new float[Math.toIntExact(out.shape().size())];
                ((TFloat32) out).copyTo(DataBuffers.of(got, false, false));
                assertArrayEquals(expected, got, 1e-6f, "SavedModel");
            }
        }

        Path run = tmp.resolve("run");
        TrainedRun.write(run, model, TrainedRun.Which.LAST);
        TrainedModel reloaded = TrainedRun.load(run, TrainedRun.Which.LAST);
        assertEquals(model.weights(), reloaded.weights(), "weights after a run-directory round trip");

        Path trained = tmp.resolve("trained");
        java.nio.file.Files.createDirectories(trained.resolve("checkpoints/latest"));
        java.nio.file.Files.writeString(trained.resolve(TrainedRun.MODEL), model.source());
        try (ModelGraph graph = ModelGraph.build(model.model(), ONE_THREAD, 99)) {
            model.applyTo(graph);
            graph.session().save(TrainedRun.checkpointPrefix(trained, TrainedRun.Which.LAST).toString());
        }
        assertEquals(model.weights(), TrainedRun.load(trained, TrainedRun.Which.LAST).weights(),
                "weights read from the TensorFlow checkpoint dlmc run keeps");

        Path keras = tmp.resolve("m.keras");
        Exporter.export(model, ExportFormat.KERAS, keras);
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            assertTrue(zip.getEntry("config.json") != null && zip.getEntry("metadata.json") != null
                    && zip.getEntry("model.weights.h5") != null, "the .keras archive's three entries");
            Path h5 = tmp.resolve("w.h5");
            Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), h5);
            assertEquals(model.weights(), KerasWeights.read(model.model(), h5));
        }

        Path tfjs = tmp.resolve("tfjs");
        Exporter.export(model, ExportFormat.TFJS, tfjs);
        assertEquals(4 * model.model().totalParams(), Files.size(tfjs.resolve(Exporter.TFJS_SHARD)), "shard bytes");
        assertTrue(Files.readString(tfjs.resolve("model.json")).contains("\"weightsManifest\""));
    }

    /**
     * The Y-network (two inputs, each read from the same sample): the inference graph, a
     * reloaded SavedModel (one signature input per model input, by name; the output by its
     * tensor's name) and the training graph predict alike; the {@code .keras} export is a Keras 3
     * {@code Functional} configuration in Keras's layer order, whose weight groups are numbered
     * in that order (Keras's {@code conv2d_1} group holds the right branch's first Conv2D, dlm's
     * {@code conv2d_3}); TF.js gets Keras 2's functional {@code Model}.
     */
    @org.junit.jupiter.api.Test
    @SuppressWarnings("unchecked")
    void aFunctionalModelExportsWithKerasLayerOrderAndPredictsAsTheTrainingGraph(@TempDir Path tmp) throws Exception {
        TrainedModel model = randomModel("ynet.dlm", 13);
        int n = 3;
        float[] x = new float[784 * n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        float[] expected;
        try (ModelGraph graph = ModelGraph.build(model.model(), ONE_THREAD, 3)) {
            model.applyTo(graph);
            expected = graph.predict(x, n);
        }
        try (InferenceGraph inference = InferenceGraph.build(model, 1)) {
            assertArrayEquals(expected, inference.predict(x, n), 1e-6f, "inference graph");
        }

        Path saved = tmp.resolve("saved");
        Exporter.export(model, ExportFormat.SAVEDMODEL, saved);
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(n, 28, 28, 1);
        try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
             TFloat32 left = TFloat32.tensorOf(shape); TFloat32 right = TFloat32.tensorOf(shape)) {
            left.copyFrom(DataBuffers.of(x, true, false));
            right.copyFrom(DataBuffers.of(x, true, false));
            try (var result = bundle.function("serving_default").call(Map.of("input_1", left, "input_2", right))) {
                Tensor out = result.get("dense").orElseThrow();
                float[] got = new float[Math.toIntExact(out.shape().size())];
                ((TFloat32) out).copyTo(DataBuffers.of(got, false, false));
                assertArrayEquals(expected, got, 1e-6f, "SavedModel");
            }
        }

        Map<String, Object> config = Exporter.kerasConfig(model);
        assertEquals("Functional", config.get("class_name"));
        @SuppressWarnings("unchecked") Map<String, Object> inner = (Map<String, Object>) config.get("config");
        @SuppressWarnings("unchecked") java.util.List<Map<String, Object>> layers = (java.util.List<Map<String, Object>>) inner.get("layers");
        assertEquals(java.util.List.of("input_1", "input_2", "conv2d", "conv2d_3", "dropout", "dropout_3", "max_pooling2d",
                        "max_pooling2d_3", "conv2d_1", "conv2d_4"),
                layers.stream().map(l -> l.get("name")).limit(10).toList(), "Keras 3's order (as its own ynet.keras lists it)");
        assertEquals(java.util.List.of(java.util.List.of("input_1", 0L, 0L), java.util.List.of("input_2", 0L, 0L)), inner.get("input_layers"));
        assertEquals(java.util.List.of("dense", 0L, 0L), inner.get("output_layers"));
        Map<String, Object> concatenate = layers.stream().filter(l -> "concatenate".equals(l.get("name"))).findFirst().orElseThrow();
        assertEquals(java.util.List.of(java.util.List.of("max_pooling2d_2", 0L, 0L), java.util.List.of("max_pooling2d_5", 0L, 0L)),
                histories(((java.util.List<?>) ((Map<?, ?>) ((java.util.List<?>) concatenate.get("inbound_nodes")).get(0)).get("args")).get(0)),
                "a merge reads one list of Keras tensors");

        Path keras = tmp.resolve("y.keras");
        Exporter.export(model, ExportFormat.KERAS, keras);
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            Path h5 = tmp.resolve("y.h5");
            Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), h5);
            assertEquals(model.weights(), KerasWeights.read(model.model(), h5));
            try (io.jhdf.HdfFile file = new io.jhdf.HdfFile(h5)) {
                float[] rightFirst = (float[]) ((io.jhdf.api.Dataset) file.getByPath("layers/conv2d_1/vars/1")).getDataFlat();
                assertArrayEquals(model.weight("conv2d_3", "bias").values(), rightFirst, "Keras's group conv2d_1 is dlm's conv2d_3");
            }
        }

        Path run = tmp.resolve("run");
        TrainedRun.write(run, model, TrainedRun.Which.LAST);
        assertEquals(model.weights(), TrainedRun.load(run, TrainedRun.Which.LAST).weights(), "run-directory round trip");

        Path tfjs = tmp.resolve("tfjs");
        Exporter.export(model, ExportFormat.TFJS, tfjs);
        assertEquals(4 * model.model().totalParams(), Files.size(tfjs.resolve(Exporter.TFJS_SHARD)), "shard bytes");
        Map<String, Object> topology = (Map<String, Object>) dev.dlm.compiler.keras.JsonReader.object(
                Files.readString(tfjs.resolve("model.json"))).get("modelTopology");
        assertEquals("Model", topology.get("class_name"));
        java.util.List<?> tfjsLayers = (java.util.List<?>) ((Map<?, ?>) topology.get("config")).get("layers");
        Map<?, ?> tfjsConcatenate = (Map<?, ?>) tfjsLayers.stream().filter(l -> "concatenate".equals(((Map<?, ?>) l).get("name"))).findFirst().orElseThrow();
        assertEquals(java.util.List.of(java.util.List.of(java.util.List.of("max_pooling2d_2", 0L, 0L, Map.of()),
                java.util.List.of("max_pooling2d_5", 0L, 0L, Map.of()))), tfjsConcatenate.get("inbound_nodes"), "Keras 2's inbound nodes");
    }

    /** The {@code keras_history} of each {@code __keras_tensor__} in a list. */
    private static java.util.List<Object> histories(Object tensors) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (Object t : (java.util.List<?>) tensors) out.add(((Map<?, ?>) ((Map<?, ?>) t).get("config")).get("keras_history"));
        return out;
    }

    private static long[] batch(TrainedModel model, int count) {
        long[] dims = new long[model.model().input().rank() + 1];
        dims[0] = count;
        for (int i = 1; i < dims.length; i++) dims[i] = model.model().input().dim(i - 1);
        return dims;
    }
}
