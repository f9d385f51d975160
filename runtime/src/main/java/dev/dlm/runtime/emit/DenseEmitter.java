package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/** Keras's Dense: {@code activation(x . kernel + bias)} over the last axis of any rank. */
final class DenseEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        Operand<TFloat32> y;
        if (layer.input().rank() == 1) {
            y = tf.linalg.matMul(input, params.get("kernel"));
        } else {
            // Fold the leading axes into the batch, multiply, and unfold them again.
            Operand<TFloat32> flat = tf.reshape(input, ctx.ints(-1, Math.toIntExact(layer.input().last())));
            List<Integer> dims = new ArrayList<>(List.of(-1));
            for (long d : layer.output().dims()) dims.add(Math.toIntExact(d));
            y = tf.reshape(tf.linalg.matMul(flat, params.get("kernel")),
                    ctx.ints(dims.stream().mapToInt(Integer::intValue).toArray()));
        }
        if (layer.config().bool("use_bias")) y = tf.nn.biasAdd(y, params.get("bias"));
        return Activations.apply(ctx, layer.config().activation("activation"), y);
    }
}
