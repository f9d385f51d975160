package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;

/**
 * Where the samples come from and what one looks like. {@code kind} is {@code mnist},
 * {@code fashion_mnist}, {@code idx} or {@code csv}; {@code path} and {@code label} are
 * set for the generic sources. Pixels are scaled by {@code scale} (1/255 for images);
 * labels are one-hot over {@code classes} when {@code oneHot}.
 */
public record DataSpec(String kind, String path, String label, Shape sampleShape, int classes,
                       double scale, boolean oneHot) {
}
