package dev.dlm.compiler.ir;

/**
 * A weight penalty added to the loss: {@code l1 * sum(|w|) + l2 * sum(w^2)}, as Keras's
 * {@code l1}, {@code l2} and {@code l1_l2} define it. Regularizers add no parameters.
 */
public record Regularizer(double l1, double l2) {
    @Override public String toString() {
        if (l1 == 0) return "l2(" + l2 + ")";
        if (l2 == 0) return "l1(" + l1 + ")";
        return "l1_l2(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
