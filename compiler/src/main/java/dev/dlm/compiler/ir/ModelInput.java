package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;

/** One input tensor of a model: its name and sample shape (batch excluded). */
public record ModelInput(String name, Shape shape) {}
