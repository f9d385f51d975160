/**
 * Using a trained model: the inference-only graph (no optimizer, dropout off, batch
 * normalization on its moving statistics), the readers that turn images, idx files, CSV rows
 * and {@code .npy} arrays into model inputs, and the streamed prediction service.
 */
package dev.dlm.runtime.predict;
