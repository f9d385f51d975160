package dev.dlm.compiler.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model's layers as a graph: the model's inputs, the layer nodes in a topological order
 * (every node after the nodes it reads), and the tensors that are the model's outputs. A
 * Sequential model is a chain: one input, each node reading the one before. {@code functional}
 * is true when the file wrote the model in the functional form (the summary then prints
 * Keras's functional table). A shared layer appears in several nodes (see {@link LayerNode});
 * {@link #layers()} lists it once.
 */
public record LayerGraph(List<ModelInput> inputs, List<LayerNode> nodes, List<String> outputs, boolean functional) {

    /** Keras 3's name for a Sequential model's input. */
    public static final String SEQUENTIAL_INPUT = "input_layer";

    public LayerGraph {
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        Set<String> defined = new HashSet<>();
        for (ModelInput i : inputs) if (!defined.add(i.name())) throw new IllegalArgumentException("input " + i.name() + " twice");
        for (LayerNode n : nodes) {
            for (String in : n.inputs()) {
                if (!defined.contains(in)) throw new IllegalArgumentException("node " + n.name() + " reads " + in + " before it is defined");
            }
            if (!defined.add(n.name())) throw new IllegalArgumentException("tensor " + n.name() + " defined twice");
        }
        for (String out : outputs) if (!defined.contains(out)) throw new IllegalArgumentException("unknown output " + out);
    }

    /** A graph written in the Sequential form. */
    public LayerGraph(List<ModelInput> inputs, List<LayerNode> nodes, List<String> outputs) {
        this(inputs, nodes, outputs, false);
    }

    /** The chain {@code input -> layers[0] -> layers[1] -> ...}: a Sequential model. */
    public static LayerGraph sequential(dev.dlm.compiler.shape.Shape input, List<CheckedLayer> layers) {
        List<LayerNode> nodes = new ArrayList<>();
        String previous = SEQUENTIAL_INPUT;
        for (CheckedLayer layer : layers) {
            nodes.add(new LayerNode(layer, List.of(previous)));
            previous = layer.name();
        }
        return new LayerGraph(List.of(new ModelInput(SEQUENTIAL_INPUT, input)), nodes, List.of(previous));
    }

    /** The layers in topological order, a shared layer once (at its first node). */
    public List<CheckedLayer> layers() { return nodes.stream().filter(n -> n.index() == 0).map(LayerNode::layer).toList(); }


    /** The node producing {@code tensor}, or null for a model input. */
    public LayerNode producer(String tensor) {
        for (LayerNode n : nodes) if (n.name().equals(tensor)) return n;
        return null;
    }

    /** The sample shape of a tensor: a model input's or a layer's output. */
    public dev.dlm.compiler.shape.Shape shapeOf(String tensor) {
        for (ModelInput i : inputs) if (i.name().equals(tensor)) return i.shape();
        LayerNode n = producer(tensor);
        if (n == null) throw new IllegalArgumentException("no tensor " + tensor);
        return n.layer().output();
    }
}
