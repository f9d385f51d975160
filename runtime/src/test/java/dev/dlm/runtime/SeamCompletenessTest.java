package dev.dlm.runtime;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Optimizer;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.emit.Emitters;
import dev.dlm.runtime.init.Initializers;
import dev.dlm.runtime.testing.Compiled;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the compiler accepts, the runtime implements: every layer kind, activation,
 * loss, optimizer, initializer and data source crosses the seam and is emitted or loaded.
 * The enums' exhaustive switches make a missing case a compile error; the sealed records'
 * dispatch chains are checked here, by building a graph with each.
 */
class SeamCompletenessTest {

    private static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);

    /** A small model exercising each layer kind: its input and its layer call. Every kind must be listed. */
    private static final Map<LayerKind, String[]> EXAMPLES = new EnumMap<>(LayerKind.class);

    static {
        EXAMPLES.put(LayerKind.DENSE, new String[]{"[4]", "Dense(3)"});
        EXAMPLES.put(LayerKind.ACTIVATION, new String[]{"[4]", "Activation('tanh')"});
        EXAMPLES.put(LayerKind.DROPOUT, new String[]{"[4]", "Dropout(0.5)"});
        EXAMPLES.put(LayerKind.FLATTEN, new String[]{"[2, 2]", "Flatten()"});
        EXAMPLES.put(LayerKind.RESHAPE, new String[]{"[4]", "Reshape((2, 2))", "Flatten()"});
        EXAMPLES.put(LayerKind.LEAKY_RELU, new String[]{"[4]", "LeakyReLU()"});
        EXAMPLES.put(LayerKind.PERMUTE, new String[]{"[2, 3]", "Permute((2, 1))", "Flatten()"});
        EXAMPLES.put(LayerKind.REPEAT_VECTOR, new String[]{"[4]", "RepeatVector(3)", "Flatten()"});
        EXAMPLES.put(LayerKind.RELU, new String[]{"[4]", "ReLU(max_value=6, negative_slope=0.1)"});
        EXAMPLES.put(LayerKind.ELU, new String[]{"[4]", "ELU(alpha=0.5)"});
        EXAMPLES.put(LayerKind.SOFTMAX, new String[]{"[4]", "Softmax()"});
        EXAMPLES.put(LayerKind.CONV1D, new String[]{"[5, 2]", "Conv1D(2, 3)", "Flatten()"});
        EXAMPLES.put(LayerKind.CONV2D, new String[]{"[4, 4, 1]", "Conv2D(2, 3)", "Flatten()"});
        EXAMPLES.put(LayerKind.MAX_POOLING1D, new String[]{"[4, 2]", "MaxPooling1D()", "Flatten()"});
        EXAMPLES.put(LayerKind.MAX_POOLING2D, new String[]{"[4, 4, 1]", "MaxPooling2D()", "Flatten()"});
        EXAMPLES.put(LayerKind.AVERAGE_POOLING1D, new String[]{"[4, 2]", "AveragePooling1D()", "Flatten()"});
        EXAMPLES.put(LayerKind.AVERAGE_POOLING2D, new String[]{"[4, 4, 1]", "AveragePooling2D()", "Flatten()"});
        EXAMPLES.put(LayerKind.GLOBAL_MAX_POOLING1D, new String[]{"[4, 2]", "GlobalMaxPooling1D()"});
        EXAMPLES.put(LayerKind.GLOBAL_MAX_POOLING2D, new String[]{"[4, 4, 2]", "GlobalMaxPooling2D()"});
        EXAMPLES.put(LayerKind.GLOBAL_AVERAGE_POOLING1D, new String[]{"[4, 2]", "GlobalAveragePooling1D()"});
        EXAMPLES.put(LayerKind.GLOBAL_AVERAGE_POOLING2D, new String[]{"[4, 4, 2]", "GlobalAveragePooling2D()"});
        EXAMPLES.put(LayerKind.UP_SAMPLING2D, new String[]{"[2, 2, 1]", "UpSampling2D()", "Flatten()"});
        EXAMPLES.put(LayerKind.BATCH_NORMALIZATION, new String[]{"[4]", "BatchNormalization()"});
        EXAMPLES.put(LayerKind.LAYER_NORMALIZATION, new String[]{"[4]", "LayerNormalization()"});
        EXAMPLES.put(LayerKind.EMBEDDING, new String[]{"[3]", "Embedding(5, 2)", "Flatten()"});
        EXAMPLES.put(LayerKind.SIMPLE_RNN, new String[]{"[3, 2]", "SimpleRNN(2)"});
        EXAMPLES.put(LayerKind.LSTM, new String[]{"[3, 2]", "LSTM(2)"});
        EXAMPLES.put(LayerKind.GRU, new String[]{"[3, 2]", "GRU(2)"});
        EXAMPLES.put(LayerKind.BIDIRECTIONAL, new String[]{"[3, 2]", "Bidirectional(LSTM(2))"});
        EXAMPLES.put(LayerKind.CONCATENATE, merge("Concatenate()"));
        EXAMPLES.put(LayerKind.ADD, merge("Add()"));
        EXAMPLES.put(LayerKind.SUBTRACT, merge("Subtract()"));
        EXAMPLES.put(LayerKind.MULTIPLY, merge("Multiply()"));
        EXAMPLES.put(LayerKind.AVERAGE, merge("Average()"));
        EXAMPLES.put(LayerKind.MAXIMUM, merge("Maximum()"));
        EXAMPLES.put(LayerKind.DOT, merge("Dot(axes=1)"));
        // issue 14's catalogue (layers branch)
        EXAMPLES.put(LayerKind.ZERO_PADDING2D, new String[]{"[2, 2, 1]", "ZeroPadding2D(((1, 0), (0, 2)))", "Flatten()"});
        EXAMPLES.put(LayerKind.CROPPING2D, new String[]{"[4, 4, 1]", "Cropping2D(((1, 0), (0, 2)))", "Flatten()"});
        EXAMPLES.put(LayerKind.SPATIAL_DROPOUT1D, new String[]{"[3, 2]", "SpatialDropout1D(0.5)", "Flatten()"});
        EXAMPLES.put(LayerKind.SPATIAL_DROPOUT2D, new String[]{"[2, 2, 2]", "SpatialDropout2D(0.5)", "Flatten()"});
        EXAMPLES.put(LayerKind.GAUSSIAN_NOISE, new String[]{"[4]", "GaussianNoise(0.1)"});
        EXAMPLES.put(LayerKind.DEPTHWISE_CONV2D, new String[]{"[4, 4, 2]", "DepthwiseConv2D(3, depth_multiplier=2)", "Flatten()"});
        EXAMPLES.put(LayerKind.SEPARABLE_CONV2D, new String[]{"[4, 4, 2]", "SeparableConv2D(2, 3)", "Flatten()"});
        EXAMPLES.put(LayerKind.CONV2D_TRANSPOSE, new String[]{"[2, 2, 2]", "Conv2DTranspose(2, 3, strides=2)", "Flatten()"});
        EXAMPLES.put(LayerKind.TIME_DISTRIBUTED, new String[]{"[3, 2]", "TimeDistributed(Dense(2))", "Flatten()"});
    }

    /** Marks an example written in the functional form: its lines are the model's body. */
    private static final String FUNCTIONAL = "functional";

    /** A merge layer's example: two Dense branches of one input, merged. */
    private static String[] merge(String layer) {
        return new String[]{FUNCTIONAL, "x = Input(shape=[4])", "a = Dense(3)(x)", "b = Dense(3)(x)", "m = " + layer + "([a, b])"};
    }

    /** Builds the graph (shapes asserted against the IR) and runs one prediction. */
    private static float[] predictOnce(CheckedModel model, int samples) {
        try (ModelGraph graph = ModelGraph.build(model, ONE_THREAD, 3L)) {
            long in = model.input().elements();
            float[] x = new float[Math.toIntExact(samples * in)];
            for (int i = 0; i < x.length; i++) x[i] = (i % 5) / 5f;
            return graph.predict(x, samples);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLayerKindIsEmitted() {
        return Stream.of(LayerKind.values()).map(kind -> DynamicTest.dynamicTest(kind.kerasName(), () -> {
            assertNotNull(Emitters.forKind(kind), "no emitter for " + kind);
            String[] example = EXAMPLES.get(kind);
            assertNotNull(example, "add an example model for " + kind + " to this test");
            String[] layers = java.util.Arrays.copyOfRange(example, 1, example.length);
            CheckedModel model = example[0].equals(FUNCTIONAL) ? Compiled.functional("mse", layers) : Compiled.model(example[0], layers);
            assertTrue(model.layers().stream().anyMatch(l -> l.kind() == kind), kind + " in its example");
            float[] y = predictOnce(model, 2);
            assertEquals(2 * model.output().elements(), y.length);
            for (float v : y) assertTrue(Float.isFinite(v), kind + " output " + v);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyActivationTheCompilerAcceptsIsApplied() {
        return Catalogs.ACTIVATIONS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Activation a = Catalogs.activation(name);
            assertNotNull(a, name);
            float[] y = predictOnce(Compiled.model("[4]", "Dense(3, activation='" + name + "')"), 2);
            for (float v : y) assertTrue(Float.isFinite(v), name + " gave " + v);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyLossBuildsAndDifferentiates() {
        return Stream.of(Loss.values()).map(loss -> DynamicTest.dynamicTest(loss.kerasName(), () -> {
            String last = loss == Loss.BINARY_CROSSENTROPY ? "Dense(1, activation='sigmoid')" : "Dense(3, activation='softmax')";
            CheckedModel model = Compiled.trained("[4]", loss.kerasName(), "sgd", last);
            try (ModelGraph graph = ModelGraph.build(model, ONE_THREAD, 3L)) {
                int width = Math.toIntExact(model.output().elements());
                float[] y = new float[2 * width];
                y[0] = 1;
                var result = graph.lossAndGradients(new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f}, y, 2, false);
                assertTrue(Double.isFinite(result.loss()), loss + " loss " + result.loss());
                assertEquals(2, result.gradients().size(), "kernel and bias gradients");
            }
        }));
    }

    @Test
    void everyOptimizerRecordIsNamedAndBuilds() {
        Set<Class<?>> built = new HashSet<>();
        for (var entry : Catalogs.OPTIMIZERS.entrySet()) {
            Optimizer optimizer = entry.getValue().build().apply(entry.getValue().defaults());
            assertEquals(entry.getKey(), optimizer.kerasName());
            built.add(optimizer.getClass());
            predictOnce(Compiled.trained("[4]", "mse", entry.getKey(), "Dense(2)"), 1);
        }
        assertEquals(Set.of(Optimizer.class.getPermittedSubclasses()), built, "every optimizer record has a name");
    }

    @Test
    void everyInitializerRecordProducesValues() {
        Set<Class<?>> seen = new HashSet<>();
        List<Initializer> all = new java.util.ArrayList<>(Catalogs.INITIALIZERS.values());
        all.add(new Initializer.Segments(List.of(new Initializer.Segment(Initializer.ZEROS, 2),
                new Initializer.Segment(Initializer.ONES, 2))));
        for (Initializer init : all) {
            float[] values = Initializers.values(init, List.of(3L, 4L), 9L);
            assertEquals(12, values.length);
            for (float v : values) assertTrue(Float.isFinite(v), init + " gave " + v);
            seen.add(init.getClass());
        }
        assertEquals(Set.of(Initializer.class.getPermittedSubclasses()), seen, "every initializer record is exercised");
    }

    @Test
    void everyDataSourceRecordIsLoadedOrReportedAsADataProblem(@TempDir Path dir) throws Exception {
        Set<Class<?>> seen = new HashSet<>();
        for (DataSource source : List.of(new DataSource.Mnist(), new DataSource.FashionMnist(),
                new DataSource.Idx("no-such-folder"), new DataSource.Csv("no-such.csv", null),
                new DataSource.Cifar10("no-such-folder", dev.dlm.compiler.ir.Augmentation.NONE))) {
            seen.add(source.getClass());
            DataSpec spec = new DataSpec(source, null, 10, 1 / 255.0, true, null);
            try {
                assertNotNull(DataLoader.load(spec, dir));
            } catch (DataException e) {
                assertTrue(e.code() == Code.DLM0701 || e.code() == Code.DLM1450, source + ": " + e.getMessage());
            }
        }
        assertEquals(Set.of(DataSource.class.getPermittedSubclasses()), seen, "every data source is exercised");
        DataException missing = assertThrows(DataException.class,
                () -> DataLoader.load(new DataSpec(new DataSource.Csv("gone.csv", null), Shape.of(2), 0, 1, true, null), dir));
        assertEquals(Code.DLM0701, missing.code());
    }

    /** Names are matched once, by the compiler; the runtime switches on types. */
    @Test
    void noStringSwitchOnNamesIsLeftInTheRuntime() throws IOException {
        Pattern stringCase = Pattern.compile("case\\s+\"|\\.equals\\(\"(?:Dense|LSTM|GRU|SimpleRNN|Bidirectional|adam|sgd|rmsprop|"
                + "adagrad|relu|softmax|tanh|sigmoid|linear|categorical_crossentropy|binary_crossentropy|mnist|csv|idx|"
                + "glorot_uniform|zeros|ones|orthogonal)\"\\)");
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = stringCase.matcher(lines.get(i));
                    if (m.find()) found.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertTrue(found.isEmpty(), "string matching on names in runtime/src/main:\n" + String.join("\n", found));
    }
}
