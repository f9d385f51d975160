package dev.dlm.compiler.shape;

/** One axis of a tensor shape: a fixed size, or unknown (the batch axis). */
public sealed interface Dim {

    /** The batch axis and any other size known only at run time; Keras prints it as {@code None}. */
    record Unknown() implements Dim {
        @Override public String toString() { return "None"; }
    }

    /** A size known at compile time. Sizes are {@code long}: products overflow {@code int}. */
    record Fixed(long size) implements Dim {
        public Fixed {
            if (size < 0) throw new IllegalArgumentException("negative dimension " + size);
        }
        @Override public String toString() { return Long.toString(size); }
    }

    Dim UNKNOWN = new Unknown();

    static Dim of(long size) { return new Fixed(size); }
}
