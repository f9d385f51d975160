package dev.dlm.runtime.sweep.report;

/**
 * One epoch of a cell's learning curve, as its run directory's {@code history.csv} logged it:
 * the epoch (from 0, as Keras counts) and the training and validation accuracy, each null
 * when the run did not log it.
 */
public record EpochPoint(int epoch, Double accuracy, Double valAccuracy) {}
