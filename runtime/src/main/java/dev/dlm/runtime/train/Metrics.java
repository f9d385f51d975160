package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.MetricOptions;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/**
 * Keras's metrics in the graph. {@code accuracy} is resolved as Keras 3 resolves it, from the
 * output's width alone: binary accuracy (threshold 0.5) for a single output unit, categorical
 * accuracy (arg-max match) otherwise, whatever the loss (Keras 2 chose binary accuracy for
 * binary crossentropy of any width; Keras 3.15 does not); sparse labels are one-hot encoded before they reach the
 * graph, so sparse categorical accuracy is an arg-max match too. The other metrics are
 * {@link #statistics} summed over an epoch's batches in Java and turned into Keras's value by
 * {@link #value}, so the epoch's number is Keras's streaming result, not a mean of batch values.
 */
final class Metrics {

    private Metrics() {}

    /** The metrics streamed besides the loss and accuracy (which have their own fetches), in the file's order. */
    static List<Metric> streamed(List<Metric> metrics) {
        return metrics.stream().filter(m -> m != Metric.ACCURACY).toList();
    }

    /**
     * One batch's sufficient statistics of {@code metric}, a vector of sums that add up over
     * batches: the per-sample sum of a mean metric, or confusion counts. {@link #value} turns
     * the epoch's sums into what Keras reports. The exhaustive switch means a new
     * {@link Metric} cannot be left without an implementation.
     */
    static Operand<TFloat32> statistics(Ops tf, Metric metric, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        return statistics(tf, metric, MetricOptions.DEFAULT, prediction, target);
    }

    /** As {@link #statistics(Ops, Metric, Operand, Operand)} with the metrics' arguments ({@code k}, {@code num_thresholds}). */
    static Operand<TFloat32> statistics(Ops tf, Metric metric, MetricOptions options, Operand<TFloat32> prediction,
                                        Operand<TFloat32> target) {
        return switch (metric) {
            case ACCURACY -> throw new IllegalArgumentException("internal error: accuracy is resolved from the loss by correctCount");
            case SPARSE_CATEGORICAL_ACCURACY -> tf.reshape(perSampleSum(tf, tf.dtypes.cast(tf.math.equal(
                    tf.math.argMax(prediction, tf.constant(-1)), tf.math.argMax(target, tf.constant(-1))), TFloat32.class)),
                    tf.constant(new int[] {1}));
            case TOP_K_CATEGORICAL_ACCURACY -> {
                // in_top_k wants rank-2 scores and integer labels: fold any sequence axes into the batch.
                long classes = prediction.shape().get(prediction.shape().numDimensions() - 1);
                Operand<TFloat32> scores = tf.reshape(prediction, tf.constant(new long[] {-1, classes}));
                Operand<org.tensorflow.types.TInt32> labels = tf.dtypes.cast(
                        tf.math.argMax(tf.reshape(target, tf.constant(new long[] {-1, classes})), tf.constant(-1)),
                        org.tensorflow.types.TInt32.class);
                Operand<TFloat32> hits = tf.dtypes.cast(tf.nn.inTopK(scores, labels, tf.constant(options.topK())), TFloat32.class);
                // Per sample: the mean over positions, then summed over the batch.
                Operand<TFloat32> perSample = tf.reshape(hits, tf.shape(tf.math.argMax(prediction, tf.constant(-1))));
                yield tf.reshape(perSampleSum(tf, perSample), tf.constant(new int[] {1}));
            }
            case MAE -> tf.reshape(perSampleSum(tf, tf.math.mean(tf.math.abs(tf.math.sub(prediction, target)), tf.constant(-1))),
                    tf.constant(new int[] {1}));
            case MSE -> tf.reshape(perSampleSum(tf, tf.math.mean(tf.math.square(tf.math.sub(prediction, target)), tf.constant(-1))),
                    tf.constant(new int[] {1}));
            case PRECISION, RECALL -> confusion(tf, prediction, target, tf.constant(new float[] {0.5f}));
            case AUC -> confusion(tf, prediction, target, tf.constant(aucThresholds(options.aucThresholds())));
        };
    }

    /** Keras's value from the epoch's summed statistics over {@code samples} samples. */
    static double value(Metric metric, double[] sums, long samples) { return value(metric, MetricOptions.DEFAULT, sums, samples); }

    /** As {@link #value(Metric, double[], long)}; {@code options} chooses the AUC's curve. */
    static double value(Metric metric, MetricOptions options, double[] sums, long samples) {
        return switch (metric) {
            case ACCURACY, SPARSE_CATEGORICAL_ACCURACY, TOP_K_CATEGORICAL_ACCURACY, MAE, MSE -> sums[0] / samples;
            case PRECISION -> divideNoNan(sums[0], sums[0] + sums[1]);
            case RECALL -> divideNoNan(sums[0], sums[0] + sums[3]);
            case AUC -> options.aucCurve().equals("PR") ? prAuc(sums) : auc(sums);
        };
    }

