package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's GlobalMax/AveragePooling1D/2D: the maximum or mean over every axis but batch and
 * channels; {@code keepdims=True} keeps those axes with size 1 ({@code [b, 1, 1, c]}).
 */
final class GlobalPoolingEmitter implements LayerEmitter {

    private final boolean max;

    GlobalPoolingEmitter(boolean max) { this.max = max; }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        int[] axes = new int[layer.input().rank() - 1];
        for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
        boolean keep = layer.config().bool("keepdims");
        return max ? ctx.tf().max(input, ctx.ints(axes), org.tensorflow.op.core.Max.keepDims(keep))
                : ctx.tf().math.mean(input, ctx.ints(axes), org.tensorflow.op.math.Mean.keepDims(keep));
    }
}
