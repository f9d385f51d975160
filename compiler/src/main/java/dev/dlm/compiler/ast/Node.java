package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

/** Every syntax node knows where it came from. */
public interface Node {
    Span span();
}