    /** Keras's AUC thresholds: {@code -1e-7}, {@code i / 199} for i in 1..198, {@code 1 + 1e-7}. */
    static float[] aucThresholds() { return aucThresholds(Metric.AUC_THRESHOLDS); }

    /** Keras's {@code n} AUC thresholds: {@code -1e-7}, {@code i / (n - 1)} for i in 1..n-2, {@code 1 + 1e-7}. */
    static float[] aucThresholds(int n) {
        float[] t = new float[n];
        t[0] = (float) (0.0 - 1e-7);
        for (int i = 1; i < n - 1; i++) t[i] = (float) (i * 1.0 / (n - 1));
        t[n - 1] = (float) (1.0 + 1e-7);
        return t;
    }

    /**
     * Keras's ROC AUC by interpolation: true-positive rate against false-positive rate at
     * each threshold, trapezoids between neighbouring thresholds.
     */
    static double auc(double[] sums) {
        int n = sums.length / 4;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double tp = sums[i], fp = sums[n + i], tn = sums[2 * n + i], fn = sums[3 * n + i];
            y[i] = divideNoNan(tp, tp + fn);
            x[i] = divideNoNan(fp, fp + tn);
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++) area += (x[i] - x[i + 1]) * (y[i] + y[i + 1]) / 2;
        return area;
    }

    /**
     * Keras's PR AUC ({@code curve='PR'}, {@code AUC.interpolate_pr_auc}, Davis and Goadrich's
     * interpolation): between neighbouring thresholds precision is interpolated along the
     * predicted-positive count {@code p = TP + FP}, integrated in closed form.
     */
    static double prAuc(double[] sums) {
        int n = sums.length / 4;
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double tp0 = sums[i], tp1 = sums[i + 1], fn1 = sums[3 * n + i + 1];
            double p0 = tp0 + sums[n + i], p1 = tp1 + sums[n + i + 1];
            double dtp = tp0 - tp1;
            double slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
            double intercept = tp1 - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
            area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp1 + fn1, 0));
        }
        return area;
    }

    private static double divideNoNan(double a, double b) { return b == 0 ? 0 : a / b; }

    /**
     * Confusion counts over every value of the batch at each threshold, as Keras's
     * {@code update_confusion_matrix_variables}: a value is predicted positive when it is
     * strictly above the threshold, the label is positive when it is not 0. The vector is
     * {@code [TP(t)..., FP(t)..., TN(t)..., FN(t)...]}.
     */
    private static Operand<TFloat32> confusion(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target,
                                               Operand<TFloat32> thresholds) {
        Operand<TFloat32> p = tf.reshape(prediction, tf.constant(new int[] {1, -1}));
        Operand<TFloat32> label = tf.reshape(tf.dtypes.cast(tf.math.notEqual(target, tf.constant(0f)), TFloat32.class),
                tf.constant(new int[] {1, -1}));
        Operand<TFloat32> positive = tf.dtypes.cast(tf.math.greater(p, tf.reshape(thresholds, tf.constant(new int[] {-1, 1}))),
                TFloat32.class);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> negative = tf.math.sub(one, positive);
        Operand<TFloat32> unlabelled = tf.math.sub(one, label);
        Operand<org.tensorflow.types.TInt32> axis = tf.constant(1);
        Operand<TFloat32> tp = tf.sum(tf.math.mul(positive, label), axis);
        Operand<TFloat32> fp = tf.sum(tf.math.mul(positive, unlabelled), axis);
        Operand<TFloat32> tn = tf.sum(tf.math.mul(negative, unlabelled), axis);
        Operand<TFloat32> fn = tf.sum(tf.math.mul(negative, label), axis);
        return tf.concat(List.of(tp, fp, tn, fn), tf.constant(0));
    }

    /** The sum over the batch of per-sample values (a mean over any axes between batch and value). */
    private static Operand<TFloat32> perSampleSum(Ops tf, Operand<TFloat32> values) {
        int rank = values.shape().numDimensions();
        int[] perSample = new int[rank - 1];
        for (int i = 0; i < perSample.length; i++) perSample[i] = i + 1;
        Operand<TFloat32> sample = perSample.length == 0 ? values : tf.math.mean(values, tf.constant(perSample));
        return tf.sum(sample, tf.constant(0));
    }

    /**
     * The number of correct predictions in the batch (a per-sample mean over any extra axes).
     * {@code loss} does not choose the accuracy (Keras 3's {@code CompileMetrics} looks at the
     * shapes only: a 3-unit sigmoid output with binary crossentropy gets categorical accuracy).
     */
    static Operand<TFloat32> correctCount(Ops tf, Loss loss, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        long last = prediction.shape().get(prediction.shape().numDimensions() - 1);
        Operand<TFloat32> hits;
        if (last == 1) {
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
