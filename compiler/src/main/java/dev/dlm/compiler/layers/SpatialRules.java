package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
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
}
