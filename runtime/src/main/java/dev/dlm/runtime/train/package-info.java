/**
 * Training and evaluation of a checked model. {@link dev.dlm.runtime.train.Trainer} is the entry
 * point ({@code create}, {@code fit}, {@code evaluate}); {@link dev.dlm.runtime.train.ModelGraph}
 * is the emitted graph with its session (weights by flat name, prediction, loss and gradients);
 * losses, the accuracy metric and the optimizers follow Keras's definitions.
 */
package dev.dlm.runtime.train;
