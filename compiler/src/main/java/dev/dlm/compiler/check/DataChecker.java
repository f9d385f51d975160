package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.List;

/**
 * Resolves {@code data ...} to a {@link DataSpec}. The built-in image sets have a known
 * sample shape (28 x 28 pixels, 10 classes, scaled by 1/255). The generic sources are read
 * only when run; their {@code shape} and {@code classes} may be declared so the model can be
 * checked against them.
 */
final class DataChecker {

    static final List<String> SOURCES = List.of("mnist", "fashion_mnist", "idx", "csv", "cifar10");

    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    /** Where the last {@link #check} read a CSV's {@code label=}; null when not given. */
    private Span labelSpan;
    /** The last {@link #check}'s CSV {@code label=} as written; null when not given. */
    private Labels labels;

    /** How {@code label=} was written: one column, a list of columns, or labels per output. */
    enum LabelForm {
        /** {@code label="y"}. */
        ONE,
        /** {@code label=["a", "b"]}: several target columns of one output, or one column per output. */
        LIST,
        /** {@code label=[["a", "b"], "c"]}: a label entry per output, in the outputs' order. */
        PER_OUTPUT_LIST,
        /** {@code label=dict(price="a", kind="c")}: a label entry per output, by Keras's output name. */
        PER_OUTPUT_DICT
    }

    /** One entry of {@code label=}: its output's name ({@code null} outside a dict), its columns, and where it was written. */
    record LabelEntry(String output, Span keySpan, List<String> columns, Span span) {}

    /** {@code label=} as written, with its entries (for {@link LabelForm#LIST}, one per column). */
    record Labels(LabelForm form, List<LabelEntry> entries, Span span) {
        boolean perOutput() { return form == LabelForm.PER_OUTPUT_LIST || form == LabelForm.PER_OUTPUT_DICT; }
    }

