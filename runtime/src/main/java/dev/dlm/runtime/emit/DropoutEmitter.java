package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's Dropout: inverted dropout while training, the identity otherwise. */
final class DropoutEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        double rate = layer.config().number("rate");
        if (rate == 0) return input;
        Long seed = layer.config().has("seed") ? layer.config().integer("seed") : null;
        return ctx.tf().math.mul(input, ctx.dropoutMask(ctx.tf().shape(input), rate, seed));
    }
}
