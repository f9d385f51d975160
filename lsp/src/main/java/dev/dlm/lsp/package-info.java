/**
 * The dlm language server ({@code dlmc lsp}): the compiler's diagnostics, every layer's shape
 * and parameter count as inlay hints, hover, completion, navigation of {@code let} names,
 * formatting and quick fixes, over the Language Server Protocol (lsp4j). It depends on the
 * compiler only; {@link dev.dlm.lsp.Analysis} is the one class that reads the checked IR.
 */
package dev.dlm.lsp;
