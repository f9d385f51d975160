package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Callback;
import dev.dlm.compiler.ir.Callback.Mode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EarlyStopping and ReduceLROnPlateau against Keras's documented behaviour, on the sequences
 * of Keras's own tests (keras/src/callbacks/early_stopping_test.py,
 * reduce_lr_on_plateau_test.py): patience counting, min_delta, baseline, start_from_epoch,
 * restore_best_weights, cooldown and min_lr.
 */
class EpochCallbacksTest {

    /** A loop whose "weights" are the epoch that produced them, as Keras's tests' DummyModel. */
    static final class FakeLoop implements EpochCallbacks.Loop {
        float rate;
        boolean stopped;
        int weightsOfEpoch;

        FakeLoop(float rate) { this.rate = rate; }

        public float learningRate() { return rate; }

        public void setLearningRate(float r) { rate = r; }

        public void stopTraining() { stopped = true; }

        public Map<String, float[]> weights() { return Map.of("w", new float[] {weightsOfEpoch}); }

        public void setWeights(Map<String, float[]> w) { weightsOfEpoch = (int) w.get("w")[0]; }
    }

    static EpochStats logs(String monitor, double value) {
        return switch (monitor) {
            case "loss" -> new EpochStats(1, value, 0, null, null, 0, 0);
            case "val_loss" -> new EpochStats(1, 0, 0, value, 0.0, 0, 0);
            case "accuracy" -> new EpochStats(1, 0, value, null, null, 0, 0);
            default -> throw new IllegalArgumentException(monitor);
        };
    }

    /** Runs EarlyStopping over {@code values}; returns [stopped epoch or -1, epochs trained, restored weights' epoch]. */
    static int[] earlyStopping(Callback.EarlyStopping spec, double... values) {
        EpochCallbacks callbacks = new EpochCallbacks(List.of(spec));
        FakeLoop loop = new FakeLoop(0.01f);
        int trained = 0;
        int stoppedAt = -1;
        for (int epoch = 0; epoch < values.length; epoch++) {
            trained++;
            loop.weightsOfEpoch = epoch;
            callbacks.onEpochEnd(epoch, logs(spec.monitor(), values[epoch]), loop);
            if (loop.stopped) {
                stoppedAt = epoch;
                break;
            }
        }
        callbacks.onTrainEnd(loop);
        return new int[] {stoppedAt, trained, loop.weightsOfEpoch};
    }

    static Callback.EarlyStopping stopping(String monitor, int patience) {
        return new Callback.EarlyStopping(monitor, 0, patience, Mode.AUTO, null, false, 0);
    }

    @Test
    void patienceCountsEpochsWithoutImprovementAsKerasDoes() {
        // Keras: losses [10, 9, 8, 9, 8.9, 8.8, 8.7, 8.6, 8.5] stop at max(patience, 1) + 2.
        double[] losses = {10, 9, 8, 9, 8.9, 8.8, 8.7, 8.6, 8.5};
        for (int patience = 0; patience <= 3; patience++) {
            assertEquals(Math.max(patience, 1) + 2, earlyStopping(stopping("loss", patience), losses)[0], "patience " + patience);
        }
    }

    @Test
    void minDeltaIsTheSmallestImprovementThatCounts() {
        double[] losses = {1.0, 0.95, 0.9, 0.85};
        assertEquals(-1, earlyStopping(stopping("loss", 1), losses)[0], "every epoch improves");
        assertEquals(1, earlyStopping(new Callback.EarlyStopping("loss", 0.1, 1, Mode.AUTO, null, false, 0), losses)[0],
                "improvements of 0.05 are below min_delta 0.1");
    }

    @Test
    void restoreBestWeightsEndsOnTheBestEpoch() {
        // Keras: val_loss [0.2, 0.15, 0.1, 0.11, 0.12], patience 2: stops at epoch 4 and restores epoch 2's weights.
        int[] r = earlyStopping(new Callback.EarlyStopping("val_loss", 0, 2, Mode.AUTO, null, true, 0), 0.2, 0.15, 0.1, 0.11, 0.12);
        assertEquals(4, r[0]);
        assertEquals(2, r[2]);
        int[] kept = earlyStopping(new Callback.EarlyStopping("val_loss", 0, 2, Mode.AUTO, null, false, 0), 0.2, 0.15, 0.1, 0.11, 0.12);
        assertEquals(4, kept[2], "without restore_best_weights the last weights stay");
    }

