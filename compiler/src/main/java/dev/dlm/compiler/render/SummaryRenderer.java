package dev.dlm.compiler.render;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Dim;
import dev.dlm.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a checked model as Keras's {@code model.summary()} prints a Sequential model
 * (the classic tf.keras layout: 65 columns, fields cut at 29 / 55 / 65), or as JSON.
 */
public final class SummaryRenderer {
    private SummaryRenderer() {}

    private static final int WIDTH = 65;
    private static final int[] POSITIONS = {29, 55, 65};

    public static String text(CheckedModel model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        if (model.data() != null && model.data().sampleShape() != null) {
            sb.append("Data: ").append(model.data().kind()).append(" samples ").append(model.data().sampleShape());
            if (model.reshapesInput()) sb.append(", reshaped to the model's input ").append(model.input());
            sb.append('\n');
        }
        sb.append("_".repeat(WIDTH)).append('\n');
        row(sb, "Layer (type)", "Output Shape", "Param #");
        sb.append("=".repeat(WIDTH)).append('\n');
        List<LayerNode> nodes = model.graph().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            CheckedLayer l = nodes.get(i).layer();
            row(sb, l.name() + " (" + l.kind().kerasName() + ")", l.output().keras(), Long.toString(l.paramCount()));
            sb.append((i == nodes.size() - 1 ? "=" : "_").repeat(WIDTH)).append('\n');
        }
        sb.append(String.format("Total params: %,d%n", model.totalParams()));
        sb.append(String.format("Trainable params: %,d%n", model.trainableParams()));
        sb.append(String.format("Non-trainable params: %,d%n", model.nonTrainableParams()));
        sb.append("_".repeat(WIDTH)).append('\n');
        return sb.toString();
    }

    /** Keras's {@code print_row}: each field is cut at its column's end and padded to it. */
    private static void row(StringBuilder out, String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) line.setCharAt(line.length() - 1, ' ');
            line.append(fields[i]);
            if (line.length() > POSITIONS[i]) line.setLength(POSITIONS[i]);
            while (line.length() < POSITIONS[i]) line.append(' ');
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
        root.put("input_shape", batched(model.input()));
        List<Object> layers = new ArrayList<>();
        for (LayerNode node : model.graph().nodes()) {
            CheckedLayer l = node.layer();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("type", l.kind().kerasName());
            m.put("input_shape", batched(l.input()));
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
