package dev.dlm.runtime.model;

import java.util.Arrays;

/** The value of one weight tensor: its shape and its elements in row-major order. */
public record WeightArray(long[] shape, float[] values) {

    public WeightArray {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not " + values.length);
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof WeightArray w && Arrays.equals(shape, w.shape) && Arrays.equals(values, w.values);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values); }

    @Override public String toString() { return "WeightArray" + Arrays.toString(shape); }
}
