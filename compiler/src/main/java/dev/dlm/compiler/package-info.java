/**
 * The dlm compiler's entry point: {@link dev.dlm.compiler.DlmCompiler} turns a {@code .dlm}
 * file's text into a {@link dev.dlm.compiler.Compilation} (its AST, its diagnostics and, when
 * there were no errors, the checked model) and formats files. The stages live in the
 * sub-packages, in pipeline order: {@code parse} (text to {@code ast}), {@code check} (names,
 * values, shapes and parameter counts, with the layer rules of {@code layers}), {@code ir} (the
 * checked model handed to the runtime), {@code render} and {@code format} (output). The
 * compiler never loads TensorFlow, so {@code check}, {@code summary}, {@code fmt} and the
 * language server stay fast.
 */
package dev.dlm.compiler;
