/**
 * Files that dlm writes: every one is written to a temporary file in the same folder and
 * renamed over the target, so a full disk, a crash or a signal leaves either the old file or
 * the new one, never a truncated mix. Outputs are validated before any work starts.
 */
package dev.dlm.compiler.io;
