/**
 * The abstract syntax tree of a {@code .dlm} file as written: immutable records under sealed
 * interfaces ({@link dev.dlm.compiler.ast.Item}, {@link dev.dlm.compiler.ast.Expr}), each with
 * the {@link dev.dlm.compiler.source.Span} it came from, and the file's comments for the
 * formatter. The checker reads it and records its results in side tables, never in the tree.
 */
package dev.dlm.compiler.ast;
