package dev.dlm.compiler.render;

import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a functional model's {@code model.layers} in Keras 2
 * ({@code functional._map_graph_network}): a depth-first walk from the outputs numbers the
 * layers; a node's depth is one more than the deepest node reading it (outputs at 0), a
 * layer's the deepest of its nodes; layers are listed deepest first, ties in walk order.
 * So the two branches of a Y-network interleave, as the book's summary shows. Keras 3's
 * {@code map_graph} orders alike, and its weight file numbers layer groups in this order, so
 * export and import use it too.
 */
public final class KerasOrder {
    private KerasOrder() {}

    /** Layer names (inputs included) in Keras's order. */
    public static List<String> layers(LayerGraph graph) {
        Map<String, Integer> layerIndex = new LinkedHashMap<>();
        List<String> decreasingDepth = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        for (String out : graph.outputs()) visit(graph, out, finished, decreasingDepth, layerIndex);

        Map<String, Integer> nodeDepth = new HashMap<>();
        Map<String, Integer> layerDepth = new HashMap<>();
        for (int i = decreasingDepth.size() - 1; i >= 0; i--) {
            String tensor = decreasingDepth.get(i);
            String layer = layerOf(graph, tensor);
            int depth = Math.max(nodeDepth.getOrDefault(tensor, 0), layerDepth.getOrDefault(layer, 0));
            layerDepth.put(layer, depth);
            nodeDepth.put(tensor, depth);
            LayerNode node = graph.producer(tensor);
            if (node == null) continue;
            for (String in : node.inputs()) nodeDepth.merge(in, depth + 1, Math::max);
        }
        List<String> order = new ArrayList<>(layerIndex.keySet());
        order.sort(Comparator.comparingInt((String l) -> -layerDepth.get(l)).thenComparingInt(layerIndex::get));
        return order;
    }

    private static void visit(LayerGraph graph, String tensor, Set<String> finished, List<String> decreasingDepth,
                              Map<String, Integer> layerIndex) {
        if (finished.contains(tensor)) return;
        layerIndex.putIfAbsent(layerOf(graph, tensor), layerIndex.size());
        LayerNode node = graph.producer(tensor);
        if (node != null) for (String in : node.inputs()) visit(graph, in, finished, decreasingDepth, layerIndex);
        finished.add(tensor);
        decreasingDepth.add(tensor);
    }

    /** The layer that produced a tensor: a model input is its own InputLayer. */
    private static String layerOf(LayerGraph graph, String tensor) {
        LayerNode node = graph.producer(tensor);
        return node == null ? tensor : node.layer().name();
    }
}
