package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A training graph's rewrite of a convolution whose output only a max pooling reads:
 * {@code maxpool(act(conv + b))} is emitted as {@code act(maxpool(conv) + b)}, so the bias
 * add, the activation, their gradients and the bias gradient's {@code Sum} run on the pooled
 * tensor (a quarter of the elements for a 2x2 pool; the CNN's step, docs/benchmarks.md).
 *
 * <p>The forward values are the same bit for bit: {@code x -> act(x + b)} is non-decreasing
 * per channel for the activations taken here (float rounding of {@code x + b} is monotonic,
 * and so are relu and the identity), and a non-decreasing function commutes with a maximum.
 * TensorFlow's max pooling with {@code same} padding takes the maximum over the window's real
 * elements only (no padded zeros), so padding and overlapping windows do not matter either.
 * The gradients differ only on ties inside a pooling window: the gradient goes to the first
 * maximum of the window, which is the first maximum of {@code conv + b} in one form and of
 * {@code conv} in the other, and these differ only when two distinct convolution values round
 * to the same sum. Relu's zeros, the common tie, give a zero gradient in both forms: all of
 * a window's pre-activations are at most zero, so the pooled one is too. NaN aside.
 */
public final class PoolFirst {

    private PoolFirst() {}

    /** Whether {@code conv}'s output, read by {@code pool} and nothing else, may be pooled before its bias and activation. */
    public static boolean applies(CheckedLayer conv, CheckedLayer pool) {
        boolean pairs = (conv.kind() == LayerKind.CONV1D && pool.kind() == LayerKind.MAX_POOLING1D)
                || (conv.kind() == LayerKind.CONV2D && pool.kind() == LayerKind.MAX_POOLING2D);
        if (!pairs || !channelsLast(conv) || !channelsLast(pool)) return false;
        Activation activation = conv.config().activation("activation");
        return conv.config().bool("use_bias") && (activation == Activation.RELU || activation == Activation.LINEAR);
    }

    /** The convolution of a layer {@link #applies} took, before its bias and activation. */
    public static Operand<TFloat32> convolve(EmitContext ctx, CheckedLayer conv, LayerParams params, Operand<TFloat32> input) {
        return new ConvEmitter(conv.kind() == LayerKind.CONV1D ? 1 : 2).convolve(ctx, conv, params, input);
    }

    /** The convolution's bias and activation, applied to its pooled output. */
    public static Operand<TFloat32> finish(EmitContext ctx, CheckedLayer conv, LayerParams params, Operand<TFloat32> pooled) {
        return ConvEmitter.biasAndActivation(ctx, conv, params, pooled);
    }

    private static boolean channelsLast(CheckedLayer layer) {
        return !"channels_first".equals(layer.config().values().get("data_format"));
    }
}
