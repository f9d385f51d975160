package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's UpSampling2D with nearest-neighbour interpolation: every pixel repeated
 * {@code size[0]} times down and {@code size[1]} times across, as a reshape, a tile and a
 * reshape (all differentiable in graph mode).
 */
final class UpSamplingEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        List<Long> size = layer.config().longs("size");
        int h = Math.toIntExact(layer.input().dim(0));
        int w = Math.toIntExact(layer.input().dim(1));
        int c = Math.toIntExact(layer.input().dim(2));
        int sh = Math.toIntExact(size.get(0));
        int sw = Math.toIntExact(size.get(1));
        Operand<TFloat32> spread = tf.reshape(input, ctx.ints(-1, h, 1, w, 1, c));
        Operand<TFloat32> tiled = tf.tile(spread, ctx.ints(1, 1, sh, 1, sw, 1));
        return tf.reshape(tiled, ctx.ints(-1, h * sh, w * sw, c));
    }
}