    @Test
    void aBaselineNobodyBeatsStopsAfterPatienceEpochs() {
        // Keras: baseline 0.5, patience 5, val_loss [0.9, 0.8, 0.7, 0.71, 0.72, 0.73]: 5 epochs, epoch 2's weights.
        int[] r = earlyStopping(new Callback.EarlyStopping("val_loss", 0, 5, Mode.AUTO, 0.5, true, 0), 0.9, 0.8, 0.7, 0.71, 0.72, 0.73);
        assertEquals(5, r[1]);
        assertEquals(2, r[2]);
    }

    @Test
    void modeMaxAndStartFromEpoch() {
        assertEquals(3, earlyStopping(new Callback.EarlyStopping("accuracy", 0, 1, Mode.AUTO, null, false, 0), 0.5, 0.6, 0.7, 0.65)[0]);
        double[] rising = {5, 6, 7, 8, 9};
        assertEquals(1, earlyStopping(stopping("loss", 1), rising)[0]);
        assertEquals(3, earlyStopping(new Callback.EarlyStopping("loss", 0, 1, Mode.AUTO, null, false, 2), rising)[0],
                "epochs before start_from_epoch are not monitored");
    }

    /** The rates ReduceLROnPlateau leaves after each epoch of {@code values}. */
    static float[] rates(Callback.ReduceLROnPlateau spec, float start, double... values) {
        EpochCallbacks callbacks = new EpochCallbacks(List.of(spec));
        FakeLoop loop = new FakeLoop(start);
        float[] out = new float[values.length];
        for (int epoch = 0; epoch < values.length; epoch++) {
            callbacks.onEpochEnd(epoch, logs(spec.monitor(), values[epoch]), loop);
            out[epoch] = loop.rate;
        }
        return out;
    }

    @Test
    void reduceLrOnPlateauPatienceFactorMinLrAndCooldown() {
        // Keras's test: min_delta so large nothing after the first epoch improves, patience 1, factor 0.1.
        float[] r = rates(new Callback.ReduceLROnPlateau("val_loss", 0.1, 1, Mode.AUTO, 100, 0, 0), 0.01f, 1, 1);
        assertEquals(0.01f, r[0]);
        assertEquals(0.001f, r[1], 1e-9);
        // min_lr is a floor.
        float[] floor = rates(new Callback.ReduceLROnPlateau("val_loss", 0.1, 1, Mode.AUTO, 10, 0, 0.005), 0.01f, 1, 1, 1, 1);
        assertEquals(0.005f, floor[3], 1e-9);
        // cooldown 2: after a reduction, two epochs pass before waiting starts again.
        float[] cool = rates(new Callback.ReduceLROnPlateau("val_loss", 0.1, 1, Mode.AUTO, 10, 2, 0), 1f, 1, 1, 1, 1, 1);
        assertEquals(1f, cool[0]);
        assertEquals(0.1f, cool[1], 1e-7);
        assertEquals(0.1f, cool[2], 1e-7);
        assertEquals(0.01f, cool[3], 1e-8, "the cooldown ends: waiting resumes and patience 1 reduces at once");
    }

    @Test
    void stateRoundTripsThroughJson() {
        Callback.EarlyStopping spec = new Callback.EarlyStopping("loss", 0, 3, Mode.AUTO, null, true, 0);
        EpochCallbacks a = new EpochCallbacks(List.of(spec));
        FakeLoop loop = new FakeLoop(0.1f);
        a.onEpochEnd(0, logs("loss", 1.0), loop);
        a.onEpochEnd(1, logs("loss", 2.0), loop);
        Map<String, Map<String, Object>> saved = new HashMap<>();
        a.saveTo(saved);
        EpochCallbacks b = new EpochCallbacks(List.of(spec));
        b.restoreFrom(saved);
        Map<String, Map<String, Object>> again = new HashMap<>();
        b.saveTo(again);
        assertEquals(saved.toString(), again.toString());
        b.onEpochEnd(2, logs("loss", 2.0), loop);
        assertFalse(loop.stopped, "wait is 2 of 3");
        b.onEpochEnd(3, logs("loss", 2.0), loop);
        assertTrue(loop.stopped, "the restored counter carried on");
    }
}
