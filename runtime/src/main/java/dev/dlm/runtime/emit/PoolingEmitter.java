package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/** Keras's MaxPooling1D/2D and AveragePooling1D/2D; the 1D forms pool a height-1 image. */
final class PoolingEmitter implements LayerEmitter {

    private final int rank;
    private final boolean max;

    PoolingEmitter(int rank, boolean max) {
        this.rank = rank;
        this.max = max;
    }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        List<Long> window = new ArrayList<>(Configs.tuple(layer.config(), "pool_size", rank));
        List<Long> strides = new ArrayList<>(Configs.strides(layer.config(), rank));
        Operand<TFloat32> x = input;
        if (rank == 1) {
            x = tf.expandDims(x, ctx.axis(1));
            window.add(0, 1L);
            strides.add(0, 1L);
        }
        String padding = Configs.padding(layer.config());
        Operand<TFloat32> y = max
                ? tf.nn.maxPool(x, ctx.ints(toInts(Configs.nhwc(window))), ctx.ints(toInts(Configs.nhwc(strides))), padding)
                : tf.nn.avgPool(x, Configs.nhwc(window), Configs.nhwc(strides), padding);
        return rank == 1 ? tf.squeeze(y, Squeeze.axis(List.of(1L))) : y;
    }

    private static int[] toInts(List<Long> values) {
        return values.stream().mapToInt(Math::toIntExact).toArray();
    }
}
