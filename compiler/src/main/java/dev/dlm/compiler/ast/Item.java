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

    /**
     * {@code sweep { dropout in [0.4, 0.45] }}: grid axes, explicit cells, or both (then every
     * cell is crossed with the grid).
     */
    record Sweep(List<Setting> axes, List<Cell> cells, Span span) implements Item {
        public Sweep {
            axes = List.copyOf(axes);
            cells = List.copyOf(cells);
        }

        /** A grid without explicit cells. */
        public Sweep(List<Setting> axes, Span span) { this(axes, List.of(), span); }
    }

    /**
     * {@code cell "label" { units = 512; optimizer = sgd; expect params == 932_362;
     * reference test.accuracy = 0.983 }}: one explicit configuration of a sweep. {@code label}
     * and {@code labelSpan} are null when the cell has no label.
     */
    record Cell(String label, Span labelSpan, List<Setting> bindings, List<Expect> expects, List<Reference> references,
                Span span) implements Node {
        public Cell {
            bindings = List.copyOf(bindings);
            expects = List.copyOf(expects);
            references = List.copyOf(references);
        }
    }

    /** {@code test.accuracy = 0.981} after {@code reference}: a published number for a metric. */
    record Reference(String key, Span keySpan, Expr value, Span span) implements Node {}

    /** {@code key = value} inside {@code train}, or {@code name in [values]} inside {@code sweep}. */
    record Setting(String key, Span keySpan, Expr value, Span span) implements Node {}
}
