package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.compiler.layers.ArgSpec.opt;
import static dev.dlm.compiler.layers.ArgSpec.req;

/** Rules of the convolution and pooling layers, 1-D and 2-D, channels last or (data_format='channels_first') first. */
final class ConvRules {
    private ConvRules() {}

    /** A loop, not a stream: every convolution checked runs it, mostly in the interpreter. */
    private static boolean anyAboveOne(List<Long> values) {
        for (long v : values) {
            if (v > 1) return true;
        }
        return false;
    }

    private static final String[] AXES = {"", "(steps, channels)", "(height, width, channels)"};

    /** Conv1D and Conv2D: kernel {@code [k..., in_channels, filters]}, bias {@code [filters]}. */
    static final class Conv extends LayerRule {
        private final int dims;

        Conv(int dims) {
            super(LayerKind.byKerasName("Conv" + dims + "D"), dims + 1, dims + 1, AXES[dims], CoreRules.withKernelAndBias(
                    req("filters", ArgType.POSITIVE_INT),
                    req("kernel_size", ArgType.tuple(dims, 1)),
                    opt("strides", ArgType.tuple(dims, 1), ones(dims)),
                    // Conv1D also pads causally: (k - 1) * d zeros before the first step, none after.
                    opt("padding", dims == 1 ? ArgType.choice("valid", "same", "causal") : ArgType.choice("valid", "same"), "valid"),
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("dilation_rate", ArgType.tuple(dims, 1), ones(dims))));
            this.dims = dims;
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> kernel = ctx.longs("kernel_size");
            List<Long> strides = ctx.longs("strides");
            List<Long> dilation = ctx.longs("dilation_rate");
            String padding = ctx.string("padding");
            // TensorFlow and Keras reject any stride > 1 together with any dilation > 1, on any axes.
            if (anyAboveOne(strides) && anyAboveOne(dilation)) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("dilation_rate"),
                                "`" + kind() + "` cannot combine strides > 1 with dilation_rate > 1")
                        .note("Keras rejects this combination too, on any pair of axes"));
                return null;
            }
            List<Long> out = windows(ctx, "kernel_size", kernel, strides, dilation, padding);
            if (out == null) return null;
            long in = channels(ctx);
            long filters = ctx.integer("filters");
            long[] kshape = new long[dims + 2];
            for (int i = 0; i < dims; i++) kshape[i] = kernel.get(i);
            kshape[dims] = in;
            kshape[dims + 1] = filters;
            ctx.weight("kernel", ctx.initializer("kernel_initializer"), ctx.regularizer("kernel_regularizer"), kshape);
            if (ctx.bool("use_bias")) {
                ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), filters);
            }
            return withChannels(ctx, out, filters);
        }

        /** {@code 2 k... in_channels} FLOPs for every output value. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long window = Saturating.product(ctx.longs("kernel_size"));
            return LayerCost.of(Saturating.multiply(output.elements(), Saturating.multiply(2 * window, channels(ctx))),
                    output.elements());
        }

        @Override protected String rankFix(Shape input, boolean first) { return channelsFix(input, dims, first); }
    }

    /** MaxPooling1D/2D and AveragePooling1D/2D: strides default to the pool size. */
    static final class Pooling extends LayerRule {
        private final int dims;

        Pooling(String op, int dims) {
            super(LayerKind.byKerasName(op + "Pooling" + dims + "D"), dims + 1, dims + 1, AXES[dims],
                    opt("pool_size", ArgType.tuple(dims, 1), twos(dims)),
                    opt("strides", ArgType.tuple(dims, 1), null),
                    opt("padding", ArgType.choice("valid", "same"), "valid"),
                    ArgSpec.DATA_FORMAT_EITHER);
            this.dims = dims;
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> pool = ctx.longs("pool_size");
            if (ctx.raw("strides") == null) ctx.set("strides", pool);
            List<Long> out = windows(ctx, "pool_size", pool, ctx.longs("strides"), ones(dims), ctx.string("padding"));
            if (out == null) return null;
            return withChannels(ctx, out, channels(ctx));
        }

        /** One comparison or addition per window element and output value. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            return LayerCost.of(Saturating.multiply(output.elements(), Saturating.product(ctx.longs("pool_size"))), output.elements());
        }

        @Override protected String rankFix(Shape input, boolean first) { return channelsFix(input, dims, first); }
    }

    /**
     * Keras's UpSampling2D: repeats rows {@code size[0]} times and columns {@code size[1]}
     * times ({@code [h, w, c] -> [h * s0, w * s1, c]}), with nearest-neighbour interpolation.
     */
    static final class UpSampling2D extends LayerRule {
        UpSampling2D() {
            super(LayerKind.UP_SAMPLING2D, 3, 3, AXES[2],
                    opt("size", ArgType.tuple(2, 1), twos(2)),
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("interpolation", ArgType.choice("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5"), "nearest"));
        }

        @Override protected Shape infer(LayerContext ctx) {
            if (!ctx.string("interpolation").equals("nearest")) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("interpolation"),
                                "interpolation='" + ctx.string("interpolation") + "' is not supported")
                        .help("use interpolation='nearest' (Keras's default)"));
                return null;
            }
            List<Long> size = ctx.longs("size");
            Shape in = ctx.input();
            int at = SpatialRules.spatial(ctx);
            return withChannels(ctx, List.of(Saturating.multiply(in.dim(at), size.get(0)), Saturating.multiply(in.dim(at + 1), size.get(1))),
                    channels(ctx));
        }

        @Override protected String rankFix(Shape input, boolean first) { return channelsFix(input, 2, first); }
    }

    /** GlobalMaxPooling2D and GlobalAveragePooling2D: {@code [h, w, c] -> [c]}. */
    static final class GlobalPooling extends LayerRule {
        GlobalPooling(String op, int dims) {
            super(LayerKind.byKerasName("Global" + op + "Pooling" + dims + "D"), dims + 1, dims + 1, AXES[dims],
                    ArgSpec.DATA_FORMAT_EITHER,
                    opt("keepdims", ArgType.BOOL, false));
        }

        @Override protected Shape infer(LayerContext ctx) {
            Shape in = ctx.input();
            if (ctx.bool("keepdims")) {
                List<Long> out = new ArrayList<>();
                for (int i = 0; i < in.rank() - 1; i++) out.add(1L);
                return withChannels(ctx, out, channels(ctx));
            }
            return Shape.of(channels(ctx));
        }
    }

    /**
     * Keras's {@code conv_output_length} for every spatial axis: {@code same} gives
     * {@code ceil(in / stride)}, and so does {@code causal} (the window's {@code (k-1)*d} extra
     * positions are all padded before the first step); {@code valid} gives
     * {@code floor((in - (k-1)*d - 1) / stride) + 1}, which must be positive.
     */
    static List<Long> windows(LayerContext ctx, String what, List<Long> window, List<Long> strides,
                              List<Long> dilation, String padding) {
        Shape in = ctx.input();
        // channels_first puts the spatial axes after the channels (only layers that take it have the argument)
        int offset = "channels_first".equals(ctx.raw("data_format")) ? 1 : 0;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            long n = in.dim(i + offset), k = window.get(i), s = strides.get(i), d = dilation.get(i);
            long effective = (k - 1) * d + 1;
            if (padding.equals("same") || padding.equals("causal")) {
                out.add((n + s - 1) / s);
                continue;
            }
            if (n < effective) {
                String axis = window.size() == 1 ? "steps" : i == 0 ? "height" : "width";
                String formula = d == 1 ? "(" + n + " - " + k + ") / " + s + " + 1"
                        : "(" + n + " - (" + k + " - 1) * " + d + " - 1) / " + s + " + 1";
                ctx.report(ctx.error(Code.DLM0302, ctx.spanOf(what),
                                "`" + ctx.kind() + "` " + what.replace('_', ' ') + " " + (effective == k ? k : k + " (dilated to " + effective + ")")
                                        + " is larger than the input's " + axis + " " + n)
                        .label("input " + in.keras())
                        .note("with padding='valid' the output " + axis + " is " + formula + " = "
                                + (Math.floorDiv(n - effective, s) + 1) + ", not a size")
                        .help("use padding='same', a smaller " + what.replace('_', ' ')
                                + ", or remove a pooling layer before this one"));
                return null;
            }
            out.add((n - effective) / s + 1);
        }
        return out;
    }

    /** The input's channels: its first axis with {@code data_format='channels_first'}, else its last. */
    static long channels(LayerContext ctx) {
        return "channels_first".equals(ctx.raw("data_format")) ? ctx.input().dim(0) : ctx.input().last();
    }

    /** The output shape of {@code spatial} sizes and {@code channels}, in the layer's data format. */
    static Shape withChannels(LayerContext ctx, List<Long> spatial, long channels) {
        List<Long> out = new ArrayList<>(spatial);
        if ("channels_first".equals(ctx.raw("data_format"))) out.add(0, channels);
        else out.add(channels);
        return new Shape(out);
    }

    static String channelsFix(Shape input, int dims, boolean first) {
        if (dims == 2 && input.rank() == 1) {
            long side = (long) Math.sqrt((double) input.dim(0));
            if (side * side == input.dim(0)) {
                String reshape = "`Reshape((" + side + ", " + side + ", 1))` before this layer";
                return first ? "declare the model input as [" + side + ", " + side + ", 1], or insert " + reshape : "insert " + reshape;
            }
            return "insert a `Reshape((height, width, channels))` before this layer";
        }
        if (dims == 2 && input.rank() == 2) {
            String reshape = "`Reshape((" + input.dim(0) + ", " + input.dim(1) + ", 1))`";
            return first ? "add a channels axis: declare the input as [" + input.dim(0) + ", " + input.dim(1) + ", 1], or insert " + reshape
                    : "add a channels axis: insert " + reshape + " before this layer";
        }
        if (dims == 1 && input.rank() == 1) {
            return "insert `Reshape((" + input.dim(0) + ", 1))` to read the vector as " + input.dim(0) + " steps of 1 channel";
        }
        if (input.rank() > dims + 1) {
            return "insert `Flatten()` or `Reshape(...)` to bring the input to rank " + (dims + 1);
        }
        return null;
    }

    static List<Long> ones(int n) { return java.util.Collections.nCopies(n, 1L); }

    private static List<Long> twos(int n) { return java.util.Collections.nCopies(n, 2L); }
}
