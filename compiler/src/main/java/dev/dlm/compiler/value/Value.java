package dev.dlm.compiler.value;

import dev.dlm.compiler.source.Span;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A compile-time value: what an argument, a constant or a setting evaluates to. Every value
 * remembers the span it came from, so a rule that rejects it can point at it.
 */
public sealed interface Value {

    Span span();

    /** The type's name as users read it in messages. */
    String typeName();

    record Int(long value, Span span) implements Value {
        public String typeName() { return "int"; }
        @Override public String toString() { return Long.toString(value); }
    }

    record Float(double value, Span span) implements Value {
        public String typeName() { return "float"; }
        @Override public String toString() { return Values.formatFloat(value); }
    }

    record Str(String value, Span span) implements Value {
        public String typeName() { return "string"; }
        @Override public String toString() { return "'" + value + "'"; }
    }

    record Bool(boolean value, Span span) implements Value {
        public String typeName() { return "bool"; }
        @Override public String toString() { return value ? "True" : "False"; }
    }

    record None(Span span) implements Value {
        public String typeName() { return "None"; }
        @Override public String toString() { return "None"; }
    }

    /** A bare name that is not a constant: {@code relu}, {@code adam}, {@code mnist}. */
    record Symbol(String name, Span span) implements Value {
        public String typeName() { return "name"; }
        @Override public String toString() { return name; }
    }

    /** A tuple {@code (3, 5)} or a list {@code [28, 28]}. */
    record Seq(List<Value> items, boolean tuple, Span span) implements Value {
        public Seq { items = List.copyOf(items); }
        public String typeName() { return tuple ? "tuple" : "list"; }
        @Override public String toString() {
            String inner = items.stream().map(Value::toString).collect(Collectors.joining(", "));
            return tuple ? "(" + inner + (items.size() == 1 ? ",)" : ")") : "[" + inner + "]";
        }
    }

    /**
     * A call: a layer inside {@code Bidirectional(...)}, a regularizer {@code l2(0.001)}, an
     * optimizer {@code adam(learning_rate=1e-3)}, a data source {@code csv("f.csv")}.
     * Positional arguments have a null name.
     */
    record Call(String callee, Span calleeSpan, List<Argument> args, Span span) implements Value {
        public Call { args = List.copyOf(args); }
        public String typeName() { return "call"; }
        @Override public String toString() {
            return callee + args.stream().map(Argument::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** One argument of a call, evaluated. */
    record Argument(String name, Span nameSpan, Value value) {
        public boolean positional() { return name == null; }
        @Override public String toString() { return name == null ? value.toString() : name + "=" + value; }
    }

    /** Placeholder for a value whose evaluation already failed with a diagnostic: silences follow-ups. */
    record Error(Span span) implements Value {
        public String typeName() { return "error"; }
        @Override public String toString() { return "<error>"; }
    }
}
