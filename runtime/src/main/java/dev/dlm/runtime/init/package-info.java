/** Keras's weight initializers computed in Java from a seed ({@link dev.dlm.runtime.init.Initializers}). */
package dev.dlm.runtime.init;
