package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.compiler.layers.ArgSpec.opt;

/**
 * Rules of Keras's merge layers, which read a list of tensors and have no weights:
 * Concatenate, Add, Subtract, Multiply, Average, Maximum and Dot, with Keras 2's shape rules
 * ({@code keras/layers/merge.py}). A mismatch names every operand and labels where each
 * tensor was defined.
 */
final class MergeRules {
    private MergeRules() {}

    /** The common part: a list of at least {@code min} (at most {@code max}) tensors. */
    abstract static class Merge extends LayerRule {
        private final int min;
        private final int max;

        Merge(LayerKind kind, int min, int max, ArgSpec... signature) {
            super(kind, 1, Integer.MAX_VALUE, "", signature);
            this.min = min;
            this.max = max;
        }

        @Override public boolean merges() { return true; }

        /** How many tensors the layer reads, for messages: "at least 2", "exactly 2". */
        String arity() { return min == max ? "exactly " + min : "at least " + min; }

        boolean acceptsCount(int n) { return n >= min && n <= max; }

        @Override protected final Shape infer(LayerContext ctx) {
            int n = ctx.inputs().size();
            if (!acceptsCount(n)) {
                ctx.report(ctx.error(Code.DLM1404, ctx.callSpan(),
                                "`" + kind() + "` merges " + arity() + " tensors, but it is applied to " + n)
                        .label(n + " input" + (n == 1 ? "" : "s"))
                        .help(n < min ? "apply it to a list of tensors: `" + kind() + "()([a, b])`" : "apply it to two tensors"));
                return null;
            }
            return merge(ctx);
        }

        abstract Shape merge(LayerContext ctx);

        /** Reports that the inputs do not fit, with each operand located where it was defined. */
        Shape mismatch(LayerContext ctx, String message, String help) {
            Diagnostic.Builder d = ctx.error(Code.DLM1403, ctx.callSpan(), message).label("inputs " + shapes(ctx));
            for (int i = 0; i < ctx.inputs().size(); i++) {
                if (ctx.inputSpan(i) != null) d.secondary(ctx.inputSpan(i), "input " + (i + 1) + ": " + ctx.inputs().get(i).keras());
            }
            ctx.report(d.help(help));
            return null;
        }

        static String shapes(LayerContext ctx) {
            return String.join(" and ", ctx.inputs().stream().map(Shape::keras).toList());
        }
    }

    /**
     * Add, Subtract, Multiply, Average, Maximum: an element-wise operation with broadcasting of
     * the sample axes, aligned at the end (Keras's {@code _compute_elemwise_op_output_shape}:
     * equal sizes, or 1 against any size).
     */
    static final class Elementwise extends Merge {
        Elementwise(LayerKind kind, int min, int max) { super(kind, min, max); }

        @Override Shape merge(LayerContext ctx) {
            List<Long> out = new ArrayList<>(ctx.input().dims());
            for (int i = 1; i < ctx.inputs().size(); i++) {
                List<Long> next = broadcast(out, ctx.inputs().get(i).dims());
                if (next == null) {
                    return mismatch(ctx, "`" + kind() + "` cannot combine " + shapes(ctx) + " element by element",
                            "its inputs need equal shapes (an axis of size 1 is repeated to fit)");
                }
                out = next;
            }
            return new Shape(out);
        }

        static List<Long> broadcast(List<Long> a, List<Long> b) {
            if (a.size() < b.size()) return broadcast(b, a);
            List<Long> out = new ArrayList<>(a.subList(0, a.size() - b.size()));
            for (int k = 0; k < b.size(); k++) {
                long i = a.get(a.size() - b.size() + k);
                long j = b.get(k);
                if (i == 1) out.add(j);
                else if (j == 1 || i == j) out.add(i);
                else return null;
            }
            return out;
        }
    }

    /** Keras's Concatenate(axis=-1): equal shapes except along {@code axis}, whose sizes add up. */
    static final class Concatenate extends Merge {
        Concatenate() { super(LayerKind.CONCATENATE, 2, Integer.MAX_VALUE, opt("axis", ArgType.ANY_INT, -1L)); }

