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
 * cropping the image, and the depthwise, separable and transposed convolutions. Channels last.
 */
final class SpatialRules {
    private SpatialRules() {}

    private static final String IMAGE = "(height, width, channels)";

    /** Keras's ZeroPadding2D: {@code ((top, bottom), (left, right))} rows and columns of zeros. */
    static final class ZeroPadding2D extends LayerRule {
        ZeroPadding2D() {
            super(LayerKind.ZERO_PADDING2D, 3, 3, IMAGE,
                    opt("padding", ArgType.pairs(2), List.of(List.of(1L, 1L), List.of(1L, 1L))),
                    ArgSpec.DATA_FORMAT);
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<List<Long>> p = pairs(ctx, "padding");
            Shape in = ctx.input();
            return Shape.of(Saturating.add(in.dim(0), Saturating.add(p.get(0).get(0), p.get(0).get(1))),
                    Saturating.add(in.dim(1), Saturating.add(p.get(1).get(0), p.get(1).get(1))), in.last());
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

    /** Keras's Cropping2D: drops {@code ((top, bottom), (left, right))} rows and columns; something must remain. */
    static final class Cropping2D extends LayerRule {
        Cropping2D() {
            super(LayerKind.CROPPING2D, 3, 3, IMAGE,
                    opt("cropping", ArgType.pairs(2), List.of(List.of(0L, 0L), List.of(0L, 0L))),
                    ArgSpec.DATA_FORMAT);
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<List<Long>> c = pairs(ctx, "cropping");
            Shape in = ctx.input();
            long[] out = new long[3];
            for (int axis = 0; axis < 2; axis++) {
                long before = c.get(axis).get(0), after = c.get(axis).get(1), n = in.dim(axis);
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
            out[2] = in.last();
            return Shape.of(out);
        }

        @Override protected String rankFix(Shape input, boolean first) { return ConvRules.channelsFix(input, 2, first); }
    }

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
                    ArgSpec.DATA_FORMAT,
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
            long c = ctx.input().last(), m = ctx.integer("depth_multiplier");
            List<Long> k = ctx.longs("kernel_size");
            ctx.weight("kernel", ctx.initializer("depthwise_initializer"), ctx.regularizer("depthwise_regularizer"), k.get(0), k.get(1), c, m);
            long channels = Saturating.multiply(c, m);
            if (ctx.bool("use_bias")) ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), channels);
            return Shape.of(out.get(0), out.get(1), channels);
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
                    ArgSpec.DATA_FORMAT,
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
            long c = ctx.input().last(), m = ctx.integer("depth_multiplier"), filters = ctx.integer("filters");
            List<Long> k = ctx.longs("kernel_size");
            ctx.weight("depthwise_kernel", ctx.initializer("depthwise_initializer"), ctx.regularizer("depthwise_regularizer"),
                    k.get(0), k.get(1), c, m);
            ctx.weight("pointwise_kernel", ctx.initializer("pointwise_initializer"), ctx.regularizer("pointwise_regularizer"),
                    1, 1, Saturating.multiply(c, m), filters);
            if (ctx.bool("use_bias")) ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), filters);
            return Shape.of(out.get(0), out.get(1), filters);
        }

        /** The depthwise step's {@code 2 kh kw} per intermediate value, then {@code 2 c m} per output value. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long window = Saturating.product(ctx.longs("kernel_size"));
            long middle = Saturating.multiply(ctx.input().last(), ctx.integer("depth_multiplier"));
            long pixels = output.dim(0) * output.dim(1);
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
}
