package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker of a {@code sweep}: its names, references and cells, and the expansion of every
 * cell to a file of its own that the {@link Checker} checks like any other. A cell's file is the
 * original with the cell's values in place of the {@code let} constants' and the {@code train}
 * settings' it binds, the cell's {@code expect} lines added, and the sweep removed; so each value
 * is checked exactly where it is used, by the rule of the layer argument or setting it replaces.
 *
 * <p>The cells' order is fixed: the explicit cells in the order written, each crossed with the
 * grid of the axes, the grid enumerated in axis order with the last axis fastest (a sweep with
 * only axes is one implicit cell crossed with the grid; one with only cells has an empty grid).
 */
public final class SweepChecker {

    /** The metrics a {@code reference} may name: what a run measures on each split. */
    public static final List<String> REFERENCE_KEYS = List.of("train.accuracy", "train.loss", "test.accuracy", "test.loss");

    /**
     * One cell of a sweep, expanded: its index in the fixed order, its label, the value of each
     * bound name as written (explicit bindings first, then the axes, in order), the references,
     * the checked model (null when the cell does not check) and the cell's own file (the sweep
     * file with the cell's values in place, without the sweep and without comments).
     */
    public record Expanded(int index, String label, Map<String, Binding> bindings, Map<String, Double> references,
                           CheckedModel model, DlmFile file, Item.Cell cell) {}

    /** A name's value in a cell: its expression, where it was written. */
    public record Binding(String name, Span nameSpan, Expr value) {
        /** The value in the canonical layout: what is written, whatever the spacing. */
        public String text() { return Formatter.expr(value); }
    }

    private final DlmFile file;
    private final Diagnostics diagnostics;
    private final Evaluator evaluator;
    private final Set<String> constants;

