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

    // Loops, not streams: summaries and expectations ask for every layer's counts, and a check
    // runs mostly interpreted, where a stream pipeline costs several times the loop.
    public long paramCount() {
        long sum = 0;
        for (ParamSpec p : params) sum = Saturating.add(sum, p.count());
        return sum;
    }

    public long trainableCount() {
        long sum = 0;
        for (ParamSpec p : params) {
            if (p.trainable()) sum = Saturating.add(sum, p.count());
        }
        return sum;
    }
}
