package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's Bidirectional wrapper: the wrapped recurrent layer runs forward with the
 * {@code forward_} weights and over the reversed sequence with the {@code backward_} weights;
 * a returned backward sequence is reversed back to time order before the outputs merge.
 */
final class BidirectionalEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        CheckedLayer inner = layer.config().layer("layer");
        LayerEmitter emitter = Emitters.forKind(inner.kind());
        Operand<TFloat32> forward = emitter.emit(ctx, inner, params.withPrefix("forward_"), input);

        CheckedLayer backwardLayer = new CheckedLayer(inner.name(), inner.kind(),
                inner.config().with("go_backwards", !inner.config().bool("go_backwards")),
                inner.inputs(), inner.output(), inner.params(), inner.cost(), inner.span());
        Operand<TFloat32> backward = emitter.emit(ctx, backwardLayer, params.withPrefix("backward_"), input);
        if (inner.config().bool("return_sequences")) backward = tf.reverse(backward, ctx.ints(1));

        // merge_mode is one of the choices the checker allows ('none' is refused there).
        String mode = layer.config().string("merge_mode");
        if (mode.equals("concat")) return tf.concat(List.of(forward, backward), ctx.axis(-1));
        if (mode.equals("sum")) return tf.math.add(forward, backward);
        if (mode.equals("mul")) return tf.math.mul(forward, backward);
        return tf.math.mul(tf.math.add(forward, backward), ctx.scalar(0.5));
    }
}
