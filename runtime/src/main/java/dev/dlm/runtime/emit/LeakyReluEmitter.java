package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's LeakyReLU layer: {@code max(x, negative_slope * x)} for slopes up to one. */
final class LeakyReluEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        return Activations.leakyRelu(ctx, input, layer.config().number("negative_slope"));
    }
}
