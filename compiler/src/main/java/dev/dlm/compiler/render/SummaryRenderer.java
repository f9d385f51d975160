package dev.dlm.compiler.render;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Dim;
import dev.dlm.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a checked model as Keras's {@code model.summary()} prints it, in the classic
 * tf.keras layout: a Sequential model in 65 columns (fields cut at 29 / 55 / 65); a model
 * written in the functional form as Keras prints a functional {@code Model}, in 98 columns
 * (cut at 32 / 53 / 65 / 98) with {@code InputLayer} rows and a {@code Connected to} column
 * ({@code layer[node][tensor]}). Or as JSON.
 */
public final class SummaryRenderer {
    private SummaryRenderer() {}

    private static final int[] SEQUENTIAL = {29, 55, 65};
    private static final int[] FUNCTIONAL = {32, 53, 65, 98};

    public static String text(CheckedModel model) {
        boolean functional = model.graph().functional();
        int[] positions = functional ? FUNCTIONAL : SEQUENTIAL;
        int width = positions[positions.length - 1];
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        if (model.data() != null && model.data().sampleShape() != null) {
            sb.append("Data: ").append(model.data().kind()).append(" samples ").append(model.data().sampleShape());
            List<ModelInput> inputs = model.graph().inputs();
            if (inputs.size() > 1) sb.append(", each fed to all ").append(inputs.size()).append(" inputs");
            if (model.reshapesInput()) {
                sb.append(", reshaped to the model's input").append(inputs.size() > 1 ? "s " : " ")
                        .append(String.join(" and ", inputs.stream().map(i -> i.shape().toString()).distinct().toList()));
            }
            sb.append('\n');
        }
        sb.append("_".repeat(width)).append('\n');
        if (functional) row(sb, positions, "Layer (type)", "Output Shape", "Param #", "Connected to");
        else row(sb, positions, "Layer (type)", "Output Shape", "Param #");
        sb.append("=".repeat(width)).append('\n');
        List<String[]> rows = functional ? functionalRows(model.graph()) : sequentialRows(model.graph());
        int layerRows = 0;
        for (String[] r : rows) if (r[0] != null) layerRows++;
        int seen = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r[0] != null) seen++;
            row(sb, positions, r[0] == null ? new String[] {"", "", "", r[3]} : functional ? r : new String[] {r[0], r[1], r[2]});
            boolean lastOfLayer = i == rows.size() - 1 || rows.get(i + 1)[0] != null;
            if (lastOfLayer) sb.append((seen == layerRows ? "=" : "_").repeat(width)).append('\n');
        }
        sb.append(String.format("Total params: %,d%n", model.totalParams()));
        sb.append(String.format("Trainable params: %,d%n", model.trainableParams()));
        sb.append(String.format("Non-trainable params: %,d%n", model.nonTrainableParams()));
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    private static List<String[]> sequentialRows(LayerGraph graph) {
        List<String[]> rows = new ArrayList<>();
        for (CheckedLayer l : graph.layers()) {
            rows.add(new String[] {l.name() + " (" + l.kind().kerasName() + ")", l.output().keras(), Long.toString(l.paramCount()), ""});
        }
        return rows;
    }

    /**
     * Keras's rows of a functional model: {@code model.layers} in Keras's order (see
     * {@link KerasOrder}), an input as an {@code InputLayer} whose output shape is a list, a
     * layer's connections one per row (a row with a null name continues the layer above).
     */
    private static List<String[]> functionalRows(LayerGraph graph) {
        List<String[]> rows = new ArrayList<>();
        for (String name : KerasOrder.layers(graph)) {
            ModelInput input = graph.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
            if (input != null) {
                rows.add(new String[] {name + " (InputLayer)", "[" + input.shape().keras() + "]", "0", ""});
                continue;
            }
            List<LayerNode> nodes = graph.nodes().stream().filter(n -> n.layer().name().equals(name)).toList();
            CheckedLayer l = nodes.get(0).layer();
            List<String> connections = new ArrayList<>();
            for (LayerNode n : nodes) for (String in : n.inputs()) connections.add(connection(graph, in));
            rows.add(new String[] {l.name() + " (" + l.kind().kerasName() + ")", l.output().keras(), Long.toString(l.paramCount()),
                    connections.isEmpty() ? "" : connections.get(0)});
            for (String c : connections.subList(1, connections.size())) rows.add(new String[] {null, null, null, c});
        }
        return rows;
    }

    /** Keras's {@code layer[node_index][tensor_index]} of the tensor named {@code tensor}. */
    private static String connection(LayerGraph graph, String tensor) {
        LayerNode producer = graph.producer(tensor);
        return producer == null ? tensor + "[0][0]" : producer.layer().name() + "[" + producer.index() + "][0]";
    }

    /** Keras's {@code print_row}: each field is cut at its column's end and padded to it. */
    private static void row(StringBuilder out, int[] positions, String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) line.setCharAt(line.length() - 1, ' ');
            line.append(fields[i]);
            if (line.length() > positions[i]) line.setLength(positions[i]);
            while (line.length() < positions[i]) line.append(' ');
        }
        out.append(line).append('\n');
    }

    public static String json(CheckedModel model) {
        return Json.write(jsonTree(model));
    }

    public static Map<String, Object> jsonTree(CheckedModel model) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        if (model.data() != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", model.data().kind());
            if (model.data().source().path() != null) data.put("path", model.data().source().path());
            data.put("sample_shape", model.data().sampleShape() == null ? null : model.data().sampleShape().dims());
            data.put("classes", model.data().classes() == 0 ? null : model.data().classes());
            data.put("reshaped", model.reshapesInput());
            root.put("data", data);
        }
        LayerGraph graph = model.graph();
        // As Keras's model.input_shape: one shape, or a list of shapes for several inputs.
        root.put("input_shape", graph.inputs().size() == 1 ? batched(graph.inputs().get(0).shape())
                : graph.inputs().stream().map(i -> (Object) batched(i.shape())).toList());
        if (graph.functional()) {
            List<Object> inputs = new ArrayList<>();
            for (ModelInput i : graph.inputs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", i.name());
                m.put("shape", batched(i.shape()));
                inputs.add(m);
            }
            root.put("inputs", inputs);
            root.put("outputs", graph.outputs());
        }
        List<Object> layers = new ArrayList<>();
        for (CheckedLayer l : graph.layers()) {
            List<LayerNode> nodes = graph.nodes().stream().filter(n -> n.layer() == l).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("type", l.kind().kerasName());
            // The tensors the layer reads (its first application's); `applications` counts a shared layer's.
            m.put("inputs", nodes.get(0).inputs());
            if (nodes.size() > 1) m.put("applications", nodes.size());
            m.put("input_shape", l.inputs().size() == 1 ? batched(l.input()) : l.inputs().stream().map(s -> (Object) batched(s)).toList());
            m.put("output_shape", batched(l.output()));
            m.put("params", l.paramCount());
            m.put("trainable_params", l.trainableCount());
            List<Object> weights = new ArrayList<>();
            for (ParamSpec p : l.params()) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("name", p.name());
                w.put("shape", p.shape());
                w.put("trainable", p.trainable());
                w.put("initializer", describe(p.initializer()));
                weights.add(w);
            }
            m.put("weights", weights);
            layers.add(m);
        }
        root.put("layers", layers);
        root.put("total_params", model.totalParams());
        root.put("trainable_params", model.trainableParams());
        root.put("non_trainable_params", model.nonTrainableParams());
        return root;
    }

    /** An initializer as the file would write it: {@code glorot_uniform}, {@code random_uniform(-0.05, 0.05)}. */
    static String describe(Initializer init) {
        if (init instanceof Initializer.RandomUniform u) return u.kerasName() + "(" + u.min() + ", " + u.max() + ")";
        return init.kerasName();
    }

    private static List<Long> batched(Shape s) {
        List<Long> out = new ArrayList<>();
        for (Dim d : s.withBatch()) out.add(d instanceof Dim.Fixed f ? f.size() : null);
        return out;
    }
}
