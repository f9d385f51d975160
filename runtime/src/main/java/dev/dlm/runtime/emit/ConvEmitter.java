package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's Conv1D and Conv2D (channels last). A Conv1D runs as a Conv2D of height 1: the input
 * gains an axis of size 1 and the kernel {@code [k, cin, filters]} becomes {@code [1, k, cin, filters]}.
 */
final class ConvEmitter implements LayerEmitter {

    private final int rank;

    ConvEmitter(int rank) { this.rank = rank; }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        return Activations.apply(ctx, layer.config().activation("activation"), convolve(ctx, layer, params, input));
    }

    /** The convolution and its bias, before the activation. */
    Operand<TFloat32> convolve(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        var config = layer.config();
        List<Long> strides = Configs.tuple(config, "strides", rank);
        List<Long> dilations = Configs.tuple(config, "dilation_rate", rank);
        Operand<TFloat32> x = input;
        Operand<TFloat32> kernel = params.get("kernel");
        if (rank == 1) {
            x = tf.expandDims(x, ctx.axis(1));
            kernel = tf.expandDims(kernel, ctx.axis(0));
            strides = prependOne(strides);
            dilations = prependOne(dilations);
        }
        String padding = Configs.padding(config);
        if (padding.equals("CAUSAL")) {
            // Keras's causal Conv1D: (k - 1) * d zeros before the first step, then a valid convolution,
            // so output step t sees input steps t, t - d, ... and nothing later.
            int before = Math.toIntExact((Configs.tuple(config, "kernel_size", 1).get(0) - 1) * dilations.get(1));
            x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, 0}, {before, 0}, {0, 0}}), ctx.scalar(0));
            padding = "VALID";
        }
        Operand<TFloat32> y = tf.nn.conv2d(x, dilate(ctx, kernel, dilations), Configs.nhwc(strides), padding);
        if (rank == 1) y = tf.squeeze(y, Squeeze.axis(List.of(1L)));
        // A BiasAdd fused into the convolution, whose bias gradient is a Sum, not BiasAddGrad
        // (EmitContext.convolutionBias says why).
        return config.bool("use_bias") ? ctx.convolutionBias(y, params.get("bias")) : y;
    }

    /**
     * The kernel with {@code dilation - 1} zeros between its taps. TensorFlow's Conv2D gradient
     * ignores the {@code dilations} attribute (its filter backprop fails), so a dilated
     * convolution runs as an ordinary one over the spread-out kernel.
     */
    static Operand<TFloat32> dilate(EmitContext ctx, Operand<TFloat32> kernel, List<Long> dilations) {
        int dh = Math.toIntExact(dilations.get(0));
        int dw = Math.toIntExact(dilations.get(1));
        if (dh == 1 && dw == 1) return kernel;
        Ops tf = ctx.tf();
        long[] dims = kernel.shape().asArray();
        int kh = Math.toIntExact(dims[0]), kw = Math.toIntExact(dims[1]);
        int cin = Math.toIntExact(dims[2]), filters = Math.toIntExact(dims[3]);
        Operand<TFloat32> spread = tf.pad(tf.reshape(kernel, ctx.ints(kh, 1, kw, 1, cin, filters)),
                tf.constant(new int[][] {{0, 0}, {0, dh - 1}, {0, 0}, {0, dw - 1}, {0, 0}, {0, 0}}), ctx.scalar(0));
        Operand<TFloat32> grid = tf.reshape(spread, ctx.ints(kh * dh, kw * dw, cin, filters));
        return tf.slice(grid, ctx.ints(0, 0, 0, 0), ctx.ints((kh - 1) * dh + 1, (kw - 1) * dw + 1, cin, filters));
    }

    private static List<Long> prependOne(List<Long> values) {
        List<Long> out = new ArrayList<>(List.of(1L));
        out.addAll(values);
        return out;
    }
}
