package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;

/**
 * One input tensor of a model: its name (Keras's InputLayer name: the {@code name=} of its
 * {@code Input(...)} or {@code input_1}, {@code input_2}...), its sample shape (batch excluded),
 * and the variable of the {@code .dlm} file it is assigned to (null for a Sequential model's one
 * input). Tools that take an input by name (predict's {@code --input NAME=FILE}) accept either.
 */
public record ModelInput(String name, Shape shape, String variable) {

    /** An input that no variable names (a Sequential model's). */
    public ModelInput(String name, Shape shape) { this(name, shape, null); }
}
