package dev.dlm.runtime.predict;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.train.Evaluation;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.Trainer;

import java.nio.file.Path;

/**
 * {@code dlmc evaluate}'s service: the loss and accuracy of a trained model on a data set's
 * test split, as Keras's {@code model.evaluate} computes them (the mean over samples, training
 * off). The data is the model's own {@code data} statement or the one {@code data} gives.
 */
public final class Evaluator {
    private Evaluator() {}

    /** What an evaluation measured, on how many samples. */
    public record Result(double loss, double accuracy, int samples) {}

    /**
     * Evaluates {@code model}'s weights on the test split of {@code data}'s data statement (a
     * model equal to {@code model.model()} but for its data), read relative to {@code base}.
     */
    public static Result evaluate(TrainedModel model, CheckedModel data, Path base) throws ModelException {
        if (data.data() == null) {
            throw new ModelException(Code.DLM1201, model.model().name(), "the model has no data to evaluate on",
                    "give --data, e.g. --data mnist");
        }
        if (data.train() == null) {
            throw new ModelException(Code.DLM1201, model.model().name(), "the model has no loss to evaluate",
                    "add a train block with a loss to the run's model.dlm");
        }
        Dataset dataset;
        try {
            dataset = DataLoader.load(data.data(), base);
        } catch (DataException e) {
            throw new ModelException(Code.DLM1203, e.source(), e.problem(), e.hint());
        }
        try (Trainer trainer = Trainer.create(data, RunOptions.defaults().withSeed(0L))) {
            model.applyTo(trainer.graph());
            Evaluation e = trainer.evaluate(dataset.test());
            return new Result(e.loss(), e.accuracy(), dataset.test().size());
        }
    }
}
