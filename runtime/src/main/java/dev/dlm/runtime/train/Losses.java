package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.LossOptions;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * Keras's losses (an exhaustive switch over {@link Loss}), each the mean over the batch (and any other axes) of the
 * per-sample loss. Like Keras, a crossentropy whose prediction comes straight out of a
 * softmax (or sigmoid) is computed from the logits, which is exact and numerically stable;
 * otherwise probabilities are clipped to {@code [1e-7, 1 - 1e-7]}.
 */
final class Losses {

    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    private Losses() {}

    /**
     * The loss with Keras's arguments: {@code from_logits} takes the prediction as scores;
     * {@code label_smoothing} replaces the target {@code y} by {@code y (1 - s) + s / classes}
     * (categorical) or {@code y (1 - s) + s / 2} (binary), as Keras does before the loss.
     * Per-value losses (mse, mae, huber, binary crossentropy) are averaged over the last axis
     * and then over the batch, which is their mean over every value.
     */
    static Operand<TFloat32> mean(Ops tf, Loss loss, LossOptions options, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        Operand<TFloat32> perValue = switch (loss) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY ->
                    categorical(tf, prediction, smoothed(tf, target, options.labelSmoothing(), lastDim(prediction)), options.fromLogits());
            case BINARY_CROSSENTROPY -> binary(tf, prediction, smoothed(tf, target, options.labelSmoothing(), 2), options.fromLogits());
            case MEAN_SQUARED_ERROR -> tf.math.square(tf.math.sub(prediction, target));
            case MEAN_ABSOLUTE_ERROR -> tf.math.abs(tf.math.sub(prediction, target));
            case HUBER -> huber(tf, prediction, target, options.delta());
            case KL_DIVERGENCE -> klDivergence(tf, prediction, target);
        };
        return tf.math.mean(tf.reshape(perValue, tf.constant(new int[] {-1})), tf.constant(0));
    }

    private static long lastDim(Operand<TFloat32> x) { return x.shape().get(x.shape().numDimensions() - 1); }

    /** Keras's label smoothing towards {@code 1 / k}; the target unchanged when {@code s} is 0. */
    private static Operand<TFloat32> smoothed(Ops tf, Operand<TFloat32> target, double s, long k) {
        if (s == 0) return target;
        return tf.math.add(tf.math.mul(target, tf.constant((float) (1 - s))), tf.constant((float) (s / k)));
    }

    /** Keras's huber: {@code 0.5 e^2} where {@code |e| <= delta}, else {@code delta |e| - 0.5 delta^2}. */
    private static Operand<TFloat32> huber(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target, double delta) {
        Operand<TFloat32> error = tf.math.sub(prediction, target);
        Operand<TFloat32> abs = tf.math.abs(error);
        Operand<TFloat32> d = tf.constant((float) delta);
        Operand<TFloat32> half = tf.constant(0.5f);
        Operand<TFloat32> quadratic = tf.math.mul(half, tf.math.square(error));
        Operand<TFloat32> linear = tf.math.sub(tf.math.mul(d, abs), tf.math.mul(half, tf.math.square(d)));
        return tf.select(tf.math.lessEqual(abs, d), quadratic, linear);
    }

    /** Keras's kl_divergence: {@code sum(y log(y / p))} over the last axis, both clipped to {@code [1e-7, 1]}. */
    private static Operand<TFloat32> klDivergence(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        Operand<TFloat32> y = tf.clipByValue(target, tf.constant(EPSILON), tf.constant(1f));
        Operand<TFloat32> p = tf.clipByValue(prediction, tf.constant(EPSILON), tf.constant(1f));
        return tf.sum(tf.math.mul(y, tf.math.log(tf.math.div(y, p))), tf.constant(-1));
    }

    /** Per-sample crossentropy over the last axis (one value per sample and position). */
    private static Operand<TFloat32> categorical(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target, boolean fromLogits) {
        int classes = Math.toIntExact(prediction.shape().get(prediction.shape().numDimensions() - 1));
        // Keras uses a softmax's input as the logits even with from_logits=False (and, like it,
        // ignores the softmax when from_logits=True: the checker warns about that pairing).
        Operand<TFloat32> logits = fromLogits ? prediction : producerInput(prediction, "Softmax");
        if (logits != null) {
            // The op wants rank 2: fold sequence axes into the batch.
            Operand<TFloat32> flatLogits = tf.reshape(logits, tf.constant(new int[] {-1, classes}));
            Operand<TFloat32> flatTarget = tf.reshape(target, tf.constant(new int[] {-1, classes}));
            return tf.nn.softmaxCrossEntropyWithLogits(flatLogits, flatTarget).loss();
        }
        Operand<TFloat32> normalized = tf.math.div(prediction, tf.sum(prediction, tf.constant(-1), Sum.keepDims(true)));
        Operand<TFloat32> clipped = tf.clipByValue(normalized, tf.constant(EPSILON), tf.constant(1 - EPSILON));
        return tf.math.neg(tf.sum(tf.math.mul(target, tf.math.log(clipped)), tf.constant(-1)));
    }

    private static Operand<TFloat32> binary(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target, boolean fromLogits) {
        Operand<TFloat32> logits = fromLogits ? prediction : producerInput(prediction, "Sigmoid");
        if (logits != null) {
            // max(z, 0) - z y + log(1 + exp(-|z|)): TensorFlow's sigmoid_cross_entropy_with_logits.
            return tf.math.add(tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, target)),
                    tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        }
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> p = tf.clipByValue(prediction, tf.constant(EPSILON), tf.constant(1 - EPSILON));
        return tf.math.neg(tf.math.add(tf.math.mul(target, tf.math.log(p)),
                tf.math.mul(tf.math.sub(one, target), tf.math.log(tf.math.sub(one, p)))));
    }

    /** The input of {@code value}'s producing op when that op is of {@code type}, else null. */
    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> producerInput(Operand<TFloat32> value, String type) {
        GraphOperation op = (GraphOperation) value.op();
        return op.type().equals(type) ? (Operand<TFloat32>) op.input(0) : null;
    }
}
