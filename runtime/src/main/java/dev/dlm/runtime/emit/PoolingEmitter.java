package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
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
                ? maxPool(tf, x, Configs.nhwc(window), Configs.nhwc(strides), padding)
                : tf.nn.avgPool(x, Configs.nhwc(window), Configs.nhwc(strides), padding);
        return rank == 1 ? tf.squeeze(y, Squeeze.axis(List.of(1L))) : y;
    }

    /**
     * TensorFlow's {@code MaxPool} op, window and strides as attributes. TF Java's
     * {@code tf.nn.maxPool} emits {@code MaxPoolV2} (window and strides as tensors), which
     * oneDNN does not take: its gradient, {@code MaxPoolGradV2}, ran as a plain Eigen kernel and
     * cost a quarter of a CNN training step (docs/benchmarks.md). {@code MaxPool} and its
     * gradient run as oneDNN kernels, as in Keras.
     */
    private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
        OperationBuilder op = tf.scope().opBuilder("MaxPool", "MaxPool");
        op.addInput(x.asOutput());
        op.setAttr("ksize", window.stream().mapToLong(Long::longValue).toArray());
        op.setAttr("strides", strides.stream().mapToLong(Long::longValue).toArray());
        op.setAttr("padding", padding);
        return op.build().output(0);
    }
}
