package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's Flatten and Reshape: both reshape each sample to the layer's (checked) output shape. */
final class ReshapeEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        int[] dims = new int[layer.output().rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < layer.output().rank(); i++) dims[i + 1] = Math.toIntExact(layer.output().dim(i));
        return ctx.tf().reshape(input, ctx.ints(dims));
    }
}
