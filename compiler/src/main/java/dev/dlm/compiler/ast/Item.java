package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

import java.util.List;

/** A top-level item of a .dlm file. */
public sealed interface Item extends Node {

    /** {@code let hidden_units = 256}. */
    record Let(String name, Span nameSpan, Expr value, Span span) implements Item {}

    /** {@code data mnist}, {@code data csv("f.csv", label="y")}. */
    record Data(Expr source, Span span) implements Item {}

    /** {@code model mlp(input=[784]) { Dense(256) ... }}. */
    record Model(String name, Span nameSpan, List<Arg> args, List<Expr.Call> layers, Span span) implements Item {
        public Model {
            args = List.copyOf(args);
            layers = List.copyOf(layers);
        }
    }

    /** {@code train { loss = categorical_crossentropy ... }}. */
    record Train(List<Setting> settings, Span span) implements Item {
        public Train { settings = List.copyOf(settings); }
    }

    /** {@code expect params == 269_322}. */
    record Expect(Expr condition, Span span) implements Item {}

    /** {@code sweep { dropout in [0.4, 0.45] }}. */
    record Sweep(List<Setting> axes, Span span) implements Item {
        public Sweep { axes = List.copyOf(axes); }
    }

    /** {@code key = value} inside {@code train}, or {@code name in [values]} inside {@code sweep}. */
    record Setting(String key, Span keySpan, Expr value, Span span) implements Node {}
}
