package dev.dlm.runtime.emit;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's activation functions by name, applied element-wise (softmax over the last axis). */
public final class Activations {

    private Activations() {}

    public static Operand<TFloat32> apply(EmitContext ctx, String name, Operand<TFloat32> x) {
        Ops tf = ctx.tf();
        return switch (name) {
            case "linear" -> x;
            case "relu" -> tf.nn.relu(x);
            case "relu6" -> tf.nn.relu6(x);
            case "elu" -> tf.nn.elu(x);
            case "selu" -> tf.nn.selu(x);
            case "softplus" -> tf.math.softplus(x);
            case "softsign" -> tf.nn.softsign(x);
            case "sigmoid" -> tf.math.sigmoid(x);
            // Keras 2's piecewise-linear sigmoid: clip(0.2 x + 0.5, 0, 1).
            case "hard_sigmoid" -> tf.clipByValue(tf.math.add(tf.math.mul(x, ctx.scalar(0.2)), ctx.scalar(0.5)),
                    ctx.scalar(0), ctx.scalar(1));
            case "tanh" -> tf.math.tanh(x);
            case "softmax" -> tf.nn.softmax(x);
            case "swish", "silu" -> tf.math.mul(x, tf.math.sigmoid(x));
            // Keras's default gelu is the exact one (approximate=False): x/2 (1 + erf(x / sqrt 2)).
            case "gelu" -> tf.math.mul(tf.math.mul(x, ctx.scalar(0.5)),
                    tf.math.add(ctx.scalar(1), tf.math.erf(tf.math.mul(x, ctx.scalar(Math.sqrt(0.5))))));
            case "exponential" -> tf.math.exp(x);
            case "leaky_relu" -> tf.nn.leakyRelu(x);
            default -> throw new IllegalArgumentException("internal error: unknown activation " + name);
        };
    }
}
