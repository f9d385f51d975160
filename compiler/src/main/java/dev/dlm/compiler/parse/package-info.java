/**
 * The parser: source text to {@link dev.dlm.compiler.ast.DlmFile} with the ANTLR grammar of the
 * {@code grammar} module, syntax errors reported as diagnostics (DLM00xx). The only package
 * that sees ANTLR's types; its AST builder reads labelled grammar
 * elements only and nothing of the parse tree leaves it.
 */
package dev.dlm.compiler.parse;
