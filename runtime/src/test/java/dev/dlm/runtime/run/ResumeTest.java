package dev.dlm.runtime.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run interrupted at a chosen step and resumed from its run directory ends bit for bit
 * where the uninterrupted run with the same seed and threads ends: final weights (the
 * checkpoint's variable file), history and test metrics. Slices of a few hundred samples.
 */
class ResumeTest {

    static final Map<String, String> MODELS = Map.of(
            "mlp", """
                    data mnist
                    model mlp(input=[784]) { Dense(64, activation='relu'); Dropout(0.3); Dense(10, activation='softmax') }
                    train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 3; batch_size = 32
                            validation_split = 0.2 }
                    """,
            "cnn", """
                    data mnist
                    model cnn(input=[28, 28, 1]) { Conv2D(4, 3, activation='relu'); MaxPooling2D(2); Flatten(); Dropout(0.25)
                                                   Dense(10, activation='softmax') }
                    train { loss = categorical_crossentropy; optimizer = sgd(learning_rate=ExponentialDecay(0.1, 10, 0.9))
                            metrics = [accuracy]; epochs = 3; batch_size = 32 }
                    """,
            "rnn", """
                    data mnist
                    model rnn(input=[28, 28]) { SimpleRNN(16, dropout=0.1); Dense(10, activation='softmax') }
                    train { loss = categorical_crossentropy; optimizer = rmsprop; metrics = [accuracy]; epochs = 3; batch_size = 32
                            callbacks = [ReduceLROnPlateau(monitor='loss', patience=0, factor=0.5)] }
                    """);

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn", "rnn"})
    void interruptedAndResumedEqualsUninterrupted(String name, @TempDir Path tmp) throws Exception {
        String text = MODELS.get(name);
        Path whole = tmp.resolve("whole");
        RunService.Outcome a = Runs.train(Runs.create(whole, text, 400), text, step -> false);
        assertEquals("completed", a.status());

        Path cut = tmp.resolve("cut");
        // 400 samples (320 after a validation split) in batches of 32: stop in the middle of the second epoch.
        RunService.Outcome interrupted = Runs.train(Runs.create(cut, text, 400), text, step -> step == 16);
        assertTrue(interrupted.interrupted());
        assertEquals("interrupted", RunDirectory.open(cut).run().get("status"));
        RunService.Outcome b = Runs.resume(cut, text);
        assertEquals("completed", b.status());

        assertArrayEquals(Runs.finalWeights(whole), Runs.finalWeights(cut), name + ": final weights differ");
        assertEquals(a.history().epochs().size(), b.history().epochs().size());
        for (int i = 0; i < a.history().epochs().size(); i++) {
            var x = a.history().epochs().get(i);
            var y = b.history().epochs().get(i);
            assertEquals(x.loss(), y.loss(), 0.0, name + " epoch " + (i + 1) + " loss");
            assertEquals(x.accuracy(), y.accuracy(), 0.0);
            assertEquals(x.valLoss(), y.valLoss());
            assertEquals(x.learningRate(), y.learningRate(), 0.0);
        }
        assertEquals(a.test(), b.test(), name + ": test metrics differ");
        assertEquals(Files.readString(whole.resolve("history.csv")), Files.readString(cut.resolve("history.csv")));
    }

    @Test
    void aTornCheckpointResumesFromThePreviousOne(@TempDir Path tmp) throws Exception {
        String text = MODELS.get("mlp");
        Path whole = tmp.resolve("whole");
        Runs.train(Runs.create(whole, text, 400), text, step -> false);
        Path cut = tmp.resolve("cut");
        Runs.train(Runs.create(cut, text, 400), text, step -> step == 14);
        // Cut the latest checkpoint's variables short, as a kill in the middle of its write would.
        Path data = cut.resolve("checkpoints/latest/variables.data-00000-of-00001");
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        Checkpoints checkpoints = RunDirectory.open(cut).checkpoints();
        assertNotNull(checkpoints.latest());
        assertTrue(checkpoints.latest().folder().endsWith("latest.previous"), "the damaged checkpoint is passed over");
        assertEquals(1, checkpoints.latest().state().epochsDone());
        Runs.resume(cut, text);
        assertArrayEquals(Runs.finalWeights(whole), Runs.finalWeights(cut));
    }

    @Test
    void aDifferentModelIsRefusedWithWhatChanged(@TempDir Path tmp) throws Exception {
        String text = MODELS.get("mlp");
        Path cut = tmp.resolve("cut");
        Runs.train(Runs.create(cut, text, 200), text, step -> step == 3);
        String wider = text.replace("Dense(64", "Dense(128");
        RunException e = assertThrows(RunException.class, () -> Runs.resume(cut, wider));
        assertEquals("DLM1101", e.code().name());
        assertEquals(java.util.List.of("changed: `dense` units 64 -> 128"), e.notes(), e.render());
        // Layout and comments are not the model: the same model written differently resumes.
        String relaid = "# the same model\n" + text.replace("; ", ";  ");
        assertEquals("completed", Runs.resume(cut, relaid).status());
    }

    @Test
    void moreEpochsIsASafeChangeAndIsRecorded(@TempDir Path tmp) throws Exception {
        String text = MODELS.get("mlp");
        Path dir = tmp.resolve("run");
        Runs.train(Runs.create(dir, text, 200), text, step -> false);
        RunDirectory reopened = RunDirectory.open(dir);
        var model = RunService.withRecordedSettings(reopened, Runs.model(text), 4);
        RunService.requireSameModel(reopened, model);
        RunService.Outcome more = RunService.train(reopened, model, RunService.recordedOptions(reopened),
                dev.dlm.runtime.train.TrainingListener.SILENT, step -> false);
        assertEquals(4, more.history().epochs().size());
        String json = Files.readString(dir.resolve("run.json"));
        assertTrue(json.contains("epochs 3 -> 4"), json);
        assertTrue(json.contains("\"epochs_done\": 4"), json);
        assertFalse(json.contains("\"status\": \"running\""), json);
    }
}
