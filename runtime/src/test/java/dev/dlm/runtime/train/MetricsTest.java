package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streamed metrics against Keras: values Keras 3.15 printed for fixed predictions (the
 * model is the identity, so its predictions are the samples), and the epoch value of a fit
 * over several batches against a plain-Java computation over all samples at once, which is
 * what Keras's streaming metric objects report.
 */
class MetricsTest {

    static final RunOptions ONE_THREAD = RunOptions.defaults().withThreads(1, 1);
    static final float[] P = {0.1f, 0.8f, 0.35f, 0.4f, 0.9f, 0.65f, 0.2f, 0.55f, 0.3f, 0.05f};
    static final int[] Y = {0, 1, 1, 0, 1, 0, 0, 1, 1, 0};

    /**
     * {@code m = keras.metrics.AUC(); m.update_state(y[:4], p[:4]); m.update_state(y[4:], p[4:])}
     * printed 0.79999995; {@code Precision()} 0.75 and {@code Recall()} 0.6 on the same data.
     */
    @Test
    void binaryMetricsEqualKerasPrintedValues() {
        var model = Models.input(1).activation("linear").loss("binary_crossentropy")
                .metrics(Metric.PRECISION, Metric.RECALL, Metric.AUC).build();
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            Evaluation e = trainer.evaluate(Split.ofFloats(Shape.of(1), 2, P, Y, 1.0));
            assertEquals(0.75, e.metrics().get("precision"), 1e-6);
            assertEquals(0.6, e.metrics().get("recall"), 1e-6);
            assertEquals(0.79999995, e.metrics().get("auc"), 1e-6);
        }
    }

    /** {@code TopKCategoricalAccuracy()} (k = 5, ties in) printed 0.75 on these four samples of 7 classes. */
    @Test
    void topKEqualsKerasPrintedValue() {
        float[] scores = {0.1f, 0.2f, 0.3f, 0.05f, 0.15f, 0.1f, 0.1f, 0.3f, 0.1f, 0.1f, 0.05f, 0.15f, 0.2f, 0.1f,
                0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.4f, 0.02f, 0.03f, 0.5f, 0.1f, 0.1f, 0.1f, 0.15f};
        var model = Models.input(7).activation("linear").loss("categorical_crossentropy")
                .metrics(Metric.ACCURACY, Metric.TOP_K_CATEGORICAL_ACCURACY, Metric.SPARSE_CATEGORICAL_ACCURACY).build();
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            Evaluation e = trainer.evaluate(Split.ofFloats(Shape.of(7), 7, scores, new int[] {0, 3, 6, 2}, 1.0));
            assertEquals(0.75, e.metrics().get("top_k_categorical_accuracy"), 1e-7);
            // Arg-max hits: sample 2 (class 6) and sample 3 (class 2); sparse and resolved accuracy agree.
            assertEquals(0.5, e.metrics().get("sparse_categorical_accuracy"), 1e-7);
            assertEquals(0.5, e.accuracy(), 1e-7);
        }
    }

    /**
     * The metrics' arguments against what Keras 3.15 printed on the same data:
     * {@code AUC(curve='PR')} 0.8078746795654297, {@code AUC(num_thresholds=50)} 0.800000011920929,
     * {@code AUC(num_thresholds=7, curve='PR')} 0.838629424571991, {@code AUC(num_thresholds=3)}
     * 0.7000000476837158 (two updates, as above); {@code TopKCategoricalAccuracy(k=1)} 0.5 where
     * k = 5 gives 0.75.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"200,PR,0.8078746795654297", "50,ROC,0.800000011920929",
            "7,PR,0.838629424571991", "3,ROC,0.7000000476837158"})
    void aucArgumentsEqualKerasPrintedValues(int thresholds, String curve, double expected) {
        var model = Models.input(1).activation("linear").loss("binary_crossentropy").metrics(Metric.AUC)
                .metricOptions(new dev.dlm.compiler.ir.MetricOptions(5, thresholds, curve)).build();
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            assertEquals(expected, trainer.evaluate(Split.ofFloats(Shape.of(1), 2, P, Y, 1.0)).metrics().get("auc"), 1e-6);
        }
    }

    @Test
    void topKUsesItsK() {
        float[] scores = {0.1f, 0.2f, 0.3f, 0.05f, 0.15f, 0.1f, 0.1f, 0.3f, 0.1f, 0.1f, 0.05f, 0.15f, 0.2f, 0.1f,
                0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.4f, 0.02f, 0.03f, 0.5f, 0.1f, 0.1f, 0.1f, 0.15f};
        var model = Models.input(7).activation("linear").loss("categorical_crossentropy").metrics(Metric.TOP_K_CATEGORICAL_ACCURACY)
                .metricOptions(new dev.dlm.compiler.ir.MetricOptions(1, 200, "ROC")).build();
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            Evaluation e = trainer.evaluate(Split.ofFloats(Shape.of(7), 7, scores, new int[] {0, 3, 6, 2}, 1.0));
            assertEquals(0.5, e.metrics().get("top_k_categorical_accuracy"), 1e-7);
        }
    }

    /**
     * Keras 3.15 resolves {@code accuracy} from the output's width, not the loss: an identity
     * model of 3 units compiled with {@code binary_crossentropy} and {@code metrics=["accuracy"]}
     * evaluated these four one-hot samples to 0.75, the arg-max accuracy (binary accuracy would
     * be (2/3 + 1 + 2/3 + 1/3) / 4 = 0.667); one unit gets binary accuracy whatever the loss
     * (Keras printed 0.6667 for 0.3, 0.7, 0.6 against 0, 1, 0, even with categorical crossentropy).
     */
    @Test
    void accuracyIsResolvedFromTheOutputWidthAsKeras3Does() {
        float[] scores = {0.6f, 0.7f, 0.1f, 0.2f, 0.3f, 0.9f, 0.1f, 0.2f, 0.3f, 0.9f, 0.8f, 0.7f};
        var model = Models.input(3).activation("linear").loss("binary_crossentropy").metrics(Metric.ACCURACY).build();
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            assertEquals(0.75, trainer.evaluate(Split.ofFloats(Shape.of(3), 3, scores, new int[] {1, 2, 0, 0}, 1.0)).accuracy(), 1e-7);
        }
        var one = Models.input(1).activation("linear").loss("binary_crossentropy").metrics(Metric.ACCURACY).build();
        try (Trainer trainer = Trainer.create(one, ONE_THREAD.withSeed(1L))) {
            assertEquals(2 / 3.0, trainer.evaluate(Split.ofFloats(Shape.of(1), 2, new float[] {0.3f, 0.7f, 0.6f}, new int[] {0, 1, 0}, 1.0))
                    .accuracy(), 1e-6);
        }
    }

    /**
     * An epoch of 4 batches (3, 3, 3, 1 samples) without updates (learning rate 0): each
     * metric equals the value over all ten samples computed in Java from the model's own
     * predictions (a mean of the four batch values would differ for precision, recall and AUC).
     */
    @Test
    void epochValuesAreStreamedOverBatches() {
        var model = Models.input(1).dense(1, "sigmoid").loss("binary_crossentropy")
                .optimizer(Models.optimizer("sgd", "learning_rate", 0.0)).batchSize(3).epochs(1).shuffle(false)
                .metrics(Metric.PRECISION, Metric.RECALL, Metric.AUC, Metric.MAE, Metric.MSE).build();
        float[] x = {-2, 1.5f, 0.1f, -0.3f, 2, 0.4f, -1, 0.2f, -0.1f, -2.5f};
        try (Trainer trainer = Trainer.create(model, ONE_THREAD.withSeed(1L))) {
            trainer.graph().setWeight("dense_1_kernel", new float[] {1.3f});
            trainer.graph().setWeight("dense_1_bias", new float[] {0.2f});
            float[] p = trainer.graph().predict(x, x.length);
            EpochStats epoch = trainer.fit(Split.ofFloats(Shape.of(1), 2, x, Y, 1.0), null, TrainingListener.SILENT).epochs().get(0);
            Map<String, Double> expected = reference(p, Y);
            expected.forEach((name, value) -> assertEquals(value, epoch.metrics().get(name), 1e-6, name));
            assertEquals(expected.keySet(), epoch.metrics().keySet());
        }
    }

    /** Keras's precision, recall, ROC AUC (200 thresholds, interpolation), mae and mse over all samples at once. */
    static Map<String, Double> reference(float[] p, int[] y) {
        int t = Metric.AUC_THRESHOLDS;
        double[] tp = new double[t], fp = new double[t], tn = new double[t], fn = new double[t];
        for (int i = 0; i < t; i++) {
            float threshold = (float) (i == 0 ? -1e-7 : i == t - 1 ? 1 + 1e-7 : i / (double) (t - 1));
            for (int n = 0; n < p.length; n++) {
                boolean predicted = p[n] > threshold, positive = y[n] != 0;
                if (predicted && positive) tp[i]++;
                else if (predicted) fp[i]++;
                else if (positive) fn[i]++;
                else tn[i]++;
            }
        }
        double auc = 0;
        for (int i = 0; i < t - 1; i++) {
            double x0 = fp[i] / (fp[i] + tn[i]), x1 = fp[i + 1] / (fp[i + 1] + tn[i + 1]);
            double y0 = tp[i] / (tp[i] + fn[i]), y1 = tp[i + 1] / (tp[i + 1] + fn[i + 1]);
            auc += (x0 - x1) * (y0 + y1) / 2;
        }
        int truePositive = 0, predictedPositive = 0, positive = 0;
        double absolute = 0;
        double squared = 0;
        for (int n = 0; n < p.length; n++) {
            boolean predicted = p[n] > 0.5f;
            if (predicted) predictedPositive++;
            if (y[n] != 0) positive++;
            if (predicted && y[n] != 0) truePositive++;
            absolute += Math.abs(p[n] - y[n]);
            squared += (p[n] - y[n]) * (double) (p[n] - y[n]);
        }
        return Map.of("precision", (double) truePositive / predictedPositive, "recall", (double) truePositive / positive,
                "auc", auc, "mae", absolute / p.length, "mse", squared / p.length);
    }
}
