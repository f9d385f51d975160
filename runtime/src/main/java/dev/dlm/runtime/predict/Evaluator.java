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

    /**
     * What an evaluation measured, on how many samples: the loss, the accuracy, and the train
     * block's other metrics by Keras's names ({@code mae}, {@code mse}...). {@code regression}
     * when the targets are real values (issue 14), whose accuracy means nothing.
     */
    public record Result(double loss, double accuracy, int samples, java.util.Map<String, Double> metrics, boolean regression) {
        public Result {
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        }

        public Result(double loss, double accuracy, int samples) {
            this(loss, accuracy, samples, java.util.Map.of(), false);
        }
    }

    /**
     * Where the data of the run in {@code runDir} is read from: the folder of the {@code .dlm}
     * file the run was started from (as a resumed run reads it: a CSV's relative path is
     * relative to that file), else {@code runDir} itself (a folder {@code dlmc import} wrote).
     */
    public static Path dataBase(Path runDir) {
        if (!java.nio.file.Files.isRegularFile(runDir.resolve(dev.dlm.runtime.run.RunDirectory.RUN_JSON))) return runDir;
        try {
            var run = dev.dlm.runtime.run.RunDirectory.open(runDir);
            return run.run().get("model_file") instanceof String ? dev.dlm.runtime.run.RunService.dataBase(run) : runDir;
        } catch (dev.dlm.runtime.run.RunException e) {
            return runDir;
        }
    }

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
            return new Result(e.loss(), e.accuracy(), dataset.test().size(), e.metrics(), data.data().realTargets());
        }
    }
}
