package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Loss;
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

    static Operand<TFloat32> mean(Ops tf, Loss loss, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        Operand<TFloat32> perValue = switch (loss) {
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> categorical(tf, prediction, target);
            case BINARY_CROSSENTROPY -> binary(tf, prediction, target);
            case MEAN_SQUARED_ERROR -> tf.math.square(tf.math.sub(prediction, target));
            case MEAN_ABSOLUTE_ERROR -> tf.math.abs(tf.math.sub(prediction, target));
        };
        return tf.math.mean(tf.reshape(perValue, tf.constant(new int[] {-1})), tf.constant(0));
    }

    /** Per-sample crossentropy over the last axis (one value per sample and position). */
    private static Operand<TFloat32> categorical(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        int classes = Math.toIntExact(prediction.shape().get(prediction.shape().numDimensions() - 1));
        Operand<TFloat32> logits = producerInput(prediction, "Softmax");
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

    private static Operand<TFloat32> binary(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        Operand<TFloat32> logits = producerInput(prediction, "Sigmoid");
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
