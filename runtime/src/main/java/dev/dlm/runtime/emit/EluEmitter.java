package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's ELU layer: {@code x} above zero, {@code alpha * (exp(x) - 1)} below. */
final class EluEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        double alpha = layer.config().number("alpha");
        Operand<TFloat32> elu = tf.nn.elu(input);
        if (alpha == 1) return elu;
        // elu(x) is exp(x) - 1 below zero: scale that part only.
        return tf.select(tf.math.greater(input, ctx.scalar(0)), input, tf.math.mul(ctx.scalar(alpha), elu));
    }
}
