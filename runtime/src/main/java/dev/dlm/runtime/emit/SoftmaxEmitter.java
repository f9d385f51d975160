package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's Softmax layer over the last axis; a crossentropy after it is computed from its logits. */
final class SoftmaxEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        return ctx.tf().nn.softmax(input);
    }
}
