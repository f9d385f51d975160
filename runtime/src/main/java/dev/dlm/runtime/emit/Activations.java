package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's activation functions, applied element-wise (softmax over the last axis). The switch
 * is exhaustive over {@link Activation}: an activation the compiler accepts without an
 * implementation here does not compile.
 */
public final class Activations {

    /** Keras 3's {@code leaky_relu} activation slope (the LeakyReLU layer's default is 0.3). */
    static final double LEAKY_RELU_SLOPE = 0.2;

    private Activations() {}

    public static Operand<TFloat32> apply(EmitContext ctx, Activation activation, Operand<TFloat32> x) {
        Ops tf = ctx.tf();
        return switch (activation) {
            case LINEAR -> x;
            case RELU -> tf.nn.relu(x);
            case RELU6 -> tf.nn.relu6(x);
            case LEAKY_RELU -> leakyRelu(ctx, x, LEAKY_RELU_SLOPE);
            case ELU -> tf.nn.elu(x);
            case SELU -> tf.nn.selu(x);
            case SOFTPLUS -> tf.math.softplus(x);
            case SOFTSIGN -> tf.nn.softsign(x);
            case SIGMOID -> tf.math.sigmoid(x);
            // Keras 3's piecewise-linear sigmoid, relu6(x + 3) / 6 (Keras 2's was clip(0.2 x + 0.5, 0, 1)).
            case HARD_SIGMOID -> tf.math.div(tf.nn.relu6(tf.math.add(x, ctx.scalar(3))), ctx.scalar(6));
            case TANH -> tf.math.tanh(x);
            case SOFTMAX -> tf.nn.softmax(x);
            case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
            // Keras's default gelu is the exact one (approximate=False): x/2 (1 + erf(x / sqrt 2)).
            case GELU -> tf.math.mul(tf.math.mul(x, ctx.scalar(0.5)),
                    tf.math.add(ctx.scalar(1), tf.math.erf(tf.math.mul(x, ctx.scalar(Math.sqrt(0.5))))));
            case EXPONENTIAL -> tf.math.exp(x);
        };
    }

    /** {@code x} where positive, {@code slope * x} elsewhere. */
    static Operand<TFloat32> leakyRelu(EmitContext ctx, Operand<TFloat32> x, double slope) {
        return ctx.tf().nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha((float) slope));
    }
}
