package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's GaussianNoise: {@code x + stddev * N(0, 1)} while training, the identity otherwise. */
final class GaussianNoiseEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        double stddev = layer.config().number("stddev");
        if (stddev == 0 || ctx.inference()) return input;  // Keras returns its input unchanged with training off
        Long seed = layer.config().has("seed") ? layer.config().integer("seed") : null;
        return ctx.tf().math.add(input, ctx.gaussianNoise(ctx.tf().shape(input), stddev, seed));
    }
}
