/**
 * The checker: a parsed file to a {@link dev.dlm.compiler.ir.CheckedModel}, or to diagnostics.
 * It evaluates constants, resolves the data source, checks each layer with its rule (shapes
 * and parameter counts as Keras computes them), the training settings and the expectations.
 * It reports many errors per run, once each, and never throws for a user's mistake.
 */
package dev.dlm.compiler.check;
