package dev.dlm.runtime.init;

import dev.dlm.compiler.ir.Initializer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Keras's weight initializers computed in Java from a seed: the same seed gives the same
 * values on every machine. TensorFlow's own uniform variance-scaling initializers are not
 * used because they sample {@code U[0, limit)} instead of {@code U[-limit, limit)}.
 */
public final class Initializers {

    /** Keras truncates normals at two standard deviations; this is the stddev of N(0,1) so truncated. */
    private static final double TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

    private Initializers() {}

    /** Fan-in and fan-out as Keras computes them: a conv kernel's receptive field multiplies both. */
    public record Fans(double in, double out) {
        public static Fans of(List<Long> shape) {
            int rank = shape.size();
            if (rank == 0) return new Fans(1, 1);
            if (rank == 1) return new Fans(shape.get(0), shape.get(0));
            double receptiveField = 1;
            for (int i = 0; i < rank - 2; i++) receptiveField *= shape.get(i);
            return new Fans(shape.get(rank - 2) * receptiveField, shape.get(rank - 1) * receptiveField);
        }
    }

    /** The initial values of a tensor of {@code shape}, row-major, drawn with {@code seed}. */
    public static float[] values(Initializer init, List<Long> shape, long seed) {
        long count = 1;
        for (long d : shape) count = Math.multiplyExact(count, d);
        float[] out = new float[Math.toIntExact(count)];
        SplittableRandom random = new SplittableRandom(seed);
        Fans fans = Fans.of(shape);
        // The initializers are sealed records: this chain covers them all (a test checks).
        if (init instanceof Initializer.Constant c) {
            if (c.value() != 0) java.util.Arrays.fill(out, (float) c.value());
        } else if (init instanceof Initializer.RandomUniform u) {
            uniform(out, random, u.min(), u.max());
        } else if (init instanceof Initializer.VarianceScaling v) {
            double n = switch (v.mode()) {
                case FAN_IN -> fans.in();
                case FAN_OUT -> fans.out();
                case FAN_AVG -> (fans.in() + fans.out()) / 2;
            };
            switch (v.distribution()) {
                case UNIFORM -> symmetricUniform(out, random, Math.sqrt(3.0 * v.scale() / n));
                case TRUNCATED_NORMAL -> truncatedNormal(out, random, Math.sqrt(v.scale() / n));
            }
        } else if (init instanceof Initializer.Orthogonal o) {
            orthogonal(out, random, shape, o.gain());
        } else if (init instanceof Initializer.Segments segments) {
            segments(out, segments, shape, random);
        } else {
            throw new AssertionError("unreachable: Initializer is sealed, found " + init);
        }
        return out;
    }

    /** Each segment's block of the last axis, drawn by its own initializer for every row. */
    private static void segments(float[] out, Initializer.Segments segments, List<Long> shape, SplittableRandom random) {
        int last = Math.toIntExact(shape.get(shape.size() - 1));
        int rows = out.length / Math.max(last, 1);
        int offset = 0;
        for (Initializer.Segment segment : segments.parts()) {
            int length = Math.toIntExact(segment.length());
            List<Long> blockShape = new java.util.ArrayList<>(shape.subList(0, shape.size() - 1));
            blockShape.add(segment.length());
            float[] block = values(segment.initializer(), blockShape, random.nextLong());
            for (int r = 0; r < rows; r++) System.arraycopy(block, r * length, out, r * last + offset, length);
            offset += length;
        }
        if (offset != last) throw new IllegalArgumentException("internal error: segments cover " + offset + " of " + last + " values");
    }

    private static void uniform(float[] out, SplittableRandom random, double low, double high) {
        for (int i = 0; i < out.length; i++) out[i] = (float) (low + (high - low) * random.nextDouble());
    }

    private static void symmetricUniform(float[] out, SplittableRandom random, double limit) {
        uniform(out, random, -limit, limit);
    }

    /** Keras's variance-scaling normal: N(0, stddev) truncated at two deviations, stddev corrected for the cut. */
    private static void truncatedNormal(float[] out, SplittableRandom random, double targetStddev) {
        double stddev = targetStddev / TRUNCATED_NORMAL_STDDEV;
        for (int i = 0; i < out.length; i++) {
            double z;
            do { z = random.nextGaussian(); } while (Math.abs(z) > 2);
            out[i] = (float) (z * stddev);
        }
    }

    /**
     * Keras's orthogonal initializer: flatten to {@code rows = prod(shape[:-1])} by
     * {@code cols = shape[-1]}, take Q of the QR decomposition of a Gaussian matrix of the tall
     * orientation (signs fixed so R's diagonal is positive), transpose back when wide.
     */
    private static void orthogonal(float[] out, SplittableRandom random, List<Long> shape, double gain) {
        int cols = Math.toIntExact(shape.get(shape.size() - 1));
        int rows = out.length / Math.max(cols, 1);
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        // Column-major Gaussian matrix [tall, narrow]; modified Gram-Schmidt gives Q with
        // positive diagonal of R, which is Keras's q * sign(diag(r)).
        double[][] q = new double[narrow][tall];
        for (double[] column : q) for (int i = 0; i < tall; i++) column[i] = random.nextGaussian();
        for (int j = 0; j < narrow; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += q[k][i] * q[j][i];
                for (int i = 0; i < tall; i++) q[j][i] -= dot * q[k][i];
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < tall; i++) q[j][i] /= norm;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = rows >= cols ? q[c][r] : q[r][c];
                out[r * cols + c] = (float) (gain * v);
            }
        }
    }
}
