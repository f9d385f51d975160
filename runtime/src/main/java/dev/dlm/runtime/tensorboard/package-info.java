/**
 * TensorBoard event files written and read in pure Java: TFRecord framing with masked
 * CRC32C checksums around {@code Event} protos (scalars as Keras's TensorBoard callback
 * writes them, and the model's graph).
 */
package dev.dlm.runtime.tensorboard;
