package dev.dlm.runtime.emit;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import java.util.Map;

/**
 * The weights of one layer by their Keras names ({@code kernel}, {@code bias}...). A
 * Bidirectional layer hands its inner layer a view with {@code forward_} or {@code backward_}
 * prepended to every name.
 */
public record LayerParams(Map<String, Operand<TFloat32>> byName, String prefix) {

    public LayerParams(Map<String, Operand<TFloat32>> byName) { this(byName, ""); }

    public boolean has(String name) { return byName.containsKey(prefix + name); }

    public Operand<TFloat32> get(String name) {
        Operand<TFloat32> weight = byName.get(prefix + name);
        if (weight == null) throw new IllegalStateException("internal error: no weight " + prefix + name + " in " + byName.keySet());
        return weight;
    }

    public LayerParams withPrefix(String more) { return new LayerParams(byName, prefix + more); }
}
