/**
 * The typed intermediate representation: the contract between the compiler and the runtime.
 * A {@link dev.dlm.compiler.ir.CheckedModel} holds a {@link dev.dlm.compiler.ir.LayerGraph} of
 * checked layers, its data ({@link dev.dlm.compiler.ir.DataSpec}) and training settings
 * ({@link dev.dlm.compiler.ir.TrainSpec}); layer kinds, activations, losses and metrics are
 * enums, and optimizers, initializers, regularizers and data sources sealed records with typed
 * fields, so the runtime switches exhaustively and never matches a name string.
 */
package dev.dlm.compiler.ir;
