package dev.dlm.compiler.ir;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keras's learning-rate schedules (keras.optimizers.schedules) at chosen steps: the values
 * follow the formulas and examples of Keras's documentation.
 */
class LearningRateScheduleTest {

    private static final double EPS = 1e-12;

    @Test
    void exponentialDecay() {
        var s = new LearningRateSchedule.ExponentialDecay(0.1, 100, 0.96, false);
        assertEquals(0.1, s.rate(0), EPS);
        assertEquals(0.096, s.rate(100), EPS);
        assertEquals(0.1 * Math.pow(0.96, 2.5), s.rate(250), EPS);
        var stairs = new LearningRateSchedule.ExponentialDecay(0.1, 100, 0.96, true);
        assertEquals(0.1, stairs.rate(99), EPS);
        assertEquals(0.1 * 0.96 * 0.96, stairs.rate(250), EPS);
    }

    @Test
    void piecewiseConstantDecayAsInKerasDocs() {
        // "use a learning rate that's 1.0 for the first 100001 steps, 0.5 for the next 10000 steps, and 0.1 for any additional steps"
        var s = new LearningRateSchedule.PiecewiseConstantDecay(List.of(100_000L, 110_000L), List.of(1.0, 0.5, 0.1));
        assertEquals(1.0, s.rate(0));
        assertEquals(1.0, s.rate(100_000));
        assertEquals(0.5, s.rate(100_001));
        assertEquals(0.5, s.rate(110_000));
        assertEquals(0.1, s.rate(110_001));
    }

    @Test
    void cosineDecayWithAndWithoutWarmup() {
        var s = new LearningRateSchedule.CosineDecay(1.0, 1000, 0.0, null, 0);
        assertEquals(1.0, s.rate(0), EPS);
        assertEquals(0.5, s.rate(500), EPS);
        assertEquals(0.0, s.rate(1000), EPS);
        assertEquals(0.0, s.rate(5000), EPS, "constant after decay_steps");
        assertEquals(0.1, new LearningRateSchedule.CosineDecay(1.0, 1000, 0.1, null, 0).rate(1000), EPS, "alpha is the floor");
        var warm = new LearningRateSchedule.CosineDecay(0.0, 1000, 0.0, 0.1, 100);
        assertEquals(0.0, warm.rate(0), EPS);
        assertEquals(0.05, warm.rate(50), EPS, "linear warm-up to the target");
        assertEquals(0.1, warm.rate(100), EPS);
        assertEquals(0.05, warm.rate(600), EPS, "then cosine decay from the target over decay_steps");
        assertEquals(0.0, warm.rate(1100), EPS);
        assertEquals(0.0, warm.rate(9999), EPS);
    }

    @Test
    void inverseTimeDecay() {
        var s = new LearningRateSchedule.InverseTimeDecay(0.1, 1, 0.5, false);
        assertEquals(0.1, s.rate(0), EPS);
        assertEquals(0.05, s.rate(2), EPS);
        var stairs = new LearningRateSchedule.InverseTimeDecay(0.1, 10, 0.5, true);
        assertEquals(0.1, stairs.rate(9), EPS);
        assertEquals(0.1 / 1.5, stairs.rate(15), EPS);
    }

    @Test
    void polynomialDecay() {
        var s = new LearningRateSchedule.PolynomialDecay(0.1, 10_000, 0.01, 0.5, false);
        assertEquals(0.1, s.rate(0), EPS);
        assertEquals(0.09 * Math.sqrt(0.75) + 0.01, s.rate(2500), EPS);
        assertEquals(0.01, s.rate(10_000), EPS);
        assertEquals(0.01, s.rate(20_000), EPS, "end_learning_rate after decay_steps");
        var cycle = new LearningRateSchedule.PolynomialDecay(0.1, 10_000, 0.01, 0.5, true);
        assertEquals(0.09 * 0.5 + 0.01, cycle.rate(15_000), EPS, "cycle: the horizon grows to 20,000");
        assertEquals(0.1, cycle.rate(0), EPS);
    }
}
