package dev.dlm.runtime.testing;

import java.util.SplittableRandom;

/** Small numeric helpers for tests: seeded random arrays and tolerant comparisons. */
public final class Arrays2 {

    private Arrays2() {}

    public static float[] random(long seed, int n, double low, double high) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (low + (high - low) * random.nextDouble());
        return out;
    }

    /** Asserts {@code |actual - expected| <= tolerance} everywhere, naming the first bad index. */
    public static void assertClose(float[] expected, float[] actual, double tolerance) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                org.junit.jupiter.api.Assertions.fail("index " + i + ": expected " + expected[i] + " but was " + actual[i]
                        + " (tolerance " + tolerance + ")");
            }
        }
    }
}
