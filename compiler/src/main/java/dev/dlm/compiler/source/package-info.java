/**
 * Source locations: a {@link dev.dlm.compiler.source.SourceFile} is one file's text with a line
 * index, and a {@link dev.dlm.compiler.source.Span} a range of its characters as offsets; line and
 * column are computed only when a diagnostic is rendered.
 */
package dev.dlm.compiler.source;
