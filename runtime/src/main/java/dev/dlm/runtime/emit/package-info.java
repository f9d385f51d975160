/**
 * Emission of checked layers into a TensorFlow Java graph: one {@link dev.dlm.runtime.emit.LayerEmitter}
 * per layer kind ({@link dev.dlm.runtime.emit.Emitters}), Keras's activations, and the
 * {@link dev.dlm.runtime.emit.EmitContext} they share (the {@code training} switch, seeded
 * dropout masks, batch-norm state updates). Every op used has a C++ gradient in TensorFlow
 * 2.18: recurrent layers are statically unrolled, dilated convolutions use a spread kernel,
 * embeddings use GatherV2.
 */
package dev.dlm.runtime.emit;
