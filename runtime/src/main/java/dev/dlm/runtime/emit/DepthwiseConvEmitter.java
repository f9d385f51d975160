package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's DepthwiseConv2D and SeparableConv2D (channels last). The depthwise step is
 * TensorFlow's DepthwiseConv2dNative over the kernel spread by the dilation (as in
 * {@link ConvEmitter}); SeparableConv2D follows it with a 1x1 Conv2D of its pointwise kernel.
 */
final class DepthwiseConvEmitter implements LayerEmitter {

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        var config = layer.config();
        boolean separable = layer.kind() == LayerKind.SEPARABLE_CONV2D;
        List<Long> strides = Configs.nhwc(Configs.tuple(config, "strides", 2));
        Operand<TFloat32> depthwise = ConvEmitter.dilate(ctx, params.get(separable ? "depthwise_kernel" : "kernel"),
                Configs.tuple(config, "dilation_rate", 2));
        Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(input, depthwise, strides, Configs.padding(config));
        if (separable) y = tf.nn.conv2d(y, params.get("pointwise_kernel"), List.of(1L, 1L, 1L, 1L), "VALID");
        if (config.bool("use_bias")) y = tf.nn.biasAdd(y, params.get("bias"));
        return Activations.apply(ctx, config.activation("activation"), y);
    }
}
