/**
 * Exports of a trained model for other tools: Keras 3's {@code .keras} archive, TensorFlow.js's
 * layers format and a TensorFlow SavedModel of the inference graph.
 */
package dev.dlm.runtime.export;
