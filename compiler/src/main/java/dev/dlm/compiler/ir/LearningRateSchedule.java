package dev.dlm.compiler.ir;

import java.util.List;

/**
 * A learning rate as a function of the optimizer's iteration count (the number of updates
 * already applied, 0 for the first step), as Keras's {@code keras.optimizers.schedules}
 * compute it. {@link Constant} is a plain {@code learning_rate=0.001}. The formulas are
 * Keras's; they are evaluated in double precision and the runtime rounds to float32.
 */
public sealed interface LearningRateSchedule {

    /** The rate the update at {@code step} (0-based) uses. */
    double rate(long step);

    /** The Keras class name, as a file writes it. */
    default String kerasName() { return getClass().getSimpleName(); }

    /** A fixed rate. */
    record Constant(double learningRate) implements LearningRateSchedule {
        public double rate(long step) { return learningRate; }
    }

    /** {@code initial * decay_rate ^ (step / decay_steps)}, the exponent floored when {@code staircase}. */
    record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
            implements LearningRateSchedule {
        public double rate(long step) {
            double p = (double) step / decaySteps;
            if (staircase) p = Math.floor(p);
            return initialLearningRate * Math.pow(decayRate, p);
        }
    }

    /**
     * {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while
     * {@code boundaries[i-1] < step <= boundaries[i]}, the last value after the last boundary.
     */
    record PiecewiseConstantDecay(List<Long> boundaries, List<Double> values) implements LearningRateSchedule {
        public PiecewiseConstantDecay {
            boundaries = List.copyOf(boundaries);
            values = List.copyOf(values);
        }

        public double rate(long step) {
            for (int i = 0; i < boundaries.size(); i++) if (step <= boundaries.get(i)) return values.get(i);
            return values.get(values.size() - 1);
        }
    }

    /**
     * Cosine decay from the initial rate (or, with warm-up, linearly from the initial rate to
     * {@code warmup_target} over {@code warmup_steps}, then cosine decay from the target) to
     * {@code alpha} times it over {@code decay_steps}; constant afterwards.
     */
    record CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget, long warmupSteps)
            implements LearningRateSchedule {
        public double rate(long step) {
            if (warmupTarget == null) return decayed(Math.min(step, decaySteps), initialLearningRate);
            double s = Math.min(step, decaySteps + warmupSteps);
            if (s < warmupSteps) return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
            return decayed(s - warmupSteps, warmupTarget);
        }

        private double decayed(double step, double from) {
            double cosine = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
            return from * ((1 - alpha) * cosine + alpha);
        }
    }

    /** {@code initial / (1 + decay_rate * step / decay_steps)}, the quotient floored when {@code staircase}. */
    record InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
            implements LearningRateSchedule {
        public double rate(long step) {
            double p = (double) step / decaySteps;
            if (staircase) p = Math.floor(p);
            return initialLearningRate / (1 + decayRate * p);
        }
    }

    /**
     * {@code (initial - end) * (1 - step / decay_steps) ^ power + end}, the step clipped at
     * {@code decay_steps}; with {@code cycle} the horizon grows to the next multiple of
     * {@code decay_steps} instead.
     */
    record PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate, double power, boolean cycle)
            implements LearningRateSchedule {
        public double rate(long step) {
            double s = step;
            double horizon = decaySteps;
            if (cycle) horizon *= step == 0 ? 1 : Math.ceil(s / decaySteps);
            else s = Math.min(s, decaySteps);
            return (initialLearningRate - endLearningRate) * Math.pow(1 - s / horizon, power) + endLearningRate;
        }
    }
}
