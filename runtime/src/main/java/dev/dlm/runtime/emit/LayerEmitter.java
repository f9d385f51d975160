package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import java.util.List;

/** The TensorFlow ops of one layer kind: from the layer's batched input to its batched output. */
@FunctionalInterface
public interface LayerEmitter {
    Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input);

    /**
     * The ops of one application of the layer to its batched inputs, in the order the node
     * lists them. A layer reads one tensor unless it merges several ({@link MergeEmitter}).
     */
    default Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, List<Operand<TFloat32>> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalStateException("internal error: layer " + layer.name() + " reads " + inputs.size() + " tensors");
        }
        return emit(ctx, layer, params, inputs.get(0));
    }
}
