package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's ReLU layer: {@code negative_slope * (x - threshold)} below {@code threshold},
 * {@code x} from there, capped at {@code max_value} when one is given.
 */
final class ReluEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        LayerConfig c = layer.config();
        double slope = c.number("negative_slope");
        double threshold = c.number("threshold");
        Operand<TFloat32> y;
        if (slope == 0 && threshold == 0) {
            y = tf.nn.relu(input);
        } else {
            Operand<TFloat32> below = tf.math.mul(ctx.scalar(slope), tf.math.sub(input, ctx.scalar(threshold)));
            y = tf.select(tf.math.greaterEqual(input, ctx.scalar(threshold)), input, below);
        }
        if (c.has("max_value")) y = tf.math.minimum(y, ctx.scalar(c.number("max_value")));
        return y;
    }
}
