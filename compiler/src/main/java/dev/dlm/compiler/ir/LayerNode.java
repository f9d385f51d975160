package dev.dlm.compiler.ir;

import java.util.List;

/**
 * A layer applied in a model: the layer, the tensors it reads by name (a model input's name,
 * or another node's {@link #name()}), and which application of the layer this is. A layer
 * applied once (every layer of a Sequential model) has one node, {@code index} 0, whose
 * output tensor is named after the layer. A shared layer has one node per application, all
 * holding the same {@link CheckedLayer} (one set of weights); node {@code k > 0} names its
 * output {@code layer[k]}. The index is Keras's node index, printed in the summary's
 * {@code Connected to} column as {@code dense[1][0]}.
 */
public record LayerNode(CheckedLayer layer, List<String> inputs, int index) {

    public LayerNode {
        inputs = List.copyOf(inputs);
        if (index < 0) throw new IllegalArgumentException("node index " + index);
    }

    /** The only application of a layer. */
    public LayerNode(CheckedLayer layer, List<String> inputs) {
        this(layer, inputs, 0);
    }

    /** The name of this node's output tensor. */
    public String name() { return index == 0 ? layer.name() : layer.name() + "[" + index + "]"; }
}
