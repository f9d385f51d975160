/**
 * Keras's description of a model, both ways and without TensorFlow: {@link KerasLayers} is the
 * one table from a checked layer to its Keras class name, configuration and weight paths;
 * {@link KerasImporter} turns a Keras Sequential configuration into formatted dlm text.
 */
package dev.dlm.compiler.keras;
