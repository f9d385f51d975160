package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;

import java.util.List;

/**
 * One layer after checking: its Keras name ({@code dense_1}), kind ({@code Dense}), resolved
 * arguments, the sample shapes it reads and writes (batch axis excluded) and its weights.
 * The runtime trusts this and asserts TensorFlow's static shapes equal {@code output}.
 */
public record CheckedLayer(String name, String kind, LayerConfig config, Shape input, Shape output,
                           List<ParamSpec> params, Span span) {

    public CheckedLayer {
        params = List.copyOf(params);
    }

    public long paramCount() {
        return params.stream().mapToLong(ParamSpec::count).reduce(0, Math::addExact);
    }

    public long trainableCount() {
        return params.stream().filter(ParamSpec::trainable).mapToLong(ParamSpec::count).sum();
    }
}
