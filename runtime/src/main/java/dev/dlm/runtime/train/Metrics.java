package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code accuracy} metric, resolved as Keras resolves it: binary accuracy (threshold
 * 0.5) for binary crossentropy or a single output unit, categorical accuracy (arg-max match)
 * otherwise; sparse labels are one-hot encoded before they reach the graph, so sparse
 * categorical accuracy is categorical accuracy here.
 */
final class Metrics {

    private Metrics() {}

    /** The number of correct predictions in the batch (a per-sample mean over any extra axes). */
    static Operand<TFloat32> correctCount(Ops tf, Loss loss, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        long last = prediction.shape().get(prediction.shape().numDimensions() - 1);
        Operand<TFloat32> hits;
        if (loss == Loss.BINARY_CROSSENTROPY || last == 1) {
            Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(prediction, tf.constant(0.5f)), TFloat32.class);
            hits = tf.dtypes.cast(tf.math.equal(predicted, target), TFloat32.class);
        } else {
            hits = tf.dtypes.cast(tf.math.equal(tf.math.argMax(prediction, tf.constant(-1)),
                    tf.math.argMax(target, tf.constant(-1))), TFloat32.class);
        }
        int rank = hits.shape().numDimensions();
        int[] perSample = new int[rank - 1];
        for (int i = 0; i < perSample.length; i++) perSample[i] = i + 1;
        Operand<TFloat32> sampleAccuracy = perSample.length == 0 ? hits : tf.math.mean(hits, tf.constant(perSample));
        return tf.sum(sampleAccuracy, tf.constant(0));
    }
}
