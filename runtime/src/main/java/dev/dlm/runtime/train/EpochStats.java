package dev.dlm.runtime.train;

/**
 * One epoch of Keras's {@code History}: the mean training loss and accuracy over the epoch's
 * samples, the validation loss and accuracy (null without validation), and the wall time in
 * seconds (validation included, as Keras measures it). Epochs count from 1.
 */
public record EpochStats(int epoch, double loss, double accuracy, Double valLoss, Double valAccuracy, double seconds) {
}
