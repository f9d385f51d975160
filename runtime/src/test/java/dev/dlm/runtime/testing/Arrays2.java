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

    /**
     * Asserts that {@code actual} is {@code expected} within float rounding of a sum:
     * {@code |actual - expected| <= 1e-6 + 1e-5 * max|expected|} everywhere; {@code what} names
     * the array.
     */
    public static void assertWithinRounding(String what, float[] expected, float[] actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": length");
        double scale = maxAbs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= 1e-6 + 1e-5 * scale)) {
                org.junit.jupiter.api.Assertions.fail(what + "[" + i + "]: expected " + expected[i] + ", was " + actual[i]);
            }
        }
    }

    /** The largest magnitude in {@code values} (0 for none). */
    public static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) max = Math.max(max, Math.abs(v));
        return max;
    }

    /** The operations of {@code type} in {@code graph} outside autodiff's {@code gradients} scope: the forward pass's. */
    public static int forwardOps(org.tensorflow.Graph graph, String type) {
        int count = 0;
        for (var it = graph.operations(); it.hasNext(); ) {
            var op = it.next();
            if (op.type().equals(type) && !op.name().startsWith("gradients")) count++;
        }
        return count;
    }
}
