package dev.dlm.runtime.train;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The early warning of a long run, with a fake clock. */
class DurationForecastTest {

    /** Runs {@code epochs} x {@code steps} batches at {@code msPerStep}, returning what was warned. */
    private static List<String> run(int epochs, int steps, long msPerStep, Duration threshold) {
        List<String> warnings = new ArrayList<>();
        long[] clock = {0};
        List<Integer> seen = new ArrayList<>();
        TrainingListener inner = new TrainingListener() {
            @Override public void onBatchEnd(int epoch, int step, int total, double loss, double accuracy) { seen.add(step); }
        };
        DurationForecast forecast = new DurationForecast(inner, threshold, warnings::add, () -> clock[0]);
        for (int e = 1; e <= epochs; e++) {
            forecast.onEpochStart(e, epochs, steps);
            for (int s = 1; s <= steps; s++) {
                clock[0] += msPerStep * 1_000_000;
                forecast.onBatchEnd(e, s, steps, 1, 0.5);
            }
        }
        assertEquals(epochs * steps, seen.size(), "every batch reaches the progress display");
        return warnings;
    }

    @Test
    void aLongRunIsAnnouncedOnceWithItsNumbers() {
        // 20 epochs of 469 steps at 400 ms: 9,380 steps, 13 already done: 9,367 x 0.4 s = 62.4 min
        List<String> warnings = run(20, 469, 400, Duration.ofMinutes(30));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("this run will take about 62 min more (9,367 steps at 400 ms a step)"), warnings.get(0));
    }

    @Test
    void aShortRunSaysNothing() {
        assertEquals(List.of(), run(2, 100, 5, Duration.ofMinutes(30)));
        assertEquals(List.of(), run(1, 8, 10_000, Duration.ofMinutes(30)), "too few steps to measure");
    }

    @Test
    void hoursAreShownAsHours() {
        assertEquals("2.5 h", DurationForecast.human(Duration.ofMinutes(150)));
        assertEquals("45 min", DurationForecast.human(Duration.ofMinutes(45)));
    }
}
