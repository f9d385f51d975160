package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.shape.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolution or pooling emitter that also takes {@code data_format='channels_first'}: the
 * input {@code [batch, c, ...spatial]} is transposed to channels last, the channels-last
 * emitter runs, and an output of the input's rank is transposed back (a global pooling's
 * {@code [batch, c]} and a Flatten's vector need nothing, which is Keras 3's Flatten of
 * channels-first data). The channels-last emitter sees the layer with its shapes in channels-last
 * order too. TensorFlow's CPU kernels are channels-last only, so Keras's TensorFlow backend
 * transposes the same way.
 */
final class ChannelsFirstEmitter implements LayerEmitter {

    private final LayerEmitter channelsLast;

    ChannelsFirstEmitter(LayerEmitter channelsLast) { this.channelsLast = channelsLast; }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        if (!"channels_first".equals(layer.config().values().get("data_format"))) return channelsLast.emit(ctx, layer, params, input);
        Ops tf = ctx.tf();
        int rank = layer.input().rank() + 1;
        // [0, 2, ..., rank - 1, 1] moves the channels last; [0, rank - 1, 1, ..., rank - 2] moves them back.
        int[] toLast = new int[rank], toFirst = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            toLast[i] = i + 1;
            toFirst[i + 1] = i;
        }
        toLast[rank - 1] = 1;
        toFirst[1] = rank - 1;
        Shape output = layer.output().rank() == layer.input().rank() ? channelsLast(layer.output()) : layer.output();
        CheckedLayer view = new CheckedLayer(layer.name(), layer.kind(), layer.config(), List.of(channelsLast(layer.input())), output,
                layer.params(), layer.cost(), layer.span());
        Operand<TFloat32> y = channelsLast.emit(ctx, view, params, tf.linalg.transpose(input, ctx.ints(toLast)));
        return y.shape().numDimensions() == rank ? tf.linalg.transpose(y, ctx.ints(toFirst)) : y;
    }

    /** {@code [c, ...spatial]} as {@code [...spatial, c]}. */
    private static Shape channelsLast(Shape sample) {
        List<Long> dims = new ArrayList<>(sample.dims());
        if (!dims.isEmpty()) dims.add(dims.remove(0));
        return new Shape(dims);
    }
}
