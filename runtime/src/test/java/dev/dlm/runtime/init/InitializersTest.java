package dev.dlm.runtime.init;

import dev.dlm.compiler.ir.Initializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras's initializers: ranges, moments, orthogonality and determinism. */
class InitializersTest {

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v), s = 0;
        for (float x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }

    @Test
    void glorotUniformIsSymmetricWithinItsLimit() {
        float[] w = Initializers.values(Initializer.GLOROT_UNIFORM, List.of(784L, 256L), 42);
        double limit = Math.sqrt(6.0 / (784 + 256));
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        int negative = 0;
        for (float x : w) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (x < 0) negative++;
        }
        assertTrue(min >= -limit && max <= limit, "range [" + min + ", " + max + "] exceeds +-" + limit);
        assertTrue(min < -0.99 * limit && max > 0.99 * limit, "does not reach both ends: [" + min + ", " + max + "]");
        assertEquals(0.5, negative / (double) w.length, 0.01, "fraction of negative weights");
        assertEquals(0, mean(w), 0.002);
        assertEquals(limit / Math.sqrt(3), std(w), 0.01 * limit);
    }

    @Test
    void convolutionFansIncludeTheReceptiveField() {
        Initializers.Fans fans = Initializers.Fans.of(List.of(3L, 3L, 32L, 64L));
        assertEquals(9 * 32, fans.in());
        assertEquals(9 * 64, fans.out());
        float[] w = Initializers.values(Initializer.HE_UNIFORM, List.of(3L, 3L, 32L, 64L), 1);
        double limit = Math.sqrt(6.0 / (9 * 32));
        for (float x : w) assertTrue(Math.abs(x) <= limit);
        assertEquals(limit / Math.sqrt(3), std(w), 0.02 * limit);
    }

    @Test
    void truncatedNormalsHaveKerasStandardDeviationAndCut() {
        List<Long> shape = List.of(400L, 300L);
        float[] w = Initializers.values(Initializer.GLOROT_NORMAL, shape, 3);
        double target = Math.sqrt(2.0 / 700);
        double stddev = target / 0.87962566103423978;
        for (float x : w) assertTrue(Math.abs(x) <= 2 * stddev + 1e-6);
        // The cut at two deviations shrinks the spread back to the target, which is why Keras divides.
        assertEquals(target, std(w), 0.01 * target);
        assertEquals(Math.sqrt(1.0 / 400), std(Initializers.values(Initializer.LECUN_NORMAL, shape, 4)), 0.01 * Math.sqrt(1.0 / 400));
        assertEquals(Math.sqrt(2.0 / 400), std(Initializers.values(Initializer.HE_NORMAL, shape, 5)), 0.01 * Math.sqrt(2.0 / 400));
    }

    @Test
    void orthogonalGivesOrthonormalRowsForWideAndColumnsForTallShapes() {
        assertOrthonormal(Initializers.values(Initializer.ORTHOGONAL, List.of(32L, 128L), 7), 32, 128, true);
        assertOrthonormal(Initializers.values(Initializer.ORTHOGONAL, List.of(128L, 32L), 8), 128, 32, false);
        assertOrthonormal(Initializers.values(Initializer.ORTHOGONAL, List.of(256L, 1024L), 9), 256, 1024, true);
    }

    private static void assertOrthonormal(float[] m, int rows, int cols, boolean byRows) {
        int vectors = byRows ? rows : cols, length = byRows ? cols : rows;
        for (int a = 0; a < vectors; a += Math.max(1, vectors / 16)) {
            for (int b = a; b < vectors; b += Math.max(1, vectors / 8)) {
                double dot = 0;
                for (int k = 0; k < length; k++) {
                    dot += byRows ? (double) m[a * cols + k] * m[b * cols + k] : (double) m[k * cols + a] * m[k * cols + b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-4, "vectors " + a + " and " + b);
            }
        }
    }

    @Test
    void constantsAndUniformRange() {
        for (float x : Initializers.values(Initializer.ZEROS, List.of(5L), 1)) assertEquals(0f, x);
        for (float x : Initializers.values(Initializer.ONES, List.of(2L, 3L), 1)) assertEquals(1f, x);
        for (float x : Initializers.values(Initializer.EMBEDDING_UNIFORM, List.of(100L, 8L), 1)) {
            assertTrue(x >= -0.05f && x < 0.05f);
        }
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        List<Long> shape = List.of(20L, 30L);
        assertArrayEquals(Initializers.values(Initializer.GLOROT_UNIFORM, shape, 5), Initializers.values(Initializer.GLOROT_UNIFORM, shape, 5));
        assertFalse(java.util.Arrays.equals(Initializers.values(Initializer.GLOROT_UNIFORM, shape, 5),
                Initializers.values(Initializer.GLOROT_UNIFORM, shape, 6)));
    }
}
