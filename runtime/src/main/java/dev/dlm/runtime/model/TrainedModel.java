package dev.dlm.runtime.model;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.runtime.train.ModelGraph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked model with the values of all its weights, by Keras layer name and weight name
 * ({@code dense_1} -> {@code kernel} -> values): what evaluate, predict and export work on.
 * {@code source} is the model's dlm text, which a run directory keeps beside the weights.
 */
public record TrainedModel(CheckedModel model, String source, Map<String, Map<String, WeightArray>> weights) {

    public TrainedModel {
        Map<String, Map<String, WeightArray>> copy = new LinkedHashMap<>();
        for (CheckedLayer layer : model.layers()) {
            Map<String, WeightArray> given = weights.getOrDefault(layer.name(), Map.of());
            Map<String, WeightArray> own = new LinkedHashMap<>();
            for (ParamSpec spec : layer.params()) {
                WeightArray w = given.get(spec.name());
                if (w == null) throw new IllegalArgumentException("no values for weight " + layer.name() + "/" + spec.name());
                long[] expected = spec.shape().stream().mapToLong(Long::longValue).toArray();
                if (!java.util.Arrays.equals(expected, w.shape())) {
                    throw new IllegalArgumentException("weight " + layer.name() + "/" + spec.name() + " has shape "
                            + java.util.Arrays.toString(w.shape()) + " but the model needs " + spec.shape());
                }
                own.put(spec.name(), w);
            }
            copy.put(layer.name(), Collections.unmodifiableMap(own));
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /** The value of one weight. */
    public WeightArray weight(String layer, String param) {
        WeightArray w = weights.getOrDefault(layer, Map.of()).get(param);
        if (w == null) throw new IllegalArgumentException("no weight " + layer + "/" + param);
        return w;
    }

    /** The model with the current values of {@code graph}'s weights. */
    public static TrainedModel of(ModelGraph graph, String source) {
        Map<String, Map<String, WeightArray>> weights = new LinkedHashMap<>();
        for (CheckedLayer layer : graph.model().layers()) {
            Map<String, WeightArray> own = new LinkedHashMap<>();
            for (ParamSpec spec : layer.params()) {
                long[] shape = spec.shape().stream().mapToLong(Long::longValue).toArray();
                own.put(spec.name(), new WeightArray(shape, graph.weight(variableName(layer, spec))));
            }
            weights.put(layer.name(), own);
        }
        return new TrainedModel(graph.model(), source, weights);
    }

    /** Sets every weight of {@code graph} (built from an equal model) to this model's values. */
    public void applyTo(ModelGraph graph) {
        for (CheckedLayer layer : model.layers()) {
            for (ParamSpec spec : layer.params()) graph.setWeight(variableName(layer, spec), weight(layer.name(), spec.name()).values());
        }
    }

    /** ModelGraph's flat variable name of a weight. */
    static String variableName(CheckedLayer layer, ParamSpec spec) { return layer.name() + "_" + spec.name(); }

    /** The layers in order (a convenience for the exporters). */
    public List<CheckedLayer> layers() { return model.layers(); }
}
