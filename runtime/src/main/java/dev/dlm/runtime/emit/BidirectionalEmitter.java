package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's Bidirectional wrapper: the wrapped recurrent layer runs forward with the
 * {@code forward_} weights and over the reversed sequence with the {@code backward_} weights;
 * a returned backward sequence is reversed back to time order before the outputs merge.
 */
final class BidirectionalEmitter implements LayerEmitter {

    private final Map<String, LayerEmitter> emitters;

    BidirectionalEmitter(Map<String, LayerEmitter> emitters) { this.emitters = emitters; }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        CheckedLayer inner = layer.config().layer("layer");
        LayerEmitter emitter = emitters.get(inner.kind());
        if (emitter == null) throw new IllegalArgumentException("internal error: Bidirectional cannot wrap " + inner.kind());
        Operand<TFloat32> forward = emitter.emit(ctx, inner, params.withPrefix("forward_"), input);

        Map<String, Object> flipped = new LinkedHashMap<>(inner.config().values());
        flipped.put("go_backwards", !inner.config().bool("go_backwards"));
        CheckedLayer backwardLayer = new CheckedLayer(inner.name(), inner.kind(), new LayerConfig(flipped),
                inner.input(), inner.output(), inner.params(), inner.span());
        Operand<TFloat32> backward = emitter.emit(ctx, backwardLayer, params.withPrefix("backward_"), input);
        if (inner.config().bool("return_sequences")) backward = tf.reverse(backward, ctx.ints(1));

        return switch (layer.config().string("merge_mode")) {
            case "concat" -> tf.concat(List.of(forward, backward), ctx.axis(-1));
            case "sum" -> tf.math.add(forward, backward);
            case "mul" -> tf.math.mul(forward, backward);
            case "ave" -> tf.math.mul(tf.math.add(forward, backward), ctx.scalar(0.5));
            default -> throw new IllegalArgumentException("internal error: merge_mode " + layer.config().string("merge_mode"));
        };
    }
}
