package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Keras's LayerNormalization over the last axis:
 * {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta}, mean and (biased) variance
 * taken over each position's last axis. The same in training and inference.
 */
final class LayerNormEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        Operand<org.tensorflow.types.TInt32> last = ctx.ints(-1);
        Operand<TFloat32> mean = tf.math.mean(input, last, Mean.keepDims(true));
        Operand<TFloat32> centered = tf.math.sub(input, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.mul(centered, centered), last, Mean.keepDims(true));
        Operand<TFloat32> y = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, ctx.scalar(layer.config().number("epsilon")))));
        if (params.has("gamma")) y = tf.math.mul(y, params.get("gamma"));
        if (params.has("beta")) y = tf.math.add(y, params.get("beta"));
        return y;
    }
}
