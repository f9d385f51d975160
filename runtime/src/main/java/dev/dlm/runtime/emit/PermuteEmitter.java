package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import java.util.List;

/** Keras's Permute: a transpose with the batch axis kept first ({@code dims} counts from 1). */
final class PermuteEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        List<Long> dims = layer.config().longs("dims");
        int[] perm = new int[dims.size() + 1];
        for (int i = 0; i < dims.size(); i++) perm[i + 1] = Math.toIntExact(dims.get(i));
        return ctx.tf().linalg.transpose(input, ctx.ints(perm));
    }
}
