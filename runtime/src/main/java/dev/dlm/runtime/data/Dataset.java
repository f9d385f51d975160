package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;

import java.util.Objects;

/**
 * A loaded data source: a training and a test {@link Split} whose samples share one shape
 * (without the batch axis) and whose labels are class ids in {@code [0, classes)}.
 *
 * @param name        how the program named the source ({@code mnist}, {@code csv(data/iris.csv)})
 * @param sampleShape the shape of one sample as the source stores it ({@code [28, 28]} for MNIST)
 * @param classes     the number of classes; one-hot labels have this width
 */
public record Dataset(String name, Shape sampleShape, int classes, Split train, Split test) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        for (Split split : new Split[] {train, test}) {
            if (!split.sampleShape().equals(sampleShape)) {
                throw new IllegalArgumentException("split of shape " + split.sampleShape()
                        + " in a dataset of shape " + sampleShape);
            }
            if (split.classes() != classes) {
                throw new IllegalArgumentException("split of " + split.classes()
                        + " classes in a dataset of " + classes);
            }
        }
    }
}
