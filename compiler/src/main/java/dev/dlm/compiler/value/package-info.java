/**
 * Compile-time values: what an argument, a constant or a setting evaluates to
 * ({@link dev.dlm.compiler.value.Value}, each remembering its span), how Python and Keras print
 * them, and saturating arithmetic on sizes ({@link dev.dlm.compiler.value.Saturating}) so an
 * absurd model reports a huge count rather than an overflowed one.
 */
package dev.dlm.compiler.value;
