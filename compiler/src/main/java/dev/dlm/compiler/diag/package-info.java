/**
 * Diagnostics as values: a {@link dev.dlm.compiler.diag.Diagnostic} has a severity, a stable
 * {@link dev.dlm.compiler.diag.Code} (documented in {@code docs/errors/}), a primary span,
 * labels, notes and a help; {@link dev.dlm.compiler.diag.Diagnostics} collects them once each,
 * and {@link dev.dlm.compiler.diag.Names} makes the "did you mean" suggestions. The same values
 * feed text, JSON, GitHub, SARIF and the language server.
 */
package dev.dlm.compiler.diag;
