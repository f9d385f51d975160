package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's ZeroPadding2D (a Pad with zeros) and Cropping2D (a Slice of the kept rows and
 * columns), both with {@code ((top, bottom), (left, right))} from the layer's config.
 */
final class PaddingEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        boolean pad = layer.kind() == LayerKind.ZERO_PADDING2D;
        @SuppressWarnings("unchecked")
        List<List<Long>> sides = (List<List<Long>>) layer.config().values().get(pad ? "padding" : "cropping");
        int top = Math.toIntExact(sides.get(0).get(0)), bottom = Math.toIntExact(sides.get(0).get(1));
        int left = Math.toIntExact(sides.get(1).get(0)), right = Math.toIntExact(sides.get(1).get(1));
        if (pad) {
            return ctx.tf().pad(input, ctx.tf().constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}), ctx.scalar(0));
        }
        int height = Math.toIntExact(layer.input().dim(0)) - top - bottom;
        int width = Math.toIntExact(layer.input().dim(1)) - left - right;
        return ctx.tf().slice(input, ctx.ints(0, top, left, 0), ctx.ints(-1, height, width, -1));
    }
}
