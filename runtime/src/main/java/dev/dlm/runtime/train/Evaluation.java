package dev.dlm.runtime.train;

/** Keras's {@code evaluate}: mean loss (regularization included) and accuracy over a split. */
public record Evaluation(double loss, double accuracy) {
}
