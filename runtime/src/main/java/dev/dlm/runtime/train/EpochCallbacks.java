package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Callback;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's epoch-end callbacks as the training loop runs them, with Keras's algorithms
 * (keras/src/callbacks/early_stopping.py and reduce_lr_on_plateau.py): each one's counters
 * live in a JSON-able map so a checkpoint carries them. Epochs are 0-based here, as Keras
 * passes them to {@code on_epoch_end}.
 */
final class EpochCallbacks {

    /** What a callback may do to the training it watches. */
    interface Loop {
        float learningRate();

        void setLearningRate(float rate);

        void stopTraining();

        Map<String, float[]> weights();

        void setWeights(Map<String, float[]> weights);
    }

    /** One callback with its state. */
    interface Runner {
        String key();

        void onEpochEnd(int epoch, EpochStats logs, Loop loop);

        default void onTrainEnd(Loop loop) {}

        Map<String, Object> state();

        void restore(Map<String, Object> state);
    }

    private final List<Runner> runners = new ArrayList<>();

    EpochCallbacks(List<Callback> callbacks) {
        int index = 0;
        for (Callback c : callbacks) {
            String key = c.kerasName() + "_" + index++;
            if (c instanceof Callback.EarlyStopping e) runners.add(new EarlyStopping(key, e));
            else if (c instanceof Callback.ReduceLROnPlateau r) runners.add(new ReduceLROnPlateau(key, r));
        }
    }

    void onEpochEnd(int epoch, EpochStats logs, Loop loop) {
        for (Runner r : runners) r.onEpochEnd(epoch, logs, loop);
    }

    void onTrainEnd(Loop loop) {
        for (Runner r : runners) r.onTrainEnd(loop);
    }

    void saveTo(Map<String, Map<String, Object>> states) {
        for (Runner r : runners) states.put(r.key(), r.state());
    }

    void restoreFrom(Map<String, Map<String, Object>> states) {
        for (Runner r : runners) if (states.containsKey(r.key())) r.restore(states.get(r.key()));
    }

    /** Keras's comparison of a monitored value against a reference (null: anything improves). */
    static boolean improves(Callback.Mode mode, double current, Double reference, double minDelta) {
        if (reference == null) return true;
        return mode == Callback.Mode.MIN ? current - (-minDelta) < reference : current - minDelta > reference;
    }

    /** Keras's EarlyStopping (Keras 3): {@code wait} counts epochs since the last improvement. */
    static final class EarlyStopping implements Runner {
        private final String key;
        private final Callback.EarlyStopping spec;
        private final Callback.Mode mode;
        private int wait;
        private int stoppedEpoch;
        private Double best;
        private int bestEpoch;
        private Map<String, float[]> bestWeights;

        EarlyStopping(String key, Callback.EarlyStopping spec) {
            this.key = key;
            this.spec = spec;
            this.mode = spec.mode().resolve(spec.monitor());
        }

        public String key() { return key; }

        public void onEpochEnd(int epoch, EpochStats logs, Loop loop) {
            Double current = logs.metric(spec.monitor());
            if (current == null || epoch < spec.startFromEpoch()) return;
            if (spec.restoreBestWeights() && bestWeights == null) {
                bestWeights = loop.weights();
                bestEpoch = epoch;
            }
            wait++;
            if (improves(mode, current, best, spec.minDelta())) {
                best = current;
                bestEpoch = epoch;
                if (spec.restoreBestWeights()) bestWeights = loop.weights();
                if (spec.baseline() == null || improves(mode, current, spec.baseline(), spec.minDelta())) wait = 0;
                return;
            }
            if (wait >= spec.patience() && epoch > 0) {
                stoppedEpoch = epoch;
                loop.stopTraining();
            }
        }

        @Override public void onTrainEnd(Loop loop) {
            if (spec.restoreBestWeights() && bestWeights != null) loop.setWeights(bestWeights);
        }

        int bestEpoch() { return bestEpoch; }

        int stoppedEpoch() { return stoppedEpoch; }

        public Map<String, Object> state() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wait", wait);
            m.put("stopped_epoch", stoppedEpoch);
            m.put("best", best);
            m.put("best_epoch", bestEpoch);
            if (bestWeights != null) {
                Map<String, Object> w = new LinkedHashMap<>();
                bestWeights.forEach((name, values) -> w.put(name, encode(values)));
                m.put("best_weights", w);
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        public void restore(Map<String, Object> s) {
            wait = ((Number) s.get("wait")).intValue();
            stoppedEpoch = ((Number) s.get("stopped_epoch")).intValue();
            best = s.get("best") == null ? null : ((Number) s.get("best")).doubleValue();
            bestEpoch = ((Number) s.get("best_epoch")).intValue();
            if (s.get("best_weights") instanceof Map<?, ?> w) {
                bestWeights = new LinkedHashMap<>();
                ((Map<String, Object>) w).forEach((name, text) -> bestWeights.put(name, decode((String) text)));
            }
        }
    }

    /** Keras's ReduceLROnPlateau: after {@code patience} epochs without improvement, rate times factor, then a cooldown. */
    static final class ReduceLROnPlateau implements Runner {
        private final String key;
        private final Callback.ReduceLROnPlateau spec;
        private final Callback.Mode mode;
        private double best;
        private int wait;
        private int cooldownCounter;

        ReduceLROnPlateau(String key, Callback.ReduceLROnPlateau spec) {
            this.key = key;
            this.spec = spec;
            // Keras: `min` unless the mode is max, or auto and the monitor names an accuracy.
            this.mode = spec.mode() == Callback.Mode.MAX || (spec.mode() == Callback.Mode.AUTO && spec.monitor().contains("acc"))
                    ? Callback.Mode.MAX : Callback.Mode.MIN;
            this.best = mode == Callback.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        public String key() { return key; }

        public void onEpochEnd(int epoch, EpochStats logs, Loop loop) {
            Double current = logs.metric(spec.monitor());
            if (current == null) return;
            if (cooldownCounter > 0) {
                cooldownCounter--;
                wait = 0;
            }
            boolean better = mode == Callback.Mode.MIN ? current < best - spec.minDelta() : current > best + spec.minDelta();
            if (better) {
                best = current;
                wait = 0;
            } else if (cooldownCounter <= 0) {
                wait++;
                if (wait >= spec.patience()) {
                    float old = loop.learningRate();
                    if (old > (float) spec.minLr()) {
                        loop.setLearningRate((float) Math.max(old * spec.factor(), spec.minLr()));
                        cooldownCounter = spec.cooldown();
                        wait = 0;
                    }
                }
            }
        }

        public Map<String, Object> state() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("best", Double.isInfinite(best) ? null : best);
            m.put("wait", wait);
            m.put("cooldown_counter", cooldownCounter);
            return m;
        }

        public void restore(Map<String, Object> s) {
            if (s.get("best") != null) best = ((Number) s.get("best")).doubleValue();
            wait = ((Number) s.get("wait")).intValue();
            cooldownCounter = ((Number) s.get("cooldown_counter")).intValue();
        }
    }

    static String encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] decode(String text) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
