package dev.dlm.compiler.keras;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.render.KerasOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a functional model as Keras writes it: Keras 3's {@code Functional}
 * (what {@code config.json} of a {@code .keras} file holds: each layer's {@code inbound_nodes}
 * as {@code {"args": [...], "kwargs": {}}} of {@code __keras_tensor__} objects) or Keras 2's
 * {@code Model} (what TensorFlow.js's {@code loadLayersModel} reads: {@code [[layer, node,
 * tensor, {}], ...]}), with {@code input_layers} and {@code output_layers}. The layers are
 * listed in Keras's {@code model.layers} order ({@link KerasOrder}), the order Keras rebuilds
 * the model in and numbers its weight groups by; {@link KerasImporter} reads both forms back.
 */
public final class KerasFunctional {
    private KerasFunctional() {}

    /** The {@code config} object of a functional model named {@code name} (the model's own object wraps it). */
    public static Map<String, Object> config(String name, LayerGraph graph, KerasLayers.Flavour flavour) {
        List<Object> layers = new ArrayList<>();
        for (String layerName : KerasOrder.layers(graph)) {
            ModelInput input = input(graph, layerName);
            if (input != null) {
                layers.add(inputLayer(input, flavour));
                continue;
            }
            List<LayerNode> nodes = graph.nodes().stream().filter(n -> n.layer().name().equals(layerName)).toList();
            CheckedLayer layer = nodes.get(0).layer();
            Map<String, Object> entry = KerasLayers.layer(layer, flavour, false);
            entry.put("name", layer.name());
            List<Object> inbound = new ArrayList<>();
            boolean merges = LayerCatalogue.rule(layer.kind()).merges();
            for (LayerNode node : nodes) inbound.add(inboundNode(graph, node, merges, flavour));
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", true);
        config.put("layers", layers);
        List<Object> inputs = new ArrayList<>();
        for (ModelInput i : graph.inputs()) inputs.add(history(graph, i.name()));
        List<Object> outputs = new ArrayList<>();
        for (String o : graph.outputs()) outputs.add(history(graph, o));
        // Keras 3 writes a single input or output as the bare triple; Keras 2 always as a list.
        boolean bare = flavour == KerasLayers.Flavour.KERAS3;
        config.put("input_layers", bare && inputs.size() == 1 ? inputs.get(0) : inputs);
        config.put("output_layers", bare && outputs.size() == 1 ? outputs.get(0) : outputs);
        return config;
    }

    /** The layer names in Keras's {@code model.layers} order, the model's inputs included. */
    public static List<String> layerOrder(LayerGraph graph) { return KerasOrder.layers(graph); }

    private static ModelInput input(LayerGraph graph, String name) {
        for (ModelInput i : graph.inputs()) if (i.name().equals(name)) return i;
        return null;
    }

    private static Map<String, Object> inputLayer(ModelInput input, KerasLayers.Flavour flavour) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(flavour == KerasLayers.Flavour.KERAS3 ? "batch_shape" : "batch_input_shape", KerasLayers.batchShape(input.shape()));
        config.put("dtype", "float32");
        config.put("sparse", false);
        if (flavour == KerasLayers.Flavour.KERAS3) config.put("ragged", false);
        config.put("name", input.name());
        Map<String, Object> m = new LinkedHashMap<>();
        if (flavour == KerasLayers.Flavour.KERAS3) m.put("module", "keras.layers");
        m.put("class_name", "InputLayer");
        m.put("config", config);
        if (flavour == KerasLayers.Flavour.KERAS3) m.put("registered_name", null);
        m.put("name", input.name());
        m.put("inbound_nodes", List.of());
        return m;
    }

    /** One application of a layer: the tensors it reads, a merge layer's as one list. */
    private static Object inboundNode(LayerGraph graph, LayerNode node, boolean merges, KerasLayers.Flavour flavour) {
        if (flavour == KerasLayers.Flavour.TFJS) {
            List<Object> reads = new ArrayList<>();
            for (String in : node.inputs()) {
                List<Object> ref = new ArrayList<>(history(graph, in));
                ref.add(Map.of());
                reads.add(ref);
            }
            return reads;
        }
        List<Object> tensors = new ArrayList<>();
        for (String in : node.inputs()) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("shape", KerasLayers.batchShape(graph.shapeOf(in)));
            config.put("dtype", "float32");
            config.put("keras_history", history(graph, in));
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("class_name", "__keras_tensor__");
            tensor.put("config", config);
            tensors.add(tensor);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("args", merges ? List.of(tensors) : tensors);
        m.put("kwargs", Map.of());
        return m;
    }

    /** Keras's {@code [layer, node_index, tensor_index]} of a tensor: a model input is node 0 of its InputLayer. */
    private static List<Object> history(LayerGraph graph, String tensor) {
        LayerNode producer = graph.producer(tensor);
        List<Object> h = new ArrayList<>();
        h.add(producer == null ? tensor : producer.layer().name());
        h.add((long) (producer == null ? 0 : producer.index()));
        h.add(0L);
        return h;
    }
}
