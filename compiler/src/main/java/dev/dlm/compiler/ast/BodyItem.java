package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

/**
 * An item inside a model's braces: a bare layer call (the Sequential form) or an assignment
 * (the functional form). Which kind of assignment it is (an input, a layer applied to
 * tensors, a shared layer's definition or its application) is the checker's business: the
 * syntax alone cannot tell {@code p = shared(a)} from {@code s = Dense(64)}.
 */
public sealed interface BodyItem extends Node {

    /**
     * {@code Dense(10)}: a layer of a Sequential model; {@code Dropout(rate) if rate > 0} is in
     * the model only when its condition holds ({@code condition} is null without one).
     */
    record Layer(Expr.Call call, Expr condition, Span span) implements BodyItem {
        public Layer(Expr.Call call) { this(call, null, call.span()); }
    }

    /**
     * {@code target = call} or {@code target = call(applied)}: {@code y = Dense(10)(x)},
     * {@code x = Input(shape=[784])}, {@code shared = Dense(64)}, {@code p = shared(a)}.
     * {@code applied} is the tensor or list of tensors of the second parentheses, or null.
     */
    record Assign(String target, Span targetSpan, Expr.Call call, Expr applied, Span span) implements BodyItem {}
}
