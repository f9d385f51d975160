package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The TensorFlow ops of one layer kind: from the layer's batched input to its batched output. */
@FunctionalInterface
public interface LayerEmitter {
    Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input);
}
