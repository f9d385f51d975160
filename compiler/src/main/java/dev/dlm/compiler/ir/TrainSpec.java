package dev.dlm.compiler.ir;

import dev.dlm.compiler.source.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code train { ... }} block, resolved: the loss, the optimizer, the metrics, and the fit
 * settings. {@code validationSplit} is 0 when unused; {@code validateOnTest} evaluates on the
 * test set after each epoch (Keras's {@code validation_data=(x_test, y_test)}); {@code seed}
 * is null when unseeded. {@code span} is the block, where run-time problems are reported.
 * {@code learningRate} is the optimizer's rate as a schedule ({@link LearningRateSchedule.Constant}
 * for a plain number); {@code callbacks} are Keras's {@code fit(callbacks=[...])};
 * {@code metricOptions} the arguments of the metrics that take some.
 */
public record TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                        double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                        LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions,
                        MetricOptions metricOptions) {

    public TrainSpec {
        metrics = List.copyOf(metrics);
        callbacks = List.copyOf(callbacks);
        if (learningRate == null) learningRate = new LearningRateSchedule.Constant(optimizer.learningRate());
        if (lossOptions == null) lossOptions = LossOptions.DEFAULT;
        if (metricOptions == null) metricOptions = MetricOptions.DEFAULT;
    }

    /** A block whose metrics keep Keras's default arguments. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, lossOptions, null);
    }

    /** A block whose loss keeps Keras's default arguments. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, null, null);
    }

    /** A block without schedule or callbacks. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, null, List.of());
    }

    /** True when something validates after each epoch. */
    public boolean validates() { return validationSplit > 0 || validateOnTest; }

    /** The names Keras logs each epoch: {@code loss}, the metrics, and their {@code val_} forms when validating. */
    public List<String> loggedMetrics() { return loggedMetrics(metrics, validates()); }

    /** {@code loss}, the metrics, and their {@code val_} forms when {@code validates}. */
    public static List<String> loggedMetrics(List<Metric> metrics, boolean validates) {
        List<String> out = new ArrayList<>();
        out.add("loss");
        for (Metric m : metrics) out.add(m.kerasName());
        if (validates) for (String m : List.copyOf(out)) out.add("val_" + m);
        return out;
    }

    /** The settings, without where the block was written. */
    @Override public String toString() {
        return "TrainSpec[loss=" + loss + ", optimizer=" + optimizer + ", metrics=" + metrics + ", epochs=" + epochs
                + ", batchSize=" + batchSize + ", validationSplit=" + validationSplit + ", validateOnTest=" + validateOnTest
                + ", seed=" + seed + ", shuffle=" + shuffle + "]";
    }

    public TrainSpec withEpochs(int e) {
        return new TrainSpec(loss, optimizer, metrics, e, batchSize, validationSplit, validateOnTest, seed, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions);
    }

    public TrainSpec withBatchSize(int b) {
        return new TrainSpec(loss, optimizer, metrics, epochs, b, validationSplit, validateOnTest, seed, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions);
    }

    public TrainSpec withSeed(Long s) {
        return new TrainSpec(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, s, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions);
    }
}
