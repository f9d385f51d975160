package dev.dlm.compiler;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Shape;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fluent test fixture over one compiled model: {@code model("[28, 28, 1]", "Conv2D(64, 3)")}
 * compiles {@code model m(input=[28, 28, 1]) { Conv2D(64, 3) }} and lets a test assert on its
 * layers, e.g. {@code .layer(0).hasOutput(26, 26, 64).hasParams(640)}. Every failure message
 * carries the file's text and diagnostics, so a broken rule explains itself.
 */
public final class ModelFixture {

    private final String text;
    private final Compilation compilation;

    private ModelFixture(String text) {
        this.text = text;
        this.compilation = DlmCompiler.compile("test.dlm", text);
    }

    /** A model with the given input shape (as written in the language) and one layer per string. */
    public static ModelFixture model(String input, String... layers) {
        return new ModelFixture("model m(input=" + input + ") {\n"
                + Arrays.stream(layers).map(l -> "    " + l + "\n").collect(Collectors.joining()) + "}\n");
    }

    /** A whole file, for tests that need `data`, `train` or `let` items. */
    public static ModelFixture file(String text) {
        return new ModelFixture(text);
    }

    public Compilation compilation() { return compilation; }

    /** The checked model; fails the test, showing every diagnostic, if the file had errors. */
    public CheckedModel checked() {
        if (compilation.model() == null) fail("expected the file to compile, but:\n" + context());
        return compilation.model();
    }

    public LayerAssert layer(int index) {
        List<CheckedLayer> layers = checked().layers();
        assertTrue(index < layers.size(), () -> "no layer " + index + " in\n" + context());
        return new LayerAssert(this, layers.get(index));
    }

    public ModelFixture hasLayerNames(String... names) {
        assertEquals(List.of(names), checked().layers().stream().map(CheckedLayer::name).toList(), this::context);
        return this;
    }

    public ModelFixture hasOutput(long... dims) {
        assertEquals(Shape.of(dims), checked().output(), this::context);
        return this;
    }

    /** Total, trainable and non-trainable counts, as the last three lines of Keras's summary. */
    public ModelFixture hasParams(long total, long trainable, long nonTrainable) {
        CheckedModel m = checked();
        assertEquals(total, m.totalParams(), () -> "total params\n" + context());
        assertEquals(trainable, m.trainableParams(), () -> "trainable params\n" + context());
        assertEquals(nonTrainable, m.nonTrainableParams(), () -> "non-trainable params\n" + context());
        return this;
    }

    /** The file must fail with an error of {@code code} (other errors may accompany it). */
    public Diagnostic failsWith(Code code) {
        assertTrue(compilation.model() == null && compilation.hasErrors(), () -> "expected errors in\n" + context());
        return compilation.diagnostics().stream().filter(d -> d.isError() && d.code() == code).findFirst()
                .orElseGet(() -> fail("expected an error " + code + " in\n" + context()));
    }

    /** The source text followed by every diagnostic, for failure messages. */
    public String context() {
        StringBuilder sb = new StringBuilder(text);
        for (Diagnostic d : compilation.diagnostics()) {
            sb.append(d.severity().label()).append('[').append(d.code()).append("] ").append(d.span()).append(' ')
                    .append(d.message()).append('\n');
        }
        return sb.toString();
    }

    /** Assertions on one checked layer. */
    public static final class LayerAssert {
        private final ModelFixture fixture;
        private final CheckedLayer layer;

        LayerAssert(ModelFixture fixture, CheckedLayer layer) {
            this.fixture = fixture;
            this.layer = layer;
        }

        public CheckedLayer get() { return layer; }

        /** Back to the model, to assert on another layer. */
        public ModelFixture and() { return fixture; }

        public LayerAssert hasOutput(long... dims) {
            assertEquals(Shape.of(dims), layer.output(), () -> "output of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        public LayerAssert hasInput(long... dims) {
            assertEquals(Shape.of(dims), layer.input(), () -> "input of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        /** All of the layer's parameters, trainable or not: Keras's "Param #" column. */
        public LayerAssert hasParams(long total) {
            assertEquals(total, layer.paramCount(), () -> "params of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        public LayerAssert hasTrainable(long trainable) {
            assertEquals(trainable, layer.trainableCount(), () -> "trainable params of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        public LayerAssert hasNonTrainable(long nonTrainable) {
            assertEquals(nonTrainable, layer.paramCount() - layer.trainableCount(),
                    () -> "non-trainable params of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        public LayerAssert named(String name) {
            assertEquals(name, layer.name(), fixture::context);
            return this;
        }

        public LayerAssert hasKind(String kind) {
            assertEquals(kind, layer.kind().kerasName(), fixture::context);
            return this;
        }

        /** The weights' names in the order Keras creates them. */
        public LayerAssert hasWeightNames(String... names) {
            assertEquals(List.of(names), layer.params().stream().map(ParamSpec::name).toList(),
                    () -> "weights of " + layer.name() + "\n" + fixture.context());
            return this;
        }

        public LayerAssert hasWeight(String name, long... shape) {
            assertEquals(Arrays.stream(shape).boxed().toList(), weight(name).shape(),
                    () -> "shape of " + layer.name() + "." + name + "\n" + fixture.context());
            return this;
        }

        public LayerAssert hasInitializer(String weight, Initializer init) {
            assertEquals(init, weight(weight).initializer(), () -> "initializer of " + layer.name() + "." + weight);
            return this;
        }

        public LayerAssert isTrainable(String weight, boolean trainable) {
            assertEquals(trainable, weight(weight).trainable(), () -> "trainable flag of " + layer.name() + "." + weight);
            return this;
        }

        /** A resolved argument in the layer's config, e.g. pooling strides after defaulting. */
        /** A config value; an activation compares by its Keras name, as the file writes it. */
        public LayerAssert hasConfig(String key, Object value) {
            assertTrue(layer.config().values().containsKey(key), () -> "no config key " + key + " in " + layer.config());
            Object actual = layer.config().values().get(key);
            if (actual instanceof dev.dlm.compiler.ir.Activation a && value instanceof String) actual = a.kerasName();
            assertEquals(value, actual, () -> "config " + key + " of " + layer.name());
            return this;
        }

        public ParamSpec weight(String name) {
            ParamSpec p = layer.params().stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
            assertNotNull(p, () -> "no weight " + name + " in " + layer.params());
            return p;
        }
    }
}
