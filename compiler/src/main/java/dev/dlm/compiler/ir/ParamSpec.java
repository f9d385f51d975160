package dev.dlm.compiler.ir;

import java.util.List;

/**
 * One weight tensor of a layer, as Keras creates it: its name within the layer
 * ({@code kernel}, {@code bias}, {@code recurrent_kernel}, {@code gamma}, {@code moving_mean}...),
 * shape, initializer, whether the optimizer trains it, and its regularizer if any.
 */
public record ParamSpec(String name, List<Long> shape, Initializer initializer, boolean trainable,
                        Regularizer regularizer) {

    public ParamSpec {
        shape = List.copyOf(shape);
    }

    public static ParamSpec trainable(String name, Initializer init, Regularizer reg, long... shape) {
        return of(name, init, true, reg, shape);
    }

    public static ParamSpec frozen(String name, Initializer init, long... shape) {
        return of(name, init, false, null, shape);
    }

    public static ParamSpec of(String name, Initializer init, boolean trainable, Regularizer reg, long... shape) {
        return new ParamSpec(name, dev.dlm.compiler.shape.Shape.boxed(shape), init, trainable, reg);
    }

    /** Number of scalars; saturating so absurd models report a huge count rather than overflow. */
    public long count() { return dev.dlm.compiler.value.Saturating.product(shape); }
}
