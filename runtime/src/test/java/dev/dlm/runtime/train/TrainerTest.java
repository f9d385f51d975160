package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.runtime.testing.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training and evaluation end to end on small MNIST slices, plus the trainer's error paths. */
class TrainerTest {

    static final RunOptions OPTIONS = RunOptions.defaults().withThreads(2, 1);
    static Split train;
    static Split test;

    @BeforeAll
    static void readMnist() {
        train = Mnist.train(2000);
        test = Mnist.test(1000);
    }

    static Models mlp() {
        return Models.input(784).data(28, 28).dense(128, "relu").dropout(0.2).dense(10, "softmax")
                .batchSize(64).epochs(5);
    }

    @Test
    void mlpLearnsAnMnistSlice() {
        List<Integer> batchesSeen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onBatchEnd(int epoch, int step, int steps, double loss, double accuracy) {
                if (epoch == 1) batchesSeen.add(step);
                assertEquals(32, steps);
            }
        };
        try (Trainer trainer = Trainer.create(mlp().build(), OPTIONS)) {
            History history = trainer.fit(train, test, listener);
            assertEquals(5, history.epochs().size());
            assertEquals(32, batchesSeen.size());
            assertTrue(history.last().loss() < history.epochs().get(0).loss(), "loss did not fall: " + history);
            Evaluation evaluation = trainer.evaluate(test);
            assertTrue(evaluation.accuracy() >= 0.84, "test accuracy " + evaluation.accuracy());
            assertEquals(evaluation.loss(), history.last().valLoss(), 1e-6);
            assertEquals(evaluation.accuracy(), history.last().valAccuracy(), 1e-9);
        }
    }

    @Test
    void cnnOnReshapedImagesLearns() {
        CheckedModel model = Models.input(28, 28, 1).data(28, 28).conv2d(8, 3, 1, "valid", 1, "relu")
                .pool2d("MaxPooling2D", 2, 2, "valid").flatten().dense(10, "softmax")
                .optimizer(Models.optimizer("adam", "learning_rate", 0.003)).batchSize(64).epochs(3).build();
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            trainer.fit(train, null, TrainingListener.SILENT);
            double accuracy = trainer.evaluate(test).accuracy();
            assertTrue(accuracy >= 0.85, "test accuracy " + accuracy);
        }
    }

    @Test
    void simpleRnnOverImageRowsLearns() {
        CheckedModel model = Models.input(28, 28).data(28, 28).recurrent("SimpleRNN", 64, false).dense(10, "softmax")
                .optimizer(Models.optimizer("adam", "learning_rate", 0.003)).batchSize(32).epochs(6).build();
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            trainer.fit(train, null, TrainingListener.SILENT);
            double accuracy = trainer.evaluate(test).accuracy();
            assertTrue(accuracy >= 0.65, "test accuracy " + accuracy);
        }
    }

    @Test
    void sameSeedGivesIdenticalRunsAndAnotherSeedDoesNot() {
        CheckedModel model = mlp().epochs(2).build();
        Split small = train.slice(0, 500);
        List<Double> first = losses(model, small, 17L);
        assertEquals(first, losses(model, small, 17L));
        assertNotEquals(first, losses(model, small, 18L));
    }

    /**
     * fit fills each next batch on another thread while the current step runs; that must not
     * change a bit: two epochs of fit (no shuffling) against the same steps taken one by one,
     * each batch filled as it is run (trainSteps), from the same seed. The last batch is short.
     */
    @Test
    void prefetchedBatchesTrainExactlyAsBatchesFilledByTheStep() {
        CheckedModel model = mlp().shuffle(false).epochs(2).build();
        Split small = train.slice(0, 500);
        int steps = (500 + 63) / 64;
        try (Trainer fitted = Trainer.create(model, OPTIONS.withSeed(5L));
             Trainer stepped = Trainer.create(model, OPTIONS.withSeed(5L))) {
            History history = fitted.fit(small, null, TrainingListener.SILENT);
            double[] losses = stepped.trainSteps(small, small.order(), 64, 2 * steps);
            for (int epoch = 0; epoch < 2; epoch++) {
                double sum = 0;
                for (int step = 0; step < steps; step++) sum += losses[epoch * steps + step] * Math.min(64, 500 - step * 64);
                assertEquals(sum / 500, history.epochs().get(epoch).loss(), 0.0, "epoch " + (epoch + 1) + "'s mean loss");
            }
            for (String name : fitted.graph().weightNames()) {
                assertTrue(java.util.Arrays.equals(fitted.graph().weight(name), stepped.graph().weight(name)), name + " after two epochs");
            }
        }
    }

    @Test
    void fedDropoutMasksTrainExactlyAsMasksTheStepDrawsItself() {
        // The masks drawn ahead on the prefetch thread (MaskDrawer) and fed, against the step's
        // own draw: the same keys (op seed, global step), so every loss and weight is the same.
        // Dropout, SpatialDropout1D and a seeded Dropout are fed; TimeDistributed(Dropout)'s
        // batch is batch * steps rows, so its mask stays in the step.
        CheckedModel model = Models.input(784).data(28, 28).dense(64, "relu").dropout(0.3).reshape(8, 8)
                .spatialDropout1d(0.25).timeDistributedDropout(0.2).flatten().dropout(0.5, 7L).dense(10, "softmax")
                .epochs(2).batchSize(64).build();
        Split small = train.slice(0, 500);
        RunOptions options = OPTIONS.withSeed(5L);
        try (Trainer fed = Trainer.create(model, options, new ModelGraph.Rewrites(true, true, true, 1, 1, 1));
             Trainer drawn = Trainer.create(model, options, new ModelGraph.Rewrites(true, true, false, 1, 1, 1))) {
            assertEquals(3, fed.graph().fedMasks().size(), "every mask but TimeDistributed's is fed");
            assertTrue(drawn.graph().fedMasks().isEmpty());
            History a = fed.fit(small, null, TrainingListener.SILENT);
            History b = drawn.fit(small, null, TrainingListener.SILENT);
            for (int epoch = 0; epoch < 2; epoch++) {
                assertEquals(b.epochs().get(epoch).loss(), a.epochs().get(epoch).loss(), 0.0, "epoch " + (epoch + 1) + "'s loss");
            }
            for (String name : fed.graph().weightNames()) {
                assertTrue(java.util.Arrays.equals(drawn.graph().weight(name), fed.graph().weight(name)), name + " after two epochs");
            }
            // Evaluation feeds no mask: training off, every mask is one.
            assertEquals(drawn.evaluate(test.slice(0, 200)).loss(), fed.evaluate(test.slice(0, 200)).loss(), 0.0);
            // trainSteps draws its own step's masks too.
            double[] x = fed.trainSteps(small, small.order(), 64, 3);
            double[] y = drawn.trainSteps(small, small.order(), 64, 3);
            assertTrue(java.util.Arrays.equals(x, y), java.util.Arrays.toString(x) + " against " + java.util.Arrays.toString(y));
        }
    }

    @Test
    void masksAreFedOnTheCpuOnly() {
        // A GPU draws its masks in the step at little cost; a feed would copy them to the device.
        assertTrue(ModelGraph.Rewrites.forThreads(OPTIONS).fedMasks());
        assertFalse(ModelGraph.Rewrites.forThreads(OPTIONS.withDevice("gpu")).fedMasks());
    }

    private static List<Double> losses(CheckedModel model, Split data, long seed) {
        try (Trainer trainer = Trainer.create(model, OPTIONS.withSeed(seed))) {
            History history = trainer.fit(data, null, TrainingListener.SILENT);
            List<Double> out = new ArrayList<>();
            for (EpochStats e : history.epochs()) out.add(e.loss());
            out.add(trainer.evaluate(test.slice(0, 200)).loss());
            return out;
        }
    }

    @Test
    void divergingLossStopsWithAUserMessage() {
        CheckedModel model = mlp().optimizer(Models.optimizer("sgd", "learning_rate", 1e9)).build();
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> trainer.fit(train.slice(0, 640), null, TrainingListener.SILENT));
            assertTrue(e.getMessage().matches("the loss became (NaN|infinite) at epoch 1, step \\d+"), e.getMessage());
            assertEquals(dev.dlm.compiler.diag.Code.DLM0801, e.code());
            assertTrue(e.help().startsWith("try a lower learning rate"), e.help());
        }
    }

    @Test
    void validationSplitHoldsOutTheLastSamples() {
        CheckedModel model = mlp().epochs(1).validationSplit(0.2).build();
        Split data = train.slice(0, 500);
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            History history = trainer.fit(new Dataset("mnist", Shape.of(28, 28), 10, data, test), TrainingListener.SILENT);
            assertNotNull(history.last().valLoss());
            assertEquals(trainer.evaluate(data.slice(400, 500)).loss(), history.last().valLoss(), 1e-7);
        }
    }

    @Test
    void evaluateReportsKerasCrossentropyAndAccuracy() {
        CheckedModel model = Models.input(784).data(28, 28).dense(10, "softmax").build();
        Split slice = test.slice(0, 300);
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            float[] x = new float[300 * 784];
            int[] order = new int[300];
            for (int i = 0; i < 300; i++) order[i] = i;
            slice.fillBatch(order, 0, 300, x);
            float[] p = trainer.graph().predict(x, 300);
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < 300; i++) {
                loss -= Math.log(p[i * 10 + slice.label(i)]) / 300;
                int best = 0;
                for (int j = 1; j < 10; j++) if (p[i * 10 + j] > p[i * 10 + best]) best = j;
                if (best == slice.label(i)) correct++;
            }
            Evaluation evaluation = trainer.evaluate(slice);
            assertEquals(loss, evaluation.loss(), 1e-5);
            assertEquals(correct / 300.0, evaluation.accuracy(), 1e-9);
        }
    }

    @Test
    void binaryAccuracyThresholdsAtOneHalf() {
        CheckedModel model = Models.input(2).dense(1, "sigmoid").loss("binary_crossentropy").build();
        float[] x = {3, 0, -3, 0, 0.1f, 0, -0.1f, 0};
        int[] labels = {1, 0, 0, 1};
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            trainer.graph().setWeight("dense_1_kernel", new float[] {1, 0});
            Evaluation evaluation = trainer.evaluate(Split.ofFloats(Shape.of(2), 2, x, labels, 1.0));
            assertEquals(0.5, evaluation.accuracy());
            double expected = 0;
            for (int i = 0; i < 4; i++) {
                double p = 1 / (1 + Math.exp(-x[2 * i]));
                expected -= (labels[i] == 1 ? Math.log(p) : Math.log(1 - p)) / 4;
            }
            assertEquals(expected, evaluation.loss(), 1e-6);
        }
    }

    @Test
    void regularizationPenaltiesAreAddedToTheLoss() {
        Regularizer penalty = new Regularizer(0.01, 0.02);
        Models plain = Models.input(3).dense(2, "linear").loss("mean_squared_error");
        Models regularized = Models.input(3).add("dense_1", "Dense",
                Models.config("units", 2L, "activation", "linear", "use_bias", true), Shape.of(2),
                ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, penalty, 3, 2),
                ParamSpec.trainable("bias", Initializer.ZEROS, null, 2)).loss("mean_squared_error");
        float[] kernel = random(1, 6, -1, 1), x = random(2, 6, -1, 1), y = random(3, 4, -1, 1);
        double expectedPenalty = 0;
        for (float w : kernel) expectedPenalty += 0.01 * Math.abs(w) + 0.02 * w * w;
        try (ModelGraph a = ModelGraph.build(plain.build(), OPTIONS, 1L); ModelGraph b = ModelGraph.build(regularized.build(), OPTIONS, 1L)) {
            a.setWeight("dense_1_kernel", kernel);
            b.setWeight("dense_1_kernel", kernel);
            double base = a.lossAndGradients(x, y, 2, false).loss();
            assertEquals(base + expectedPenalty, b.lossAndGradients(x, y, 2, false).loss(), 1e-6);
        }
    }

    @Test
    void batchNormMovingStatisticsMoveTowardTheBatch() {
        CheckedModel model = Models.input(3).batchNorm().dense(2, "softmax").batchSize(4).epochs(1).shuffle(false).build();
        float[] x = {1, 2, 3, 3, 2, 1, 0, 0, 4, 4, 4, 4};
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            trainer.fit(Split.ofFloats(Shape.of(3), 2, x, new int[] {0, 1, 0, 1}, 1.0), null, TrainingListener.SILENT);
            float[] mean = trainer.graph().weight("batch_normalization_1_moving_mean");
            float[] variance = trainer.graph().weight("batch_normalization_1_moving_variance");
            for (int c = 0; c < 3; c++) {
                double m = 0, v = 0;
                for (int b = 0; b < 4; b++) m += x[b * 3 + c] / 4.0;
                for (int b = 0; b < 4; b++) v += Math.pow(x[b * 3 + c] - m, 2) / 4.0;
                assertEquals(0.01 * m, mean[c], 1e-6);
                assertEquals(0.99 + 0.01 * v, variance[c], 1e-6);
            }
        }
    }

    @Test
    void frozenWeightsAreNotTrained() {
        CheckedModel model = Models.input(3).add("dense_1", "Dense",
                        Models.config("units", 2L, "activation", "softmax", "use_bias", true), Shape.of(2),
                        ParamSpec.frozen("kernel", Initializer.GLOROT_UNIFORM, 3, 2),
                        ParamSpec.trainable("bias", Initializer.ZEROS, null, 2)).build();
        try (Trainer trainer = Trainer.create(model, OPTIONS)) {
            float[] kernel = trainer.graph().weight("dense_1_kernel");
            trainer.fit(Split.ofFloats(Shape.of(3), 2, random(4, 12, -1, 1), new int[] {0, 1, 1, 0}, 1.0), null, TrainingListener.SILENT);
            assertEquals(java.util.Arrays.toString(kernel), java.util.Arrays.toString(trainer.graph().weight("dense_1_kernel")));
            assertNotEquals(0f, trainer.graph().weight("dense_1_bias")[0]);
        }
    }

    @Test
    void aShapeThatDisagreesWithTheCheckerIsAnInternalError() {
        Models models = Models.input(4);
        models.add("dense_1", "Dense", Models.config("units", 3L, "activation", "linear", "use_bias", false), Shape.of(5),
                ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, null, 4, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.create(models.build(), OPTIONS));
        assertTrue(e.getMessage().startsWith("internal error: layer dense_1 (Dense) has TensorFlow shape [-1, 3]"), e.getMessage());
    }

    @Test
    void requestingAMissingGpuIsAClearError() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.create(mlp().build(), OPTIONS.withDevice("gpu")));
        assertTrue(e.getMessage().startsWith("no GPU is visible to TensorFlow"), e.getMessage());
    }

    @Test
    void classesThatDisagreeWithTheOutputAreReported() {
        try (Trainer trainer = Trainer.create(Models.input(2).dense(3, "softmax").build(), OPTIONS)) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> trainer.evaluate(Split.ofFloats(Shape.of(2), 8, new float[] {1, 2}, new int[] {7}, 1.0)));
            assertTrue(e.getMessage().startsWith("the data has 8 classes but the model outputs 3 class scores"), e.getMessage());
        }
    }

    @Test
    void weightsKeepTheirCheckedOrderAndFlatNames() {
        CheckedModel model = Models.input(4, 3).recurrent("LSTM", 2, false).bidirectional("sum").dense(2, "softmax").build();
        try (ModelGraph graph = ModelGraph.build(model, OPTIONS, 1L)) {
            List<String> names = new ArrayList<>();
            for (CheckedLayer layer : model.layers()) for (ParamSpec p : layer.params()) names.add(layer.name() + "_" + p.name());
            assertEquals(names, graph.weightNames());
            // Keras's unit_forget_bias: the forget gate's bias starts at one, the others at zero.
            assertEquals("[0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]",
                    java.util.Arrays.toString(graph.weight("bidirectional_1_backward_bias")));
        }
    }
}
