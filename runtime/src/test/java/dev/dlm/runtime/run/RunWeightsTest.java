package dev.dlm.runtime.run;

import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.TrainedRun;
import dev.dlm.runtime.model.WeightArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a run leaves for evaluate, predict and export: {@code weights/last.weights.h5} and
 * {@code weights/best.weights.h5} in Keras 3's layout, for Sequential and functional models
 * alike, holding exactly the values of the run's checkpoints, readable with the checkpoints
 * gone; a resumed run removes them until it stops again. Slices of a few hundred samples.
 */
class RunWeightsTest {

    static final Map<String, String> MODELS = Map.of(
            "sequential", """
                    data mnist
                    model mlp(input=[784]) { Dense(32, activation='relu'); Dense(10, activation='softmax') }
                    train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 3; batch_size = 32
                            validation_split = 0.25 }
                    """,
            // Two inputs of two shapes, a shared layer, a merge and batch normalization (moving statistics are weights too).
            "functional", """
                    data mnist
                    model two {
                        image = Input(shape=[28, 28, 1])
                        flat = Input(shape=[784], name='flat')
                        a = Conv2D(4, 3, activation='relu')(image)
                        a = MaxPooling2D(2)(a)
                        a = Flatten()(a)
                        a = BatchNormalization()(a)
                        shared = Dense(16, activation='relu')
                        b = shared(flat)
                        d = Dense(784)(flat)
                        c = shared(d)
                        y = Concatenate()([a, b, c])
                        out = Dense(10, activation='softmax')(y)
                    }
                    train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 3; batch_size = 32
                            validation_split = 0.25 }
                    """);

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "functional"})
    void aCompletedRunKeepsItsLastAndBestWeightsAsItsCheckpointsHoldThem(String name, @TempDir Path tmp) throws Exception {
        String text = MODELS.get(name);
        Path dir = tmp.resolve("run");
        RunService.Outcome outcome = Runs.train(Runs.create(dir, text, 320), text, step -> false);
        assertEquals("completed", outcome.status());
        assertTrue(Files.isRegularFile(TrainedRun.weightsFile(dir, TrainedRun.Which.LAST)));
        assertTrue(Files.isRegularFile(TrainedRun.weightsFile(dir, TrainedRun.Which.BEST)));
        TrainedModel last = TrainedRun.load(dir, TrainedRun.Which.LAST);
        TrainedModel best = TrainedRun.load(dir, TrainedRun.Which.BEST);
        assertEquals(name.equals("functional"), last.model().graph().functional());

        // The same values through the checkpoints (the fallback for runs without weights files).
        Path moved = tmp.resolve("weights-moved");
        Files.move(dir.resolve("weights"), moved);
        assertWeightsEqual(last, TrainedRun.load(dir, TrainedRun.Which.LAST), name + ": last");
        assertWeightsEqual(best, TrainedRun.load(dir, TrainedRun.Which.BEST), name + ": best");

        // And without the checkpoints: the weights files are all evaluate, predict and export need.
        Files.move(moved, dir.resolve("weights"));
        AtomicFiles.deleteTree(dir.resolve("checkpoints"));
        assertWeightsEqual(last, TrainedRun.load(dir, TrainedRun.Which.LAST), name + ": last, checkpoints gone");
        assertWeightsEqual(best, TrainedRun.load(dir, TrainedRun.Which.BEST), name + ": best, checkpoints gone");
    }

    @Test
    void bestIsTheMonitoredEpochNotTheLast(@TempDir Path tmp) throws Exception {
        // Monitoring the largest training loss makes the first epoch the best one.
        String text = """
                data mnist
                model mlp(input=[784]) { Dense(32, activation='relu'); Dense(10, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 3; batch_size = 32
                        callbacks = [ModelCheckpoint('best.keras', monitor='loss', mode='max')] }
                """;
        Path dir = tmp.resolve("run");
        Runs.train(Runs.create(dir, text, 256), text, step -> false);
        assertEquals(1, ((Number) RunDirectory.open(dir).run().get("best_epoch")).intValue());
        TrainedModel last = TrainedRun.load(dir, TrainedRun.Which.LAST);
        TrainedModel best = TrainedRun.load(dir, TrainedRun.Which.BEST);
        assertNotEquals(last.weights(), best.weights(), "best is epoch 1 of 3");
        Files.delete(TrainedRun.weightsFile(dir, TrainedRun.Which.BEST));
        assertWeightsEqual(best, TrainedRun.load(dir, TrainedRun.Which.BEST), "best through its checkpoint");
    }

    @Test
    void anInterruptedRunKeepsItsWeightsAndAResumedOneReplacesThem(@TempDir Path tmp) throws Exception {
        String text = MODELS.get("functional");
        Path dir = tmp.resolve("run");
        RunService.Outcome cut = Runs.train(Runs.create(dir, text, 320), text, step -> step == 10);
        assertTrue(cut.interrupted());
        TrainedModel atInterrupt = TrainedRun.load(dir, TrainedRun.Which.LAST);
        Path weights = TrainedRun.weightsFile(dir, TrainedRun.Which.LAST);
        Files.move(weights, tmp.resolve("kept.h5"));
        assertWeightsEqual(atInterrupt, TrainedRun.load(dir, TrainedRun.Which.LAST), "the interrupted run's checkpoint");
        Files.move(tmp.resolve("kept.h5"), weights);

        // While the resumed run trains, its old weights files are gone (a reader takes the checkpoint).
        AtomicBoolean staleWeightsSeen = new AtomicBoolean();
        RunDirectory reopened = RunDirectory.open(dir);
        var model = RunService.withRecordedSettings(reopened, Runs.model(text), null);
        RunService.requireSameModel(reopened, model);
        RunService.Outcome resumed = RunService.train(reopened, model, RunService.recordedOptions(reopened),
                dev.dlm.runtime.train.TrainingListener.SILENT, step -> {
                    if (Files.exists(weights)) staleWeightsSeen.set(true);
                    return false;
                });
        assertEquals("completed", resumed.status());
        assertFalse(staleWeightsSeen.get(), "a weights file outlived the resume");
        TrainedModel after = TrainedRun.load(dir, TrainedRun.Which.LAST);
        assertNotEquals(atInterrupt.weights(), after.weights(), "the resumed run trained on");
        Files.delete(weights);
        assertWeightsEqual(after, TrainedRun.load(dir, TrainedRun.Which.LAST), "the completed run's checkpoint");
    }

    private static void assertWeightsEqual(TrainedModel expected, TrainedModel actual, String what) {
        assertEquals(expected.weights().keySet(), actual.weights().keySet(), what);
        for (var layer : expected.weights().entrySet()) {
            for (var w : layer.getValue().entrySet()) {
                WeightArray a = actual.weights().get(layer.getKey()).get(w.getKey());
                assertEquals(w.getValue(), a, what + ": " + layer.getKey() + "/" + w.getKey());
            }
        }
    }
}
