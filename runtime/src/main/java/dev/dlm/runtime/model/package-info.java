/**
 * A trained model: a checked model with the values of its weights, built from a live
 * {@link dev.dlm.runtime.train.ModelGraph} or read from a run directory, and Keras 3's HDF5
 * weight layout, which run directories and {@code .keras} exports share.
 */
package dev.dlm.runtime.model;
