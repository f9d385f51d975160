package dev.dlm.runtime.emit;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EmitContext#dropoutMask}: Keras's keep probability exactly (TensorFlow's uniform
 * floats have 23 bits, so Keras keeps with probability {@code 1 - K / 2^23}), measured over
 * millions of draws within binomial bounds, the pairs of elements drawn from one random word
 * independent as far as such a count can tell, and the masks a pure function of (seed, step).
 */
class DropoutMaskTest {

    /** Keras's test {@code k / 2^23 >= float32(rate)} on TensorFlow's 23-bit uniform grid, for every k. */
    @Test
    void thresholdIsKerasUniformTestOnTheWholeGrid() {
        for (double rate : new double[] {0.45, 0.5, 0.1, 0.3, 1e-7, 0.9999999}) {
            long k0 = EmitContext.dropThreshold(rate);
            float r = (float) rate;
            for (long k = 0; k < 1 << 23; k++) {
                boolean keras = (float) (k * 0x1p-23) >= r;
                if (keras != (k >= k0)) throw new AssertionError("rate " + rate + ": k " + k + " threshold " + k0);
            }
            // The signed word's threshold: its top 23 bits (sign bit flipped) >= K.
            long signed = EmitContext.signedThreshold(rate);
            assertEquals(k0, ((signed + (1L << 31)) >> 9), "rate " + rate);
            assertEquals(0, (signed + (1L << 31)) & 511, "rate " + rate);
        }
        assertEquals(1 << 23, EmitContext.dropThreshold(1 - 0x1p-24), "drops everything, as Keras's u never reaches it");
        assertEquals(1 << 23, EmitContext.dropThreshold(0.9999999999), "rounds to 1 in float32: drops everything");
        assertEquals(0, EmitContext.dropThreshold(1e-50), "rounds to 0 in float32: keeps everything");
        assertEquals(Integer.MIN_VALUE, EmitContext.signedThreshold(1e-50));
    }

    @Test
    void keepRateIsKerasWithinBinomialBoundsAndPairsAreIndependent() {
        double rate = 0.45;
        int rows = 4096, width = 256;   // one million elements, two per random word
        try (Masks masks = new Masks(rate, 7L)) {
            double p = 1 - EmitContext.dropThreshold(rate) / (double) (1 << 23);
            long kept = 0, bothKept = 0, pairs = 0;
            for (long step = 0; step < 4; step++) {
                float[] m = masks.draw(new int[] {rows, width}, step, true);
                for (float v : m) {
                    assertTrue(v == 0 || v == (float) (1 / (1 - rate)), "mask value " + v);
                    if (v != 0) kept++;
                }
                // The two elements of a word are element i and i + n/2 of the flattened mask.
                int half = m.length / 2;
                for (int i = 0; i < half; i++, pairs++) if (m[i] != 0 && m[i + half] != 0) bothKept++;
            }
            long n = 4L * rows * width;
            assertWithin(kept, n, p, "kept");
            assertWithin(bothKept, pairs, p * p, "both of a pair kept");
        }
    }

    @Test
    void oddCountsAndTrainingOffAndSeedsAndSteps() {
        try (Masks masks = new Masks(0.3, 11L)) {
            float[] odd = masks.draw(new int[] {1001, 3}, 5, true);
            assertEquals(3003, odd.length);
            long kept = 0;
            for (float v : odd) if (v != 0) kept++;
            assertWithin(kept, odd.length, 1 - EmitContext.dropThreshold(0.3) / (double) (1 << 23), "kept of an odd count");
            assertArrayEquals(odd, masks.draw(new int[] {1001, 3}, 5, true), "same seed and step: the same mask");
            assertFalse(java.util.Arrays.equals(odd, masks.draw(new int[] {1001, 3}, 6, true)), "another step: another mask");
            for (float v : masks.draw(new int[] {1001, 3}, 5, false)) assertEquals(1f, v, "not training: ones");
            try (Masks other = new Masks(0.3, 12L)) {
                assertFalse(java.util.Arrays.equals(odd, other.draw(new int[] {1001, 3}, 5, true)), "another seed: another mask");
            }
        }
    }

    /** Within 5 standard deviations of the binomial mean. */
    private static void assertWithin(long count, long n, double p, String what) {
        double mean = n * p, sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) < 5 * sd, what + ": " + count + " of " + n + ", expected " + mean + " ± " + 5 * sd);
    }

    /** One mask op in its own graph, drawn for a fed shape, step and training switch. */
    private static final class Masks implements AutoCloseable {
        private final Graph graph = new Graph();
        private final Session session;
        private final Placeholder<TInt32> shape;
        private final Placeholder<TInt64> step;
        private final Placeholder<TBool> training;
        private final Operand<TFloat32> mask;

        Masks(double rate, long seed) {
            Ops tf = Ops.create(graph);
            shape = tf.placeholder(TInt32.class);
            step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
            training = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
            mask = new EmitContext(tf, training, seed, step).dropoutMask(shape, rate, null);
            session = new Session(graph, ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build());
        }

        float[] draw(int[] dims, long at, boolean on) {
            try (TInt32 s = TInt32.vectorOf(dims); TInt64 t = TInt64.scalarOf(at); TBool b = TBool.scalarOf(on);
                 Result r = session.runner().feed(shape, s).feed(step, t).feed(training, b).fetch(mask).run()) {
                TFloat32 m = (TFloat32) r.get(0);
                float[] out = new float[Math.toIntExact(m.shape().size())];
                m.copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }
}
