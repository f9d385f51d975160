package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Saturating;

import java.util.List;

/**
 * One layer after checking: its Keras name ({@code dense_1}), kind, resolved arguments (its
 * Keras config), the sample shapes it reads and writes (batch axis excluded), its weights and
 * its cost per sample. The runtime trusts this and asserts TensorFlow's static shapes equal
 * {@code output}.
 */
public record CheckedLayer(String name, LayerKind kind, LayerConfig config, List<Shape> inputs, Shape output,
                           List<ParamSpec> params, LayerCost cost, Span span) {

    public CheckedLayer {
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
    }

    /** The input of a layer with one input (every layer kind so far). */
    public Shape input() {
        if (inputs.size() != 1) throw new IllegalStateException("layer " + name + " has " + inputs.size() + " inputs");
        return inputs.get(0);
    }

    public long paramCount() {
        return params.stream().mapToLong(ParamSpec::count).reduce(0, Saturating::add);
    }

    public long trainableCount() {
        return params.stream().filter(ParamSpec::trainable).mapToLong(ParamSpec::count).reduce(0, Saturating::add);
    }
}
