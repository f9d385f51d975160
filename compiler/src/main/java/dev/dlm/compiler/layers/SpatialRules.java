package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;

import java.util.List;

import static dev.dlm.compiler.layers.ArgSpec.opt;

/**
 * Rules of the 2-D layers added for issue 14 beside the plain convolutions: padding and
 * cropping the image, and the depthwise, separable and transposed convolutions. Each takes
 * {@code data_format='channels_first'} ({@code [channels, height, width]}), as Keras's do.
 */
final class SpatialRules {
    private SpatialRules() {}

    private static final String IMAGE = "(height, width, channels)";

    /** Keras's ZeroPadding2D: {@code ((top, bottom), (left, right))} rows and columns of zeros. */
    static final class ZeroPadding2D extends LayerRule {
        ZeroPadding2D() {
            super(LayerKind.ZERO_PADDING2D, 3, 3, IMAGE,
                    opt("padding", ArgType.pairs(2), List.of(List.of(1L, 1L), List.of(1L, 1L))),
                    ArgSpec.DATA_FORMAT_EITHER);
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<List<Long>> p = pairs(ctx, "padding");
            Shape in = ctx.input();
            int at = spatial(ctx);
            return ConvRules.withChannels(ctx, List.of(Saturating.add(in.dim(at), Saturating.add(p.get(0).get(0), p.get(0).get(1))),
                    Saturating.add(in.dim(at + 1), Saturating.add(p.get(1).get(0), p.get(1).get(1)))), ConvRules.channels(ctx));
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /** Keras's Cropping2D: drops {@code ((top, bottom), (left, right))} rows and columns; something must remain. */
    static final class Cropping2D extends LayerRule {
        Cropping2D() {
            super(LayerKind.CROPPING2D, 3, 3, IMAGE,
                    opt("cropping", ArgType.pairs(2), List.of(List.of(0L, 0L), List.of(0L, 0L))),
                    ArgSpec.DATA_FORMAT_EITHER);
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<List<Long>> c = pairs(ctx, "cropping");
            Shape in = ctx.input();
            long[] out = new long[2];
            for (int axis = 0; axis < 2; axis++) {
                long before = c.get(axis).get(0), after = c.get(axis).get(1), n = in.dim(axis + spatial(ctx));
                out[axis] = n - before - after;
                if (before >= n || after >= n || out[axis] <= 0) {
                    String name = axis == 0 ? "height" : "width";
                    ctx.report(ctx.error(Code.DLM0302, ctx.spanOf("cropping"),
                                    "`Cropping2D` crops " + before + " + " + after + " of the input's " + name + " " + n
                                            + ", leaving nothing")
                            .label("input " + in.keras())
                            .note("the output " + name + " is " + n + " - " + before + " - " + after + " = " + (n - before - after))
                            .help("crop less than " + n + " in all along the " + name));
                    return null;
                }
            }
            return ConvRules.withChannels(ctx, List.of(out[0], out[1]), ConvRules.channels(ctx));
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /** The index of the input's first spatial axis: 1 after the channels of {@code channels_first}, else 0. */
    static int spatial(LayerContext ctx) { return "channels_first".equals(ctx.raw("data_format")) ? 1 : 0; }

    @SuppressWarnings("unchecked")
    static List<List<Long>> pairs(LayerContext ctx, String name) { return (List<List<Long>>) ctx.raw(name); }

    /**
     * Keras's DepthwiseConv2D: each input channel convolved with its own {@code depth_multiplier}
     * kernels. Keras 3 names the weight {@code kernel} {@code [kh, kw, c, depth_multiplier]}; the
     * bias is {@code [c * depth_multiplier]}, the output's channels.
     */
    static final class DepthwiseConv2D extends LayerRule {
        DepthwiseConv2D() {
            super(LayerKind.DEPTHWISE_CONV2D, 3, 3, IMAGE,
                    ArgSpec.req("kernel_size", ArgType.tuple(2, 1)),
                    opt("strides", ArgType.tuple(2, 1), ConvRules.ones(2)),
                    opt("padding", ArgType.choice("valid", "same"), "valid"),
                    opt("depth_multiplier", ArgType.POSITIVE_INT, 1L),
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("dilation_rate", ArgType.tuple(2, 1), ConvRules.ones(2)),
                    opt("activation", ArgType.ACTIVATION, Activation.LINEAR),
                    opt("use_bias", ArgType.BOOL, true),
                    opt("depthwise_initializer", ArgType.INITIALIZER, Initializer.GLOROT_UNIFORM),
                    opt("bias_initializer", ArgType.INITIALIZER, Initializer.ZEROS),
                    opt("depthwise_regularizer", ArgType.REGULARIZER, null),
                    opt("bias_regularizer", ArgType.REGULARIZER, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> out = depthwiseWindows(ctx);
            if (out == null) return null;
            long c = ConvRules.channels(ctx), m = ctx.integer("depth_multiplier");
            List<Long> k = ctx.longs("kernel_size");
            ctx.weight("kernel", ctx.initializer("depthwise_initializer"), ctx.regularizer("depthwise_regularizer"), k.get(0), k.get(1), c, m);
            long channels = Saturating.multiply(c, m);
            if (ctx.bool("use_bias")) ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), channels);
            return ConvRules.withChannels(ctx, out, channels);
        }

        /** {@code 2 kh kw} FLOPs for every output value: each reads one input channel. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long window = Saturating.product(ctx.longs("kernel_size"));
            return LayerCost.of(Saturating.multiply(output.elements(), 2 * window), output.elements());
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /**
     * Keras's SeparableConv2D: a depthwise convolution ({@code depthwise_kernel
     * [kh, kw, c, depth_multiplier]}) followed by a 1x1 convolution ({@code pointwise_kernel
     * [1, 1, c * depth_multiplier, filters]}) and the bias {@code [filters]}.
     */
    static final class SeparableConv2D extends LayerRule {
        SeparableConv2D() {
            super(LayerKind.SEPARABLE_CONV2D, 3, 3, IMAGE,
                    ArgSpec.req("filters", ArgType.POSITIVE_INT),
                    ArgSpec.req("kernel_size", ArgType.tuple(2, 1)),
                    opt("strides", ArgType.tuple(2, 1), ConvRules.ones(2)),
                    opt("padding", ArgType.choice("valid", "same"), "valid"),
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("dilation_rate", ArgType.tuple(2, 1), ConvRules.ones(2)),
                    opt("depth_multiplier", ArgType.POSITIVE_INT, 1L),
                    opt("activation", ArgType.ACTIVATION, Activation.LINEAR),
                    opt("use_bias", ArgType.BOOL, true),
                    opt("depthwise_initializer", ArgType.INITIALIZER, Initializer.GLOROT_UNIFORM),
                    opt("pointwise_initializer", ArgType.INITIALIZER, Initializer.GLOROT_UNIFORM),
                    opt("bias_initializer", ArgType.INITIALIZER, Initializer.ZEROS),
                    opt("depthwise_regularizer", ArgType.REGULARIZER, null),
                    opt("pointwise_regularizer", ArgType.REGULARIZER, null),
                    opt("bias_regularizer", ArgType.REGULARIZER, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> out = depthwiseWindows(ctx);
            if (out == null) return null;
            long c = ConvRules.channels(ctx), m = ctx.integer("depth_multiplier"), filters = ctx.integer("filters");
            List<Long> k = ctx.longs("kernel_size");
            ctx.weight("depthwise_kernel", ctx.initializer("depthwise_initializer"), ctx.regularizer("depthwise_regularizer"),
                    k.get(0), k.get(1), c, m);
            ctx.weight("pointwise_kernel", ctx.initializer("pointwise_initializer"), ctx.regularizer("pointwise_regularizer"),
                    1, 1, Saturating.multiply(c, m), filters);
            if (ctx.bool("use_bias")) ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), filters);
            return ConvRules.withChannels(ctx, out, filters);
        }

        /** The depthwise step's {@code 2 kh kw} per intermediate value, then {@code 2 c m} per output value. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long window = Saturating.product(ctx.longs("kernel_size"));
            long middle = Saturating.multiply(ConvRules.channels(ctx), ctx.integer("depth_multiplier"));
            long pixels = output.elements() / ctx.integer("filters");
            long flops = Saturating.add(Saturating.multiply(Saturating.multiply(pixels, middle), 2 * window),
                    Saturating.multiply(output.elements(), 2 * middle));
            return LayerCost.of(flops, Saturating.add(output.elements(), Saturating.multiply(pixels, middle)));
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /**
     * The output's height and width of a depthwise convolution, by Keras's
     * {@code conv_output_length}. Unlike Conv2D, Keras 3 accepts strides and a dilation above
     * 1 together here, and so does dlm.
     */
    private static List<Long> depthwiseWindows(LayerContext ctx) {
        return ConvRules.windows(ctx, "kernel_size", ctx.longs("kernel_size"), ctx.longs("strides"), ctx.longs("dilation_rate"),
                ctx.string("padding"));
    }

    /**
     * Keras's Conv2DTranspose: kernel {@code [kh, kw, filters, c]} (output channels before input
     * channels), bias {@code [filters]}; each spatial axis grows by Keras's
     * {@code deconv_output_length} ({@link #transposedLength}).
     */
    static final class Conv2DTranspose extends LayerRule {
        Conv2DTranspose() {
            super(LayerKind.CONV2D_TRANSPOSE, 3, 3, IMAGE, CoreRules.withKernelAndBias(
                    ArgSpec.req("filters", ArgType.POSITIVE_INT),
                    ArgSpec.req("kernel_size", ArgType.tuple(2, 1)),
                    opt("strides", ArgType.tuple(2, 1), ConvRules.ones(2)),
                    opt("padding", ArgType.choice("valid", "same"), "valid"),
                    opt("output_padding", ArgType.tuple(2, 0), null),
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("dilation_rate", ArgType.tuple(2, 1), ConvRules.ones(2))));
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> kernel = ctx.longs("kernel_size"), strides = ctx.longs("strides"), dilation = ctx.longs("dilation_rate");
            if (strides.stream().anyMatch(x -> x > 1) && dilation.stream().anyMatch(x -> x > 1)) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("dilation_rate"), "`Conv2DTranspose` cannot combine strides > 1 with dilation_rate > 1")
                        .note("Keras rejects this combination too, on any pair of axes"));
                return null;
            }
            @SuppressWarnings("unchecked") List<Long> outputPadding = (List<Long>) ctx.raw("output_padding");
            if (outputPadding != null) {
                for (int i = 0; i < 2; i++) {
                    if (outputPadding.get(i) >= strides.get(i)) {
                        ctx.report(ctx.error(Code.DLM0202, ctx.spanOf("output_padding"),
                                        "`output_padding` must be less than `strides` on every axis; on axis " + i + " it is "
                                                + outputPadding.get(i) + " with strides " + strides.get(i))
                                .note("the extra rows or columns choose among the " + strides.get(i)
                                        + " output sizes that a stride of " + strides.get(i) + " maps to the same input size")
                                .help(strides.get(i) == 1 ? "remove `output_padding`" : "use an output_padding below " + strides.get(i)));
                        return null;
                    }
                }
            }
            Shape in = ctx.input();
            long filters = ctx.integer("filters");
            List<Long> out = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                out.add(transposedLength(in.dim(i + spatial(ctx)), kernel.get(i), strides.get(i), dilation.get(i), ctx.string("padding"),
                        outputPadding == null ? null : outputPadding.get(i)));
            }
            ctx.weight("kernel", ctx.initializer("kernel_initializer"), ctx.regularizer("kernel_regularizer"),
                    kernel.get(0), kernel.get(1), filters, ConvRules.channels(ctx));
            if (ctx.bool("use_bias")) ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), filters);
            return ConvRules.withChannels(ctx, out, filters);
        }

        /** Every input value scatters {@code kh kw filters} products: {@code 2 kh kw c filters} FLOPs per input pixel. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long window = Saturating.product(ctx.longs("kernel_size"));
            return LayerCost.of(Saturating.multiply(ctx.input().elements(), Saturating.multiply(2 * window, ctx.integer("filters"))),
                    output.elements());
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /**
     * Keras's {@code deconv_output_length}: with the dilated kernel {@code k' = (k-1)*d + 1},
     * {@code n*s + max(k' - s, 0)} (valid) or {@code n*s} (same) without {@code output_padding},
     * else {@code (n-1)*s + k' - 2*pad + output_padding} with {@code pad} 0 (valid) or
     * {@code k' / 2} (same).
     */
    static long transposedLength(long n, long k, long s, long d, String padding, Long outputPadding) {
        long effective = (k - 1) * d + 1;
        if (outputPadding == null) return padding.equals("valid") ? n * s + Math.max(effective - s, 0) : n * s;
        long pad = padding.equals("same") ? effective / 2 : 0;
        return (n - 1) * s + effective - 2 * pad + outputPadding;
    }
}
