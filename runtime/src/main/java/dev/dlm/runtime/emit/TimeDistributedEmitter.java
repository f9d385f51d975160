package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.shape.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's TimeDistributed: the steps fold into the batch ({@code [batch * steps, ...]}), the
 * wrapped layer's emitter runs once on that with the wrapper's weights, and the steps unfold.
 */
final class TimeDistributedEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        CheckedLayer inner = layer.config().layer("layer");
        Operand<TFloat32> folded = tf.reshape(input, ctx.ints(withBatch(inner.input())));
        // Inside, a batch is batch * steps rows: the wrapped layer's masks are drawn in the graph.
        ctx.enterFoldedBatch();
        Operand<TFloat32> y;
        try {
            y = Emitters.forKind(inner.kind()).emit(ctx, inner, params, folded);
        } finally {
            ctx.exitFoldedBatch();
        }
        Shape out = layer.output();
        return tf.reshape(y, ctx.ints(withBatch(out)));
    }

    /** {@code [-1, dims...]}: a reshape target with the batch inferred. */
    private static int[] withBatch(Shape sample) {
        int[] dims = new int[sample.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < sample.rank(); i++) dims[i + 1] = Math.toIntExact(sample.dim(i));
        return dims;
    }
}
