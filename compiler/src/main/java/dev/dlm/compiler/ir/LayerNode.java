package dev.dlm.compiler.ir;

import java.util.List;

/**
 * A layer applied in a model: the layer, and the tensors it reads by name (a model input's
 * name, or the name of the layer that produced the tensor). Its own output tensor is named
 * after the layer.
 */
public record LayerNode(CheckedLayer layer, List<String> inputs) {

    public LayerNode {
        inputs = List.copyOf(inputs);
    }

    public String name() { return layer.name(); }
}
