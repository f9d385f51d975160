package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * The merge layers, which read a list of tensors and have no weights: Add, Subtract,
 * Multiply, Average and Maximum element by element (an input of lower rank gains axes of
 * size 1 right after the batch axis, as Keras's {@code _Merge} does, then TensorFlow
 * broadcasts), Concatenate along its axis, and Dot along its axes.
 */
final class MergeEmitter implements LayerEmitter {

    private final LayerKind kind;

    MergeEmitter(LayerKind kind) { this.kind = kind; }

    @Override public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        return emit(ctx, layer, params, List.of(input));
    }

    @Override public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, List<Operand<TFloat32>> inputs) {
        var tf = ctx.tf();
        return switch (kind) {
            case CONCATENATE -> {
                long axis = layer.config().integer("axis");
                int rank = layer.output().rank() + 1;
                yield tf.concat(inputs, ctx.axis((int) (axis < 0 ? rank + axis : axis)));
            }
            case DOT -> dot(ctx, layer, inputs.get(0), inputs.get(1));
            default -> elementwise(ctx, layer, inputs);
        };
    }

    private Operand<TFloat32> elementwise(EmitContext ctx, CheckedLayer layer, List<Operand<TFloat32>> inputs) {
        var tf = ctx.tf();
        int maxRank = layer.inputs().stream().mapToInt(s -> s.rank()).max().orElseThrow();
        List<Operand<TFloat32>> xs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Operand<TFloat32> x = inputs.get(i);
            for (int r = layer.inputs().get(i).rank(); r < maxRank; r++) x = tf.expandDims(x, ctx.axis(1));
            xs.add(x);
        }
        Operand<TFloat32> out = xs.get(0);
        for (Operand<TFloat32> x : xs.subList(1, xs.size())) {
            out = switch (kind) {
                case ADD, AVERAGE -> tf.math.add(out, x);
                case SUBTRACT -> tf.math.sub(out, x);
                case MULTIPLY -> tf.math.mul(out, x);
                case MAXIMUM -> tf.math.maximum(out, x);
                default -> throw new IllegalStateException("internal error: " + kind + " is not element-wise");
            };
        }
        return kind == LayerKind.AVERAGE ? tf.math.div(out, ctx.scalar(inputs.size())) : out;
    }

    /**
     * Keras's batched dot product: the contracted axis of {@code a} moves last and that of
     * {@code b} first (after the batch), both flatten to {@code [batch, p, n]} and
     * {@code [batch, n, q]}, and one batched matrix product gives {@code [batch, p, q]},
     * reshaped to the checked output.
     */
    private Operand<TFloat32> dot(EmitContext ctx, CheckedLayer layer, Operand<TFloat32> a, Operand<TFloat32> b) {
        var tf = ctx.tf();
        List<Long> axes = layer.config().longs("axes");
        int ax = Math.toIntExact(axes.get(0));
        int bx = Math.toIntExact(axes.get(1));
        if (layer.config().bool("normalize")) {
            a = l2Normalize(ctx, a, ax);
            b = l2Normalize(ctx, b, bx);
        }
        var as = layer.inputs().get(0);
        var bs = layer.inputs().get(1);
        long n = as.dim(ax - 1);
        a = tf.linalg.transpose(a, ctx.ints(moveAxis(as.rank() + 1, ax, as.rank())));
        b = tf.linalg.transpose(b, ctx.ints(moveAxis(bs.rank() + 1, bx, 1)));
        Operand<TFloat32> a3 = tf.reshape(a, ctx.batchShape(a, as.elements() / n, n));
        Operand<TFloat32> b3 = tf.reshape(b, ctx.batchShape(b, n, bs.elements() / n));
        Operand<TFloat32> product = tf.train.batchMatMul(a3, b3, TFloat32.class);
        long[] out = layer.output().dims().stream().mapToLong(Long::longValue).toArray();
        return tf.reshape(product, ctx.batchShape(product, out));
    }

    /** The permutation of {@code rank} axes that moves axis {@code from} to position {@code to}. */
    private static int[] moveAxis(int rank, int from, int to) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rank; i++) if (i != from) order.add(i);
        order.add(to, from);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Keras's {@code l2_normalize}: {@code x / sqrt(max(sum(x^2), 1e-12))} along {@code axis}. */
    private static Operand<TFloat32> l2Normalize(EmitContext ctx, Operand<TFloat32> x, int axis) {
        var tf = ctx.tf();
        Operand<TInt32> along = ctx.ints(axis);
        Operand<TFloat32> squares = tf.reduceSum(tf.math.square(x), along, org.tensorflow.op.core.ReduceSum.keepDims(true));
        return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squares, ctx.scalar(1e-12))));
    }
}
