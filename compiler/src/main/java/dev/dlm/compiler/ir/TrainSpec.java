package dev.dlm.compiler.ir;

import java.util.List;

/**
 * The {@code train { ... }} block, resolved: the loss's canonical Keras name
 * ({@code categorical_crossentropy}, {@code mean_squared_error}...), the optimizer, the
 * metrics, and the fit settings. {@code validationSplit} is 0 when unused;
 * {@code validateOnTest} evaluates on the test set after each epoch (Keras's
 * {@code validation_data=(x_test, y_test)}); {@code seed} is null when unseeded.
 * {@code learningRate} is the optimizer's rate as a schedule ({@link LearningRateSchedule.Constant}
 * for a plain number); {@code callbacks} are Keras's {@code fit(callbacks=[...])}.
 */
public record TrainSpec(String loss, OptimizerSpec optimizer, List<String> metrics, int epochs,
                        int batchSize, double validationSplit, boolean validateOnTest, Long seed,
                        boolean shuffle, LearningRateSchedule learningRate, List<Callback> callbacks) {

    public TrainSpec {
        metrics = List.copyOf(metrics);
        callbacks = List.copyOf(callbacks);
        if (learningRate == null) learningRate = new LearningRateSchedule.Constant(optimizer.get("learning_rate"));
    }

    /** A block without schedule or callbacks. */
    public TrainSpec(String loss, OptimizerSpec optimizer, List<String> metrics, int epochs, int batchSize,
                     double validationSplit, boolean validateOnTest, Long seed, boolean shuffle) {
        this(loss, optimizer, metrics, epochs, batchSize, validationSplit, validateOnTest, seed, shuffle, null, List.of());
    }

    /** True when something validates after each epoch. */
    public boolean validates() { return validationSplit > 0 || validateOnTest; }

    /** The names Keras logs each epoch: {@code loss}, the metrics, and their {@code val_} forms when validating. */
    public List<String> loggedMetrics() {
        List<String> out = new java.util.ArrayList<>();
        out.add("loss");
        out.addAll(metrics);
        if (validates()) for (String m : List.copyOf(out)) out.add("val_" + m);
        return out;
    }

    /** This block with another number of epochs (a change a resumed run may make). */
    public TrainSpec withEpochs(int newEpochs) {
        return new TrainSpec(loss, optimizer, metrics, newEpochs, batchSize, validationSplit, validateOnTest, seed, shuffle,
                learningRate, callbacks);
    }
}
