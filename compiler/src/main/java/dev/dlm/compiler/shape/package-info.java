/**
 * Tensor shapes as types: a {@link dev.dlm.compiler.shape.Shape} is one sample's shape without
 * the batch axis, made of {@link dev.dlm.compiler.shape.Dim}s that are fixed sizes or explicitly
 * unknown (never {@code -1}), with sizes as {@code long}.
 */
package dev.dlm.compiler.shape;
