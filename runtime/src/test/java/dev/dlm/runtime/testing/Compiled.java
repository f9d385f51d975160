package dev.dlm.runtime.testing;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;

/**
 * Checked models compiled from dlm text by the real compiler, for runtime tests that should
 * see exactly what {@code dlmc run} hands the runtime (rather than a hand-built IR).
 */
public final class Compiled {
    private Compiled() {}

    /** A model {@code input -> layers...} trained with {@code loss} and {@code optimizer}; fails on any error. */
    public static CheckedModel trained(String input, String loss, String optimizer, String... layers) {
        StringBuilder text = new StringBuilder("model m(input=" + input + ") {\n");
        for (String layer : layers) text.append("    ").append(layer).append('\n');
        text.append("}\ntrain {\n    loss = ").append(loss).append("\n    optimizer = ").append(optimizer)
                .append("\n    seed = 1\n}\n");
        Compilation c = DlmCompiler.compile("test.dlm", text.toString());
        if (c.model() == null) throw new AssertionError("does not compile:\n" + text + c.diagnostics());
        return c.model();
    }

    /** As {@link #trained(String, String, String, String...)} with mean squared error and adam. */
    public static CheckedModel model(String input, String... layers) {
        return trained(input, "mse", "adam", layers);
    }

    /**
     * A functional model: {@code lines} are its body ({@code x = Input(shape=[4])}, ...), trained
     * with {@code loss} and adam; fails on any error.
     */
    public static CheckedModel functional(String loss, String... lines) {
        StringBuilder text = new StringBuilder("model m {\n");
        for (String line : lines) text.append("    ").append(line).append('\n');
        text.append("}\ntrain {\n    loss = ").append(loss).append("\n    optimizer = adam\n    seed = 1\n}\n");
        Compilation c = DlmCompiler.compile("test.dlm", text.toString());
        if (c.model() == null) throw new AssertionError("does not compile:\n" + text + c.diagnostics());
        return c.model();
    }
}
