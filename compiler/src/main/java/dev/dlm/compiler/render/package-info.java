/**
 * Renderers of the compiler's results: diagnostics as rustc-style text, JSON, GitHub workflow
 * commands and SARIF ({@link dev.dlm.compiler.render.DiagnosticRenderer}), a checked model as
 * Keras's {@code model.summary()} table or JSON ({@link dev.dlm.compiler.render.SummaryRenderer}),
 * and the small insertion-ordered JSON writer they share.
 */
package dev.dlm.compiler.render;
