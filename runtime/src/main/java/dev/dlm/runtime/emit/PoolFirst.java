package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A training graph's rewrite of a convolution with a relu whose output only a max pooling
 * reads: {@code maxpool(relu(conv + b))} is emitted as {@code relu(maxpool(conv + b))}, so the
 * relu and its gradient run on the pooled tensor (a quarter of the elements for a 2x2 pool;
 * the CNN's step, docs/benchmarks.md).
 *
 * <p>Values and gradients are the same bit for bit, ties included. Forward: relu is
 * non-decreasing and commutes with a maximum (TensorFlow's max pooling with {@code same}
 * padding takes the maximum over the window's real elements only). Backward: both forms pool
 * the same tensor {@code conv + b} when the window's maximum is positive, so the pooling
 * gradient goes to the same element (the first maximum); when it is at most zero, relu's
 * gradient is zero in both forms (TensorFlow's {@code ReluGrad} passes where its input is
 * positive). The bias gradient and the kernel's then sum the same tensor. An earlier version
 * pooled before the bias too, which also moved the bias add and its gradient's sum to the pooled
 * tensor, but routed ties of {@code conv + b} that the convolution alone does not have
 * differently from Keras, and was reverted (docs/benchmarks.md). NaN aside.
 */
public final class PoolFirst {

    private PoolFirst() {}

    /** Whether {@code conv}'s output, read by {@code pool} and nothing else, may be pooled before its relu. */
    public static boolean applies(CheckedLayer conv, CheckedLayer pool) {
        boolean pairs = (conv.kind() == LayerKind.CONV1D && pool.kind() == LayerKind.MAX_POOLING1D)
                || (conv.kind() == LayerKind.CONV2D && pool.kind() == LayerKind.MAX_POOLING2D);
        if (!pairs || !channelsLast(conv) || !channelsLast(pool)) return false;
        return conv.config().activation("activation") == Activation.RELU;
    }

    /** The convolution and bias of a layer {@link #applies} took, before its activation. */
    public static Operand<TFloat32> convolve(EmitContext ctx, CheckedLayer conv, LayerParams params, Operand<TFloat32> input) {
        return new ConvEmitter(conv.kind() == LayerKind.CONV1D ? 1 : 2).convolve(ctx, conv, params, input);
    }

    /** The convolution's activation, applied to its pooled output. */
    public static Operand<TFloat32> finish(EmitContext ctx, CheckedLayer conv, Operand<TFloat32> pooled) {
        return Activations.apply(ctx, conv.config().activation("activation"), pooled);
    }

    private static boolean channelsLast(CheckedLayer layer) {
        return !"channels_first".equals(layer.config().values().get("data_format"));
    }
}