    SweepChecker(DlmFile file, Diagnostics diagnostics, Evaluator evaluator) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.evaluator = evaluator;
        this.constants = evaluator.constants().keySet();
    }

    /**
     * The names, values and references of a sweep, without expanding it: what can be said of
     * the sweep alone. Reports a second sweep in the file as a duplicate.
     */
    void checkShape(Item.Sweep sweep) {
        if (sweep.axes().isEmpty() && sweep.cells().isEmpty()) {
            diagnostics.report(Diagnostic.error(Code.DLM0606, sweep.span(), "this sweep has no axes and no cells")
                    .help("add an axis (`dropout in [0.4, 0.5]`) or a cell (`cell \"a\" { dropout = 0.4 }`)"));
        }
        Map<String, Span> axes = new HashMap<>();
        for (Item.Setting axis : sweep.axes()) {
            checkName(axis, "sweep axis");
            Span previous = axes.putIfAbsent(axis.key(), axis.keySpan());
            if (previous != null) boundTwice(axis.key(), axis.keySpan(), previous, "axis");
            Value values = evaluator.eval(axis.value());
            if (!(values instanceof Value.Seq s) || s.items().isEmpty()) {
                if (!(values instanceof Value.Error)) {
                    diagnostics.report(Diagnostic.error(Code.DLM0201, axis.value().span(), "a sweep axis takes a non-empty list of values")
                            .help("write `" + axis.key() + " in [a, b, c]`"));
                }
            }
        }
        Map<String, Span> labels = new HashMap<>();
        Map<String, Span> contents = new HashMap<>();
        for (Item.Cell cell : sweep.cells()) {
            Map<String, Span> bound = new HashMap<>();
            for (Item.Setting b : cell.bindings()) {
                checkName(b, "sweep cell binding");
                Span previous = bound.putIfAbsent(b.key(), b.keySpan());
                if (previous != null) boundTwice(b.key(), b.keySpan(), previous, "cell");
                Span axis = axes.get(b.key());
                if (axis != null) {
                    diagnostics.report(Diagnostic.error(Code.DLM0602, b.keySpan(), "`" + b.key() + "` is both a sweep axis and bound by this cell")
                            .label("bound by the cell")
                            .secondary(axis, "the axis")
                            .help("each name is either an axis of the grid or bound by the cells, not both"));
                }
                evaluator.eval(b.value());
            }
            Map<String, Span> refs = new HashMap<>();
            for (Item.Reference r : cell.references()) {
                checkReference(r);
                Span previous = refs.putIfAbsent(r.key(), r.keySpan());
                if (previous != null) {
                    diagnostics.report(Diagnostic.error(Code.DLM0602, r.keySpan(), "`" + r.key() + "` has two references in this cell")
                            .secondary(previous, "first reference").help("keep one"));
                }
            }
            Span where = cell.labelSpan() != null ? cell.labelSpan() : cell.span();
            if (cell.label() != null) {
                Span previous = labels.putIfAbsent(cell.label(), cell.labelSpan());
                if (previous != null) {
                    diagnostics.report(Diagnostic.error(Code.DLM0607, cell.labelSpan(), "two sweep cells are labelled \"" + cell.label() + "\"")
                            .secondary(previous, "first cell with this label")
                            .help("a label names one cell in the sweep's results; rename one of them"));
                }
            }
            String key = cell.bindings().stream().map(b -> b.key() + "=" + Formatter.expr(b.value())).sorted().toList().toString();
            Span same = contents.putIfAbsent(key, where);
            if (same != null) {
                diagnostics.report(Diagnostic.warning(Code.DLM0607, where, "this sweep cell binds the same values as an earlier one")
                        .secondary(same, "earlier cell")
                        .note("both would train the same model")
                        .help("remove one, or change a value"));
            }
        }
    }

    private void checkName(Item.Setting s, String what) {
        if (constants.contains(s.key()) || TrainChecker.SETTINGS.contains(s.key())) return;
        List<String> known = new ArrayList<>(constants);
        known.addAll(TrainChecker.SETTINGS);
        var d = Diagnostic.error(Code.DLM0601, s.keySpan(), what + " `" + s.key() + "` is neither a constant nor a training setting")
                .label(what.equals("sweep axis") ? "unknown axis" : "unknown name");
        String hint = Names.didYouMean(s.key(), known);
        d.help(hint != null ? hint : "bind a `let` constant or a `train` setting");
        diagnostics.report(d);
    }

    private void boundTwice(String name, Span again, Span first, String where) {
        diagnostics.report(Diagnostic.error(Code.DLM0602, again, "`" + name + "` is bound twice in this " + where)
                .label("second binding")
                .secondary(first, "first binding")
                .help("keep one"));
    }

    /** The reference's value, or null when it is not a number of the right range (reported). */
    private Double checkReference(Item.Reference r) {
        if (!REFERENCE_KEYS.contains(r.key())) {
            String hint = Names.didYouMean(r.key(), REFERENCE_KEYS);
            diagnostics.report(Diagnostic.error(Code.DLM0603, r.keySpan(), "`" + r.key() + "` is not a metric a sweep cell measures")
                    .label("unknown metric")
                    .help(hint != null ? hint : "name one of " + String.join(", ", REFERENCE_KEYS)));
            return null;
        }
        Value v = evaluator.eval(r.value());
        if (v instanceof Value.Error) return null;
        if (!(v instanceof Value.Int) && !(v instanceof Value.Float)) {
            diagnostics.report(Diagnostic.error(Code.DLM0604, r.value().span(), "a reference is a number, not `" + Formatter.expr(r.value()) + "`")
                    .help("write the published value, e.g. `" + r.key() + " = 0.981`"));
            return null;
        }
        double x = v instanceof Value.Int i ? i.value() : ((Value.Float) v).value();
        boolean accuracy = r.key().endsWith(".accuracy");
        if (accuracy && (x < 0 || x > 1)) {
            var d = Diagnostic.error(Code.DLM0604, r.value().span(), "an accuracy is a fraction between 0 and 1, not " + number(x));
            d.help(x > 1 && x <= 100 ? "write the percentage as a fraction: `" + r.key() + " = " + fraction(x) + "`"
                    : "write a fraction between 0 and 1");
            diagnostics.report(d);
            return null;
        }
        if (!accuracy && (x < 0 || !Double.isFinite(x))) {
            diagnostics.report(Diagnostic.error(Code.DLM0604, r.value().span(), "a loss is a finite number of at least 0")
                    .help("write the published loss"));
            return null;
        }
        return x;
    }

    private static String number(double x) {
        return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static String fraction(double percent) {
        return new java.math.BigDecimal(Double.toString(percent)).movePointLeft(2).stripTrailingZeros().toPlainString();
    }

    /**
     * Every cell of the sweep in the fixed order, each with its checked model (null when it has
     * errors, which are reported with a note naming the cell). Only called on a file whose
     * sweep is well formed and whose own model checks.
     */
    List<Expanded> expand(Item.Sweep sweep) {
        List<Item.Cell> cells = sweep.cells().isEmpty() ? java.util.Collections.singletonList(null) : sweep.cells();
        List<List<Item.Setting>> grid = grid(sweep.axes());
        List<Expanded> out = new ArrayList<>();
        for (Item.Cell cell : cells) {
            for (List<Item.Setting> point : grid) {
                LinkedHashMap<String, Binding> bindings = new LinkedHashMap<>();
                if (cell != null) for (Item.Setting b : cell.bindings()) bindings.put(b.key(), new Binding(b.key(), b.keySpan(), b.value()));
                for (Item.Setting a : point) bindings.put(a.key(), new Binding(a.key(), a.keySpan(), a.value()));
                int index = out.size();
                String label = label(cell, point, index);
                Map<String, Double> references = new LinkedHashMap<>();
                if (cell != null) {
                    Diagnostics quiet = new Diagnostics();
                    for (Item.Reference r : cell.references()) {
                        Double x = new SweepChecker(file, quiet, evaluator).checkReference(r);
                        if (x != null) references.put(r.key(), x);
                    }
                }
                DlmFile expanded = substitute(bindings, cell == null ? List.of() : cell.expects());
                CheckedModel model = checkCell(index, label, bindings, expanded);
                out.add(new Expanded(index, label, bindings, references, model, expanded, cell));
            }
        }
        return out;
    }

    /** The grid's points in axis order, the last axis fastest; one empty point without axes. */
    private static List<List<Item.Setting>> grid(List<Item.Setting> axes) {
        List<List<Item.Setting>> points = new ArrayList<>();
        points.add(List.of());
        for (Item.Setting axis : axes) {
            List<Expr> values = axis.value() instanceof Expr.Sequence s ? s.items() : List.of(axis.value());
            List<List<Item.Setting>> next = new ArrayList<>();
            for (List<Item.Setting> p : points) {
                for (Expr v : values) {
                    List<Item.Setting> q = new ArrayList<>(p);
                    q.add(new Item.Setting(axis.key(), axis.keySpan(), v, v.span()));
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** The cell's label, then the grid point's values; {@code cell K} for a cell without label or values. */
    private static String label(Item.Cell cell, List<Item.Setting> point, int index) {
        List<String> parts = new ArrayList<>();
        if (cell != null && cell.label() != null) parts.add(cell.label());
        else if (cell != null) for (Item.Setting b : cell.bindings()) parts.add(b.key() + "=" + Formatter.expr(b.value()));
        for (Item.Setting a : point) parts.add(a.key() + "=" + Formatter.expr(a.value()));
        return parts.isEmpty() ? "cell " + index : String.join(", ", parts);
    }

    private CheckedModel checkCell(int index, String label, Map<String, Binding> bindings, DlmFile expanded) {
        Diagnostics own = new Diagnostics();
        CheckedModel model = Checker.check(expanded, own);
        for (Diagnostic d : own.sorted()) {
            if (!d.isError()) continue;  // the file's own warnings are reported by its own check
            List<Diagnostic.Label> secondary = new ArrayList<>(d.secondary());
            for (Binding b : bindings.values()) {
                if (mentions(d, b)) secondary.add(new Diagnostic.Label(b.value().span(), "`" + b.name() + "` in this cell"));
            }
            List<String> notes = new ArrayList<>(d.notes());
            notes.add("in sweep cell " + index + " (" + label + ")");
            diagnostics.report(new Diagnostic(d.code(), d.severity(), d.span(), d.message(), d.label(), secondary, notes, d.help()));
        }
        return model;
    }

    /** True when the diagnostic's place is not the binding's own value but may come from it. */
    private static boolean mentions(Diagnostic d, Binding b) {
        Span value = b.value().span();
        return !(d.span().start() >= value.start() && d.span().end() <= value.end());
    }

    /** The file with the bindings in place of the constants and settings they name, plus the cell's expectations. */
    private DlmFile substitute(Map<String, Binding> bindings, List<Item.Expect> expects) {
        List<Item> items = new ArrayList<>();
        Map<String, Binding> settings = new LinkedHashMap<>();
        for (Binding b : bindings.values()) if (!constants.contains(b.name())) settings.put(b.name(), b);
        boolean hasTrain = false;
        for (Item item : file.items()) {
            if (item instanceof Item.Let let && bindings.containsKey(let.name())) {
                items.add(new Item.Let(let.name(), let.nameSpan(), bindings.get(let.name()).value(), let.span()));
            } else if (item instanceof Item.Train train) {
                hasTrain = true;
                List<Item.Setting> out = new ArrayList<>();
                Map<String, Binding> pending = new LinkedHashMap<>(settings);
                for (Item.Setting s : train.settings()) {
                    Binding b = pending.remove(s.key());
                    out.add(b == null ? s : new Item.Setting(s.key(), s.keySpan(), b.value(), s.span()));
                }
                for (Binding b : pending.values()) out.add(new Item.Setting(b.name(), b.nameSpan(), b.value(), b.value().span()));
                items.add(new Item.Train(out, train.span()));
            } else if (!(item instanceof Item.Sweep)) {
                items.add(item);
            }
        }
        if (!hasTrain && !settings.isEmpty()) {
            List<Item.Setting> out = new ArrayList<>();
            for (Binding b : settings.values()) out.add(new Item.Setting(b.name(), b.nameSpan(), b.value(), b.value().span()));
            items.add(new Item.Train(out, out.get(0).span()));
        }
        items.addAll(expects);
        return new DlmFile(file.source(), items, List.of());
    }
}
