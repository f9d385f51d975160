package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's RepeatVector: {@code [batch, f] -> [batch, n, f]} by an inserted axis and a tile. */
final class RepeatVectorEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        int n = layer.config().int32("n");
        return tf.tile(tf.expandDims(input, ctx.axis(1)), ctx.ints(1, n, 1));
    }
}
