package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's Dropout, SpatialDropout1D and SpatialDropout2D: inverted dropout while training, the
 * identity otherwise. The spatial forms draw one mask value per sample and channel
 * ({@code [batch, 1, channels]}, {@code [batch, 1, 1, channels]}), broadcast over the steps
 * or pixels, as Keras's {@code noise_shape} does.
 */
final class DropoutEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        double rate = layer.config().number("rate");
        if (rate == 0 || ctx.inference()) return input;  // x * 1 with training off: x, bit for bit
        Long seed = layer.config().has("seed") ? layer.config().integer("seed") : null;
        // The mask's shape after the batch axis: Keras's noise_shape.
        long[] rest = switch (layer.kind()) {
            case SPATIAL_DROPOUT1D -> new long[] {1, layer.input().last()};
            case SPATIAL_DROPOUT2D -> new long[] {1, 1, layer.input().last()};
            default -> layer.input().dims().stream().mapToLong(Long::longValue).toArray();
        };
        Operand<TInt32> shape = layer.kind() == LayerKind.DROPOUT
                ? ctx.tf().shape(input) : ctx.batchShape(input, rest);
        return ctx.tf().math.mul(input, ctx.dropoutMask(shape, rest, rate, seed));
    }
}