    /**
     * A CSV's {@code label=}: a column name, a list of them, or labels per output (a list of
     * entries at least one of which is a list, or {@code dict(output=entry)}), each entry a
     * column name or a list of them. Converts to {@link Labels}.
     */
    private static final ArgType LABELS = new ArgType("a column name, a list of column names, or labels per output") {
        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.Call c && c.callee().equals("dict")) {
                List<LabelEntry> entries = new java.util.ArrayList<>();
                for (Value.Argument a : c.args()) {
                    if (a.positional()) {
                        site.report(Diagnostic.error(Code.DLM1408, a.value().span(),
                                        "`dict(...)` maps output names to label columns: this entry has no name")
                                .help("write `dict(output_name=" + a.value() + ")`, or a list in the outputs' order"));
                        return null;
                    }
                    if (entries.stream().anyMatch(e -> e.output().equals(a.name()))) {
                        site.report(Diagnostic.error(Code.DLM0102, a.nameSpan(), "output `" + a.name() + "` is given twice in `label`"));
                        return null;
                    }
                    Object columns = ArgType.STRINGS.convert(a.value(), site);
                    if (columns == null) return null;
                    @SuppressWarnings("unchecked") List<String> cs = (List<String>) columns;
                    entries.add(new LabelEntry(a.name(), a.nameSpan(), cs, a.value().span()));
                }
                if (entries.isEmpty()) {
                    site.report(Diagnostic.error(Code.DLM1408, v.span(), "`label` is empty").help("give one entry per output"));
                    return null;
                }
                return new Labels(LabelForm.PER_OUTPUT_DICT, entries, v.span());
            }
            if (v instanceof Value.Seq seq && seq.items().stream().anyMatch(i -> i instanceof Value.Seq)) {
                List<LabelEntry> entries = new java.util.ArrayList<>();
                for (Value item : seq.items()) {
                    Object columns = ArgType.STRINGS.convert(item, site);
                    if (columns == null) return null;
                    @SuppressWarnings("unchecked") List<String> cs = (List<String>) columns;
                    entries.add(new LabelEntry(null, item.span(), cs, item.span()));
                }
                return new Labels(LabelForm.PER_OUTPUT_LIST, entries, v.span());
            }
            Object columns = ArgType.STRINGS.convert(v, site);
            if (columns == null) return null;
            @SuppressWarnings("unchecked") List<String> cs = (List<String>) columns;
            if (!(v instanceof Value.Seq seq)) return new Labels(LabelForm.ONE, List.of(new LabelEntry(null, v.span(), cs, v.span())), v.span());
            List<LabelEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < cs.size(); i++) {
                entries.add(new LabelEntry(null, seq.items().get(i).span(), List.of(cs.get(i)), seq.items().get(i).span()));
            }
            return new Labels(LabelForm.LIST, entries, v.span());
        }
    };

    DataChecker(Evaluator evaluator, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    DataSpec check(Item.Data data) {
        Value v = evaluator.eval(data.source());
        String kind;
        Value.Call call;
        if (v instanceof Value.Symbol s) {
            kind = s.name();
            call = new Value.Call(kind, s.span(), List.of(), s.span());
        } else if (v instanceof Value.Call c) {
            kind = c.callee();
            call = c;
        } else if (v instanceof Value.Str s && SOURCES.contains(s.value())) {
            // Strings may be quoted or bare, as everywhere else: `data 'mnist'` is `data mnist`.
            kind = s.value();
            call = new Value.Call(kind, s.span(), List.of(), s.span());
        } else if (v instanceof Value.Str s) {
            diagnostics.report(Diagnostic.error(Code.DLM0110, s.span(), "`" + s.value() + "` is not a data source")
                    .help("for a file, write `data csv(\"" + s.value() + "\", label=\"label\")` or `data idx(\"" + s.value() + "\")`"));
            return null;
        } else {
            if (!(v instanceof Value.Error)) {
                diagnostics.report(Diagnostic.error(Code.DLM0110, v.span(), "`" + v + "` is not a data source")
                        .help("built-in sources: " + String.join(", ", SOURCES)));
            }
            return null;
        }
        switch (kind) {
            case "mnist", "fashion_mnist" -> {
                if (LayerCatalogue.bind(call, kind, List.of(), List.of(), diagnostics, evaluator::reportUnknownName) == null) return null;
                DataSource source = kind.equals("mnist") ? new DataSource.Mnist() : new DataSource.FashionMnist();
                return new DataSpec(source, Shape.of(28, 28), 10, 1.0 / 255, true, data.span());
            }
            case "idx", "csv" -> {
                List<ArgSpec> sig = kind.equals("csv")
                        ? List.of(ArgSpec.req("path", ArgType.STRING), ArgSpec.opt("label", LABELS, null))
                        : List.of(ArgSpec.req("path", ArgType.STRING));
                List<ArgSpec> kw = List.of(
                        ArgSpec.opt("shape", ArgType.shape(false), null),
                        ArgSpec.opt("classes", ArgType.POSITIVE_INT, null),
                        ArgSpec.opt("scale", ArgType.NON_NEGATIVE, kind.equals("idx") ? 1.0 / 255 : 1.0));
                LayerCatalogue.Bound b = LayerCatalogue.bind(call, kind, sig, kw, diagnostics, evaluator::reportUnknownName);
                if (b == null) return null;
                labelSpan = b.spans().get("label");
                labels = b.values().get("label") instanceof Labels l ? l : null;
                if ((Double) b.values().get("scale") == 0) {
                    diagnostics.report(Diagnostic.error(Code.DLM0202, b.spans().get("scale"), "`scale` of `" + kind + "` must be positive, found 0")
                            .label("would turn every sample into zeros"));
                    return null;
                }
                @SuppressWarnings("unchecked")
                List<Long> shape = (List<Long>) b.values().get("shape");
                Long classes = (Long) b.values().get("classes");
                String path = (String) b.values().get("path");
                // Labels per output name every column they read; the checker splits them by output.
                List<String> columns = labels == null ? List.of()
                        : labels.entries().stream().flatMap(e -> e.columns().stream()).distinct().toList();
                DataSource source = kind.equals("csv") ? new DataSource.Csv(path, columns, false)
                        : new DataSource.Idx(path);
                return new DataSpec(source, shape == null ? null : new Shape(shape), classes == null ? 0 : Math.toIntExact(classes),
                        (Double) b.values().get("scale"), true, data.span());
            }
            case "cifar10" -> {
                return cifar10(call, data);
            }
            default -> {
                var d = Diagnostic.error(Code.DLM0110, call.calleeSpan(), "unknown data source `" + kind + "`")
                        .label("not a data source");
                String hint = Names.didYouMean(kind, SOURCES);
                d.help(hint != null ? hint : "built-in sources: " + String.join(", ", SOURCES));
                diagnostics.report(d);
                return null;
            }
        }
    }

    /** Where the last {@link #check} read a CSV's {@code label=} argument; null when it was not given. */
    Span labelSpan() { return labelSpan; }

    /** The last {@link #check}'s CSV {@code label=} as written; null when it was not given. */
    Labels labels() { return labels; }

    /**
     * {@code cifar10(path=None, crop_padding=0, horizontal_flip=False)}: 32x32 colour images
     * of 10 classes, scaled by 1/255 as the book's {@code x_train.astype('float32') / 255}.
     */
    private DataSpec cifar10(Value.Call call, Item.Data data) {
        List<ArgSpec> kw = List.of(
                ArgSpec.opt("path", ArgType.STRING, null),
                ArgSpec.opt("crop_padding", ArgType.integer(0), 0L),
                ArgSpec.opt("horizontal_flip", ArgType.BOOL, false));
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, "cifar10", List.of(), kw, diagnostics, evaluator::reportUnknownName);
        if (b == null) return null;
        long padding = (Long) b.values().get("crop_padding");
        if (padding >= CIFAR10_SIDE) {
            diagnostics.report(Diagnostic.error(Code.DLM0202, b.spans().get("crop_padding"),
                            "`crop_padding` of `cifar10` must be less than the image's side " + CIFAR10_SIDE + ", found " + padding)
                    .label("a crop could hold no pixel of the image")
                    .help("the book's shifts of 10% are `crop_padding=4` (He et al.'s CIFAR-10 augmentation)"));
            return null;
        }
        var augmentation = new dev.dlm.compiler.ir.Augmentation(Math.toIntExact(padding), (Boolean) b.values().get("horizontal_flip"));
        DataSource source = new DataSource.Cifar10((String) b.values().get("path"), augmentation);
        return new DataSpec(source, Shape.of(CIFAR10_SIDE, CIFAR10_SIDE, 3), 10, 1.0 / 255, true, data.span());
    }

    /** The height and width of a CIFAR-10 image. */
    private static final int CIFAR10_SIDE = 32;
}
