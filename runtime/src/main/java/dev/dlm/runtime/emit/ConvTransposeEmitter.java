package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.shape.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's Conv2DTranspose, as TensorFlow's {@code conv2d_transpose} computes it (Keras's
 * TensorFlow backend): input pixel {@code i} adds {@code x[i] * kernel[t]} to output
 * {@code i*s + t*d - pad}, where {@code pad} is 0 (valid) or half of TensorFlow's total
 * {@code same} padding. It runs as an ordinary convolution, whose gradient TensorFlow Java has:
 * the input spread with {@code s - 1} zeros between pixels, zero-padded, and convolved (valid,
 * stride 1) with the kernel flipped in space and its channel axes swapped.
 */
final class ConvTransposeEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        var config = layer.config();
        List<Long> kernelSize = Configs.tuple(config, "kernel_size", 2);
        List<Long> strides = Configs.tuple(config, "strides", 2);
        List<Long> dilation = Configs.tuple(config, "dilation_rate", 2);
        Shape in = layer.input(), out = layer.output();
        int h = Math.toIntExact(in.dim(0)), w = Math.toIntExact(in.dim(1)), c = Math.toIntExact(in.last());
        int sh = Math.toIntExact(strides.get(0)), sw = Math.toIntExact(strides.get(1));
        // [kh, kw, filters, c] -> [kh, kw, c, filters], reversed along kh and kw, then spread by the dilation.
        Operand<TFloat32> kernel = tf.linalg.transpose(params.get("kernel"), ctx.ints(0, 1, 3, 2));
        kernel = reverse(ctx, reverse(ctx, kernel, 0, Math.toIntExact(kernelSize.get(0))), 1, Math.toIntExact(kernelSize.get(1)));
        kernel = ConvEmitter.dilate(ctx, kernel, dilation);
        Operand<TFloat32> x = input;
        if (sh > 1 || sw > 1) {
            x = tf.reshape(x, ctx.ints(-1, h, 1, w, 1, c));
            x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, 0}, {0, sh - 1}, {0, 0}, {0, sw - 1}, {0, 0}}), ctx.scalar(0));
            x = tf.reshape(x, ctx.ints(-1, h * sh, w * sw, c));
        }
        int[] before = new int[2], after = new int[2], keep = new int[2];
        for (int i = 0; i < 2; i++) {
            int n = Math.toIntExact(in.dim(i)), s = Math.toIntExact(strides.get(i)), length = Math.toIntExact(out.dim(i));
            int effective = Math.toIntExact((kernelSize.get(i) - 1) * dilation.get(i) + 1);
            int pad = config.string("padding").equals("same") ? Math.max((n - 1) * s + effective - length, 0) / 2 : 0;
            keep[i] = length + effective - 1;
            before[i] = effective - 1 - pad;
            after[i] = keep[i] - n * s - before[i];
        }
        x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {before[0], Math.max(after[0], 0)}, {before[1], Math.max(after[1], 0)}, {0, 0}}),
                ctx.scalar(0));
        if (after[0] < 0 || after[1] < 0) x = tf.slice(x, ctx.ints(0, 0, 0, 0), ctx.ints(-1, keep[0], keep[1], -1));
        Operand<TFloat32> y = tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "VALID");
        if (config.bool("use_bias")) y = tf.nn.biasAdd(y, params.get("bias"));
        return Activations.apply(ctx, config.activation("activation"), y);
    }

    /** {@code kernel} reversed along {@code axis} (of size {@code size}), by a gather whose gradient TensorFlow Java has. */
    private static Operand<TFloat32> reverse(EmitContext ctx, Operand<TFloat32> kernel, int axis, int size) {
        if (size == 1) return kernel;
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) indices[i] = size - 1 - i;
        return ctx.tf().gather(kernel, ctx.ints(indices), ctx.axis(axis));
    }
}
