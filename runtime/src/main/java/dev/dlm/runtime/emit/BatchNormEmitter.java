package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's BatchNormalization over one axis (the last by default). Training normalizes with the batch's mean
 * and (biased) variance and moves the moving statistics toward them,
 * {@code moving = moving * momentum + batch * (1 - momentum)}; inference uses the moving
 * statistics. The ops are Keras 3's own, in its order (StepParityTest).
 */
final class BatchNormEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        var config = layer.config();
        int rank = layer.input().rank() + 1;
        long axis = config.values().get("axis") instanceof java.util.List<?> list && list.size() == 1
                ? (Long) list.get(0) : config.integer("axis");
        int normalized = Math.toIntExact(axis < 0 ? rank + axis : axis);
        int[] reduce = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) if (i != normalized) reduce[k++] = i;
        // Statistics of shape [C] broadcast along the last axis as they are; along another
        // axis they are reshaped to [1, ..., C, ..., 1] first.
        int[] broadcast = new int[rank];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[normalized] = Math.toIntExact(layer.input().dim(normalized - 1));
        boolean last = normalized == rank - 1;
        java.util.function.UnaryOperator<Operand<TFloat32>> along = v -> last ? v : tf.reshape(v, ctx.ints(broadcast));
        // Op for op as Keras 3 on TensorFlow (tf.nn.moments, tf.nn.batch_normalization): the
        // variance is the mean squared difference from the stopped mean, the output
        // x * inv + (beta - mean * inv) with inv = gamma / sqrt(variance + epsilon). (x - mean) * inv
        // + beta, algebraically equal, rounds differently and parts from Keras within a few steps.
        java.util.function.BinaryOperator<Operand<TFloat32>> normalize = (mean, variance) -> {
            Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, ctx.scalar(config.number("epsilon"))));
            if (config.bool("scale")) inv = tf.math.mul(inv, params.get("gamma"));
            Operand<TFloat32> scaledMean = tf.math.mul(mean, inv);
            Operand<TFloat32> shift = config.bool("center") ? tf.math.sub(params.get("beta"), scaledMean) : tf.math.neg(scaledMean);
            return tf.math.add(tf.math.mul(input, along.apply(inv)), along.apply(shift));
        };
        Operand<TFloat32> movingMean = params.get("moving_mean");
        Operand<TFloat32> movingVariance = params.get("moving_variance");
        // An inference-only graph reads the moving statistics alone: the batch's would be
        // computed only for the training switch to discard them.
        if (ctx.inference()) return normalize.apply(movingMean, movingVariance);

        Operand<TFloat32> batchMean = tf.math.mean(input, ctx.ints(reduce));
        Operand<TFloat32> batchVariance = tf.math.mean(
                tf.math.squaredDifference(input, tf.stopGradient(along.apply(batchMean))), ctx.ints(reduce));
        Operand<TFloat32> y = normalize.apply(tf.select(ctx.training(), batchMean, movingMean),
                tf.select(ctx.training(), batchVariance, movingVariance));
        // Keras: moving * momentum + batch * (1 - momentum), 1 - momentum rounded from double.
        Operand<TFloat32> momentum = ctx.scalar(config.number("momentum"));
        Operand<TFloat32> decay = ctx.scalar(1 - config.number("momentum"));
        ctx.addTrainingUpdate(tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, momentum), tf.math.mul(batchMean, decay))));
        ctx.addTrainingUpdate(tf.assign(movingVariance, tf.math.add(tf.math.mul(movingVariance, momentum), tf.math.mul(batchVariance, decay))));
        return y;
    }
}
