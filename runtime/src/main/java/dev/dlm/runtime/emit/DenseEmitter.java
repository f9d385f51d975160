package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's Dense: {@code activation(x . kernel + bias)} over the last axis of any rank. A
 * kernel kept as column blocks ({@link LayerParams#columnBlocks}) gives one product per block
 * (each with its bias block), side by side: every output column is the same sum as the whole
 * kernel's product gives it.
 */
final class DenseEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        boolean bias = layer.config().bool("use_bias");
        List<Operand<TFloat32>> kernels = params.columnBlocks("kernel");
        Operand<TFloat32> flat = layer.input().rank() == 1 ? input
                // Fold the leading axes into the batch, multiply, and unfold them again.
                : tf.reshape(input, ctx.ints(-1, Math.toIntExact(layer.input().last())));
        Operand<TFloat32> y;
        if (kernels.size() == 1) {
            y = unfold(ctx, layer, tf.linalg.matMul(flat, kernels.get(0)));
            if (bias) y = tf.nn.biasAdd(y, params.get("bias"));
        } else {
            List<Operand<TFloat32>> biases = bias ? params.columnBlocks("bias") : List.of();
            if (bias && biases.size() != kernels.size()) throw new IllegalStateException("internal error: kernel and bias blocks differ");
            List<Operand<TFloat32>> blocks = new ArrayList<>();
            for (int b = 0; b < kernels.size(); b++) {
                Operand<TFloat32> block = tf.linalg.matMul(flat, kernels.get(b));
                blocks.add(bias ? tf.nn.biasAdd(block, biases.get(b)) : block);
            }
            y = unfold(ctx, layer, tf.concat(blocks, ctx.axis(1)));
        }
        return Activations.apply(ctx, layer.config().activation("activation"), y);
    }

    /** {@code y} ({@code [rows, units]}) with the input's leading axes unfolded again. */
    private static Operand<TFloat32> unfold(EmitContext ctx, CheckedLayer layer, Operand<TFloat32> y) {
        if (layer.input().rank() == 1) return y;
        List<Integer> dims = new ArrayList<>(List.of(-1));
        for (long d : layer.output().dims()) dims.add(Math.toIntExact(d));
        return ctx.tf().reshape(y, ctx.ints(dims.stream().mapToInt(Integer::intValue).toArray()));
    }
}
