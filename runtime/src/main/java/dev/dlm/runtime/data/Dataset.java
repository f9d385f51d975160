package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;

/**
 * A loaded data set: its name, the shape of one sample, the number of classes and its
 * training and test splits. Placeholder of the interface agreed with the data package;
 * the data helper's version replaces this file.
 */
public record Dataset(String name, Shape sampleShape, int classes, Split train, Split test) {
}
