/**
 * The layer catalogue: one pure {@link dev.dlm.compiler.layers.LayerRule} per layer kind (its
 * Keras signature, the input ranks it accepts, its output shape, weights and cost, computed
 * together), the binding of a call's arguments to a signature
 * ({@link dev.dlm.compiler.layers.LayerCatalogue}), the argument types, and the names a file may
 * use for activations, losses, optimizers, metrics and initializers
 * ({@link dev.dlm.compiler.layers.Catalogs}). {@code docs/layers.md} is checked against it by a test.
 */
package dev.dlm.compiler.layers;
