package dev.dlm.compiler.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one sample, without the batch axis: {@code [28, 28, 1]}. Keras's
 * {@code (None, 28, 28, 1)} is {@link #withBatch()}. Every dimension of a sample shape is
 * fixed; the batch axis is the only unknown the language has.
 */
public record Shape(List<Long> dims) {

    public Shape {
        dims = List.copyOf(dims);
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + dims);
        }
    }

    public static Shape of(long... dims) {
        return new Shape(boxed(dims));
    }

    /**
     * {@code values} as an unmodifiable list. A loop, not a stream: the checker makes shapes and
     * weight shapes for every layer, mostly interpreted, where a stream costs several times more.
     */
    public static List<Long> boxed(long... values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return List.of(boxed);
    }

    public int rank() { return dims.size(); }

    public long dim(int axis) { return dims.get(axis < 0 ? dims.size() + axis : axis); }

    public long last() { return dims.get(dims.size() - 1); }

    /** Number of elements of one sample; saturates at {@link Long#MAX_VALUE} instead of overflowing. */
    public long elements() { return dev.dlm.compiler.value.Saturating.product(dims); }

    /** This shape with its last axis replaced. */
    public Shape withLast(long size) {
        List<Long> out = new ArrayList<>(dims);
        out.set(out.size() - 1, size);
        return new Shape(out);
    }

    /** The dimensions with the batch axis in front, as Keras shows them. */
    public List<Dim> withBatch() {
        List<Dim> out = new ArrayList<>();
        out.add(Dim.UNKNOWN);
        for (long d : dims) out.add(Dim.of(d));
        return out;
    }

    /** Keras's notation with the batch axis: {@code (None, 26, 26, 64)}. */
    public String keras() {
        String inner = withBatch().stream().map(Dim::toString).collect(Collectors.joining(", "));
        return "(" + inner + ")";
    }

    /**
     * What the record's generated equals says (equal dimensions), written out: the generated
     * one is linked at its first call through {@code ObjectMethods}, which spins a dozen and a
     * half method-handle classes that class-data sharing cannot keep, and a one-file check
     * compares shapes (docs/benchmarks.md). The generated {@link #hashCode()} stays, and
     * agrees with this.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Shape other && dims.equals(other.dims);
    }

    /** The language's notation of a sample shape: {@code [28, 28]}. */
    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
