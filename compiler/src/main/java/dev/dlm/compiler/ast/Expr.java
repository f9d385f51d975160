package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

import java.util.List;

/** An expression as written: evaluated by the checker, printed back by the formatter. */
public sealed interface Expr extends Node {

    /** {@code Dense(256, activation='relu')}, {@code l2(0.001)}, {@code csv("f.csv")}. */
    record Call(String callee, Span calleeSpan, List<Arg> args, Span span) implements Expr {
        public Call { args = List.copyOf(args); }
    }

    /** {@code test.accuracy}, {@code dense_1.params}. */
    record Member(Expr target, String member, Span memberSpan, Span span) implements Expr {}

    record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

    record Unary(String op, Expr operand, Span span) implements Expr {}

    /** A parenthesized expression, kept so the formatter can print what was written. */
    record Paren(Expr inner, Span span) implements Expr {}

    /** {@code (3, 5)} when {@code tuple}, else {@code [28, 28]}. */
    record Sequence(List<Expr> items, boolean tuple, Span span) implements Expr {
        public Sequence { items = List.copyOf(items); }
    }

    record BoolLit(boolean value, String text, Span span) implements Expr {}

    record NoneLit(String text, Span span) implements Expr {}

    /** An integer literal; {@code text} keeps the digits as written ({@code 269_322}). */
    record IntLit(String text, Span span) implements Expr {}

    record FloatLit(String text, Span span) implements Expr {}

    /** A string literal; {@code value} is unescaped, {@code text} is as written with quotes. */
    record StringLit(String value, String text, Span span) implements Expr {}

    record Name(String name, Span span) implements Expr {}
}
