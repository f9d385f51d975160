package dev.dlm.compiler.ir;

import java.util.List;

/**
 * The {@code train { ... }} block, resolved: the loss's canonical Keras name
 * ({@code categorical_crossentropy}, {@code mean_squared_error}...), the optimizer, the
 * metrics, and the fit settings. {@code validationSplit} is 0 when unused;
 * {@code validateOnTest} evaluates on the test set after each epoch (Keras's
 * {@code validation_data=(x_test, y_test)}); {@code seed} is null when unseeded.
 */
public record TrainSpec(String loss, OptimizerSpec optimizer, List<String> metrics, int epochs,
                        int batchSize, double validationSplit, boolean validateOnTest, Long seed,
                        boolean shuffle) {

    public TrainSpec {
        metrics = List.copyOf(metrics);
    }
}
