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
 * {@code outputs} is empty for a model with one output; for several (issue 14) it holds each
 * output's loss, weight and metrics, and {@code loss}, {@code lossOptions} are the first
 * output's while {@code metrics} is empty (every metric belongs to an output).
 */
public record TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                        double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                        LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions,
                        MetricOptions metricOptions, List<OutputTraining> outputs) {

    public TrainSpec {
        metrics = List.copyOf(metrics);
        callbacks = List.copyOf(callbacks);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        if (learningRate == null) learningRate = new LearningRateSchedule.Constant(optimizer.learningRate());
        if (lossOptions == null) lossOptions = LossOptions.DEFAULT;
        if (metricOptions == null) metricOptions = MetricOptions.DEFAULT;
    }

    /** A block for a model with several outputs whose metrics keep Keras's default arguments. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions,
                     List<OutputTraining> outputs) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, lossOptions, MetricOptions.DEFAULT, outputs);
    }

    /** A block for a model with one output. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions,
                     MetricOptions metricOptions) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, lossOptions, metricOptions, List.of());
    }

    /** A block for a model with one output whose metrics keep Keras's default arguments. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks, LossOptions lossOptions) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, lossOptions, MetricOptions.DEFAULT, List.of());
    }

    /** A block whose loss keeps Keras's default arguments. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span,
                     LearningRateSchedule learningRate, List<Callback> callbacks) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, learningRate,
                callbacks, null);
    }

    /** A block without schedule or callbacks. */
    public TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span, null, List.of());
    }

    /** True when something validates after each epoch. */
    public boolean validates() { return validationSplit > 0 || validateOnTest; }

    /** The names Keras logs each epoch: {@code loss}, the metrics, and their {@code val_} forms when validating. */
    public List<String> loggedMetrics() {
        return outputs.isEmpty() ? loggedMetrics(metrics, validates()) : loggedOutputMetrics(outputs, validates());
    }

    /**
     * What Keras 3 logs for a model with several outputs: {@code loss} (the weighted total),
     * each output's {@code <name>_loss}, each output's {@code <name>_<metric>}, and their
     * {@code val_} forms when {@code validates}.
     */
    public static List<String> loggedOutputMetrics(List<OutputTraining> outputs, boolean validates) {
        List<String> out = new ArrayList<>();
        out.add("loss");
        for (OutputTraining o : outputs) out.add(o.name() + "_loss");
        for (OutputTraining o : outputs) for (Metric m : o.metrics()) out.add(o.name() + "_" + m.kerasName());
        if (validates) for (String m : List.copyOf(out)) out.add("val_" + m);
        return out;
    }

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
                + ", seed=" + seed + ", shuffle=" + shuffle + (outputs.isEmpty() ? "" : ", outputs=" + outputs) + "]";
    }

    public TrainSpec withEpochs(int e) {
        return new TrainSpec(loss, optimizer, metrics, e, batchSize, validationSplit, validateOnTest, seed, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions, outputs);
    }

    public TrainSpec withBatchSize(int b) {
        return new TrainSpec(loss, optimizer, metrics, epochs, b, validationSplit, validateOnTest, seed, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions, outputs);
    }

    /** This block with each output's training (several outputs) and its callbacks, checked against the logged names. */
    public TrainSpec withOutputs(List<OutputTraining> o, List<Callback> c) {
        return new TrainSpec(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, span,
                learningRate, c, lossOptions, metricOptions, o);
    }

    public TrainSpec withSeed(Long s) {
        return new TrainSpec(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, s, shuffle, span,
                learningRate, callbacks, lossOptions, metricOptions, outputs);
    }
}
