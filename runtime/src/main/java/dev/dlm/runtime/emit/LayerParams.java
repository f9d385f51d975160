package dev.dlm.runtime.emit;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import java.util.List;
import java.util.Map;

/**
 * The weights of one layer by their Keras names ({@code kernel}, {@code bias}...). A
 * Bidirectional layer hands its inner layer a view with {@code forward_} or {@code backward_}
 * prepended to every name. A weight the training graph keeps as column blocks (one variable
 * each: {@code ModelGraph}, {@code RunOptions.denseInColumnBlocks}) also has its blocks, in
 * column order; {@link #get} is then the whole weight, the blocks side by side.
 */
public record LayerParams(Map<String, Operand<TFloat32>> byName, String prefix, Map<String, List<Operand<TFloat32>>> blocks) {

    public LayerParams(Map<String, Operand<TFloat32>> byName) { this(byName, "", Map.of()); }

    public LayerParams(Map<String, Operand<TFloat32>> byName, Map<String, List<Operand<TFloat32>>> blocks) {
        this(byName, "", blocks);
    }

    public boolean has(String name) { return byName.containsKey(prefix + name); }

    public Operand<TFloat32> get(String name) {
        Operand<TFloat32> weight = byName.get(prefix + name);
        if (weight == null) throw new IllegalStateException("internal error: no weight " + prefix + name + " in " + byName.keySet());
        return weight;
    }

    /** The weight's column blocks, in order: {@link #get} alone when it is whole. */
    public List<Operand<TFloat32>> columnBlocks(String name) {
        List<Operand<TFloat32>> parts = blocks.get(prefix + name);
        return parts != null ? parts : List.of(get(name));
    }

    public LayerParams withPrefix(String more) { return new LayerParams(byName, prefix + more, blocks); }
}
