package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's Embedding: rows of the {@code embeddings} matrix picked by the (float-fed) indices.
 * GatherV2 is used because the v1 Gather has no gradient.
 */
final class EmbeddingEmitter implements LayerEmitter {
    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Operand<TInt32> indices = ctx.tf().dtypes.cast(input, TInt32.class);
        return ctx.tf().gather(params.get("embeddings"), indices, ctx.axis(0));
    }
}
