package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

/** One argument of a call: positional when {@code name} is null. */
public record Arg(String name, Span nameSpan, Expr value, Span span) implements Node {
    public boolean positional() { return name == null; }
}
