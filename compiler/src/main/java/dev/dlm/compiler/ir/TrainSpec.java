package dev.dlm.compiler.ir;

import dev.dlm.compiler.source.Span;

import java.util.List;

/**
 * The {@code train { ... }} block, resolved: the loss, the optimizer, the metrics, and the fit
 * settings. {@code validationSplit} is 0 when unused; {@code validateOnTest} evaluates on the
 * test set after each epoch (Keras's {@code validation_data=(x_test, y_test)}); {@code seed}
 * is null when unseeded. {@code span} is the block, where run-time problems are reported.
 */
public record TrainSpec(Loss loss, Optimizer optimizer, List<Metric> metrics, int epochs, int batchSize,
                        double validationSplit, boolean validateOnTest, Long seed, boolean shuffle, Span span) {

    public TrainSpec {
        metrics = List.copyOf(metrics);
    }

    /** The settings, without where the block was written. */
    @Override public String toString() {
        return "TrainSpec[loss=" + loss + ", optimizer=" + optimizer + ", metrics=" + metrics + ", epochs=" + epochs
                + ", batchSize=" + batchSize + ", validationSplit=" + validationSplit + ", validateOnTest=" + validateOnTest
                + ", seed=" + seed + ", shuffle=" + shuffle + "]";
    }

    public TrainSpec withEpochs(int e) {
        return new TrainSpec(loss, optimizer, metrics, e, batchSize, validationSplit, validateOnTest, seed, shuffle, span);
    }

    public TrainSpec withBatchSize(int b) {
        return new TrainSpec(loss, optimizer, metrics, epochs, b, validationSplit, validateOnTest, seed, shuffle, span);
    }

    public TrainSpec withSeed(Long s) {
        return new TrainSpec(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, s, shuffle, span);
    }
}
