package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.Span;

import java.util.List;

/** A top-level item of a .dlm file. */
public sealed interface Item extends Node {

    /** {@code let hidden_units = 256}. */
    record Let(String name, Span nameSpan, Expr value, Span span) implements Item {}

    /** {@code data mnist}, {@code data csv("f.csv", label="y")}. */
    record Data(Expr source, Span span) implements Item {}

    /**
     * {@code model mlp(input=[784]) { Dense(256) ... }}, or a functional model whose body
     * assigns tensors ({@code y = Dense(10)(x)}).
     */
    record Model(String name, Span nameSpan, List<Arg> args, List<BodyItem> body, Span span) implements Item {
        public Model {
            args = List.copyOf(args);
            body = List.copyOf(body);
        }

        /** The bare layer calls of the body: every layer of a Sequential model. */
        public List<Expr.Call> layers() {
            return body.stream().filter(b -> b instanceof BodyItem.Layer).map(b -> ((BodyItem.Layer) b).call()).toList();
        }

        /** True when the body has an assignment: the model is written in the functional form. */
        public boolean functional() { return body.stream().anyMatch(b -> b instanceof BodyItem.Assign); }
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
