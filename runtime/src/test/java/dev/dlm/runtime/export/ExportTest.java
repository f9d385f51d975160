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

    private static long[] batch(TrainedModel model, int count) {
        long[] dims = new long[model.model().input().rank() + 1];
        dims[0] = count;
        for (int i = 1; i < dims.length; i++) dims[i] = model.model().input().dim(i - 1);
        return dims;
    }
}
