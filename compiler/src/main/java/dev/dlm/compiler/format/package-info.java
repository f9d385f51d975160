/**
 * The formatter: a parsed file printed back in dlm's canonical layout with every comment kept
 * ({@link dev.dlm.compiler.format.Formatter}), and the unified diff
 * ({@link dev.dlm.compiler.format.UnifiedDiff}) that {@code dlmc fmt --check} prints for a file
 * that is not formatted.
 */
package dev.dlm.compiler.format;
