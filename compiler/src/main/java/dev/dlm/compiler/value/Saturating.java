package dev.dlm.compiler.value;

/**
 * Arithmetic on sizes that saturates at {@link Long#MAX_VALUE} instead of overflowing, so an
 * absurd model reports a huge count (and a clear "too large" error) rather than a negative one.
 * Sizes are never negative.
 */
public final class Saturating {
    private Saturating() {}

    public static long multiply(long a, long b) {
        if (a != 0 && b > Long.MAX_VALUE / a) return Long.MAX_VALUE;
        return a * b;
    }

    public static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** The product of {@code dims}; 1 for none. */
    public static long product(Iterable<Long> dims) {
        long n = 1;
        for (long d : dims) n = multiply(n, d);
        return n;
    }
}