        @Override Shape merge(LayerContext ctx) {
            int rank = ctx.input().rank();
            for (Shape s : ctx.inputs()) {
                if (s.rank() != rank) {
                    return mismatch(ctx, "`Concatenate` joins tensors of one rank, but its inputs are " + shapes(ctx),
                            "bring the inputs to one rank first (`Flatten()` or `Reshape(...)`)");
                }
            }
            long axis = ctx.integer("axis");
            // Keras counts the axis with the batch axis at 0; negative axes count from the end.
            int sampleAxis = (int) (axis < 0 ? rank + axis : axis - 1);
            if (axis == 0 || sampleAxis < 0 || sampleAxis >= rank) {
                ctx.report(ctx.error(Code.DLM0202, ctx.spanOf("axis"),
                                "`axis=" + axis + "` of `Concatenate` is " + (axis == 0 ? "the batch axis" : "outside its inputs' "
                                        + (rank + 1) + " axes (batch included)"))
                        .label("axis " + axis)
                        .help("use an axis from 1 to " + rank + ", or -1 for the last one"));
                return null;
            }
            List<Long> out = new ArrayList<>(ctx.input().dims());
            long sum = 0;
            for (Shape s : ctx.inputs()) {
                for (int k = 0; k < rank; k++) {
                    if (k != sampleAxis && !s.dims().get(k).equals(out.get(k))) {
                        return mismatch(ctx, "`Concatenate` along axis " + axis + " needs equal sizes on every other axis, but its inputs are "
                                        + shapes(ctx),
                                "make the inputs agree on every axis but axis " + axis + ", or concatenate along another axis");
                    }
                }
                sum = Saturating.add(sum, s.dims().get(sampleAxis));
            }
            out.set(sampleAxis, sum);
            return new Shape(out);
        }
    }

    /**
     * Keras's Dot(axes, normalize=False): the dot product of two tensors along {@code axes}
     * (batch axis at 0). The output is the first input's remaining axes then the second's; a
     * result of one axis gains a trailing axis of size 1, as in Keras.
     */
    static final class Dot extends Merge {
        Dot() {
            super(LayerKind.DOT, 2, 2, ArgSpec.req("axes", ArgType.tuple(2, Long.MIN_VALUE)),
                    opt("normalize", ArgType.BOOL, false));
        }

        @Override Shape merge(LayerContext ctx) {
            Shape a = ctx.inputs().get(0);
            Shape b = ctx.inputs().get(1);
            List<Long> axes = ctx.longs("axes");
            int ax = batchedAxis(axes.get(0), a.rank());
            int bx = batchedAxis(axes.get(1), b.rank());
            if (ax < 1 || ax > a.rank() || bx < 1 || bx > b.rank()) {
                ctx.report(ctx.error(Code.DLM0202, ctx.spanOf("axes"),
                                "`axes` of `Dot` must name a sample axis of each input, but its inputs are " + shapes(ctx))
                        .label("axes " + axes)
                        .help("axes count from 1 (0 is the batch axis); -1 is the last"));
                return null;
            }
            if (!a.dims().get(ax - 1).equals(b.dims().get(bx - 1))) {
                return mismatch(ctx, "`Dot` along axes (" + ax + ", " + bx + ") needs equal sizes, but they are "
                                + a.dims().get(ax - 1) + " and " + b.dims().get(bx - 1),
                        "choose `axes` whose sizes agree");
            }
            ctx.set("axes", List.of((long) ax, (long) bx));
            List<Long> out = new ArrayList<>(a.dims());
            out.remove(ax - 1);
            List<Long> rest = new ArrayList<>(b.dims());
            rest.remove(bx - 1);
            out.addAll(rest);
            if (out.isEmpty()) out.add(1L);
            return new Shape(out);
        }

        /** Keras's normalization of a (batched) axis: negative axes count from the end of the batched shape. */
        private static int batchedAxis(long axis, int sampleRank) {
            return (int) (axis < 0 ? axis + sampleRank + 1 : axis);
        }

        /** {@code 2 n} FLOPs per output value, {@code n} the contracted size. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            List<Long> axes = ctx.longs("axes");
            long n = ctx.inputs().get(0).dims().get((int) (long) axes.get(0) - 1);
            return LayerCost.of(Saturating.multiply(2 * n, output.elements()), output.elements());
        }
    }
}
