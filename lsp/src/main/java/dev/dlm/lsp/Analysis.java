package dev.dlm.lsp;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.check.Checker;
import dev.dlm.compiler.check.Evaluator;
import dev.dlm.compiler.check.SweepChecker;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the server knows about one version of a document: the compilation, each layer call
 * of the model with its checked shape and weights, and the {@code let} constants with their
 * uses. This is the one class that reads the compiler's checked IR, so a change of the IR
 * touches the server here only.
 *
 * <p>The compiler returns no model when a file has any error. An editor still wants the
 * shapes of the layers before the mistake, so the model's prefix up to the first failing
 * layer (without the training settings and expectations, which cannot change a shape) is
 * checked again on its own.
 */
final class Analysis {

    /** One layer call of the model; {@code output} and the counts are null when it was not checked. */
    record Layer(Expr.Call call, String name, String kind, String input, String output, Long params,
                 Long trainable, List<String> weights) {

        boolean checked() { return output != null; }

        /** The parameter count as a sum of weight sizes: {@code kernel 784 × 256 + bias 256 = 200,960}. */
        String formula() {
            if (weights.isEmpty()) return "no weights: 0";
            return String.join(" + ", weights) + " = " + String.format("%,d", params);
        }
    }

    /** A {@code let} constant: its declaration and its value as the checker evaluates it (null if it fails). */
    record Let(Item.Let item, String value) {}

    /** The model's totals, as model.summary() prints them; null unless every layer checked. */
    record Totals(long total, long trainable, long nonTrainable) {}

    final Compilation compilation;
    final Item.Model model;
    final List<Layer> layers;
    final Totals totals;
    final Map<String, Let> lets;
    /** Every use of a {@code let} name (expressions and sweep axes), declarations excluded. */
    final List<Span> letUses;

    private Analysis(Compilation compilation, Item.Model model, List<Layer> layers, Totals totals,
                     Map<String, Let> lets, List<Span> letUses) {
        this.compilation = compilation;
        this.model = model;
        this.layers = layers;
        this.totals = totals;
        this.lets = lets;
        this.letUses = letUses;
    }

    SourceFile source() { return compilation.source(); }

    /** The sweep's cells, expanded and checked on first use (hovers only): null until then. */
    private List<SweepChecker.Expanded> sweepCells;

    /**
     * Every cell of the file's sweep, expanded and checked: a table's sweep is a dozen models,
     * so this runs on the first hover that needs it and is kept with this version of the
     * document. Empty when the file has no sweep or it does not check.
     */
    synchronized List<SweepChecker.Expanded> sweepCells() {
        if (sweepCells == null) {
            List<SweepChecker.Expanded> cells;
            try {
                cells = List.copyOf(Checker.checkSweep(ast(), new Diagnostics()).cells());
            } catch (RuntimeException | StackOverflowError e) {
                cells = List.of();  // a file being edited: the diagnostics say what is wrong
            }
            sweepCells = cells;
        }
        return sweepCells;
    }

    DlmFile ast() { return compilation.ast(); }

    static Analysis of(String name, String text) {
        Compilation c = DlmCompiler.compile(name, text);
        Item.Model model = c.ast().items().stream().filter(i -> i instanceof Item.Model).map(i -> (Item.Model) i)
                .findFirst().orElse(null);
        Map<String, Let> lets = lets(c.ast());
        List<Span> uses = new ArrayList<>();
        for (Item item : c.ast().items()) collectUses(item, lets, uses);
        List<Layer> layers = new ArrayList<>();
        Totals totals = null;
        if (model != null) {
            CheckedModel checked = c.model() != null ? c.model() : prefix(c, model);
            Map<Integer, CheckedLayer> bySpan = new LinkedHashMap<>();
            if (checked != null) for (CheckedLayer l : checked.layers()) bySpan.put(l.span().start(), l);
            for (BodyItem item : model.body()) {
                if (item instanceof BodyItem.Layer l) {
                    Expr.Call call = l.call();
                    if (LayerCatalogue.INPUT_KINDS.contains(call.callee())) continue;
                    layers.add(layer(call, bySpan.get(call.span().start())));
                } else if (item instanceof BodyItem.Assign a) {
                    // A functional item `y = Dense(10)(x)` (or a shared layer's `d = Dense(10)`):
                    // the layer was checked at its call; its hint goes after the whole item.
                    // Inputs and applications of a shared layer by name create no layer.
                    Expr.Call call = a.call();
                    if (LayerCatalogue.INPUT_KINDS.contains(call.callee()) || LayerCatalogue.rule(call.callee()) == null) continue;
                    Expr.Call whole = new Expr.Call(call.callee(), call.calleeSpan(), call.args(), a.span());
                    layers.add(layer(whole, bySpan.get(call.span().start())));
                }
            }
            if (c.model() != null) {
                totals = new Totals(c.model().totalParams(), c.model().trainableParams(), c.model().nonTrainableParams());
            }
        }
        return new Analysis(c, model, List.copyOf(layers), totals, lets, List.copyOf(uses));
    }

    private static Layer layer(Expr.Call call, CheckedLayer l) {
        if (l == null) return new Layer(call, null, call.callee(), null, null, null, null, List.of());
        List<String> weights = new ArrayList<>();
        for (ParamSpec p : l.params()) {
            weights.add(p.name() + " " + p.shape().stream().map(String::valueOf).collect(Collectors.joining(" × ")));
        }
        String input = l.inputs().stream().map(Shape::keras).collect(Collectors.joining(", "));
        return new Layer(call, l.name(), l.kind().kerasName(), input, l.output().keras(), l.paramCount(),
                l.trainableCount(), List.copyOf(weights));
    }

    /**
     * Checks the lets, the data source and the layers before the first one with an error,
     * silently; null when even that fails (a broken header, data source or constant).
     */
    private static CheckedModel prefix(Compilation c, Item.Model model) {
        // Errors inside a layer call stop the prefix; the checks of the model's output against the
        // loss (DLM0303, DLM0306) point at the last layer but are not its fault.
        int firstError = c.diagnostics().stream()
                .filter(d -> d.isError() && d.code() != Code.DLM0303 && d.code() != Code.DLM0306)
                .mapToInt(d -> d.span().start())
                .filter(o -> model.layers().stream().anyMatch(l -> l.span().start() <= o && o < Math.max(l.span().end(), l.span().start() + 1)))
                .min().orElse(Integer.MAX_VALUE);
        List<BodyItem> kept = model.body().stream().filter(b -> b.span().end() <= firstError).toList();
        if (new Item.Model(model.name(), model.nameSpan(), model.args(), kept, model.span()).layers().stream()
                .allMatch(l -> LayerCatalogue.INPUT_KINDS.contains(l.callee()))) return null;
        Item.Model truncated = new Item.Model(model.name(), model.nameSpan(), model.args(), kept, model.span());
        List<Item> items = new ArrayList<>();
        for (Item i : c.ast().items()) {
            if (i instanceof Item.Let || i instanceof Item.Data) items.add(i);
            else if (i == model) items.add(truncated);
        }
        try {
            CheckedModel m = Checker.check(new DlmFile(c.source(), items, List.of()), new Diagnostics());
            if (m != null) return m;
            items.removeIf(i -> i instanceof Item.Data);
            return Checker.check(new DlmFile(c.source(), items, List.of()), new Diagnostics());
        } catch (RuntimeException | StackOverflowError e) {
            return null; // the full compilation already reported what is wrong
        }
    }

    private static Map<String, Let> lets(DlmFile file) {
        Map<String, Let> out = new LinkedHashMap<>();
        Evaluator evaluator = new Evaluator(new Diagnostics());
        for (Item item : file.items()) {
            if (!(item instanceof Item.Let let) || out.containsKey(let.name())) continue;
            String shown;
            try {
                Value v = evaluator.eval(let.value());
                evaluator.define(let.name(), v);
                shown = v instanceof Value.Error ? null : v.toString();
            } catch (RuntimeException | StackOverflowError e) {
                shown = null;
            }
            out.put(let.name(), new Let(let, shown));
        }
        return out;
    }

    private static void collectUses(Item item, Map<String, Let> lets, List<Span> uses) {
        if (item instanceof Item.Let l) collectUses(l.value(), lets, uses);
        else if (item instanceof Item.Data d) collectUses(d.source(), lets, uses);
        else if (item instanceof Item.Model m) {
            for (Arg a : m.args()) collectUses(a.value(), lets, uses);
            for (BodyItem b : m.body()) {
                if (b instanceof BodyItem.Layer l) collectUses(l.call(), lets, uses);
                else if (b instanceof BodyItem.Assign a) {
                    collectUses(a.call(), lets, uses);
                    if (a.applied() != null) collectUses(a.applied(), lets, uses);
                }
            }
        } else if (item instanceof Item.Train t) t.settings().forEach(s -> collectUses(s.value(), lets, uses));
        else if (item instanceof Item.Expect e) collectUses(e.condition(), lets, uses);
        else if (item instanceof Item.Sweep s) {
            for (Item.Setting a : s.axes()) {
                if (lets.containsKey(a.key())) uses.add(a.keySpan());
                collectUses(a.value(), lets, uses);
            }
        }
    }

    private static void collectUses(Expr e, Map<String, Let> lets, List<Span> uses) {
        // An explicit stack: expressions can be nested thousands deep in a file being edited.
        ArrayList<Expr> stack = new ArrayList<>();
        stack.add(e);
        while (!stack.isEmpty()) {
            Expr x = stack.remove(stack.size() - 1);
            if (x instanceof Expr.Name n) { if (lets.containsKey(n.name())) uses.add(n.span()); }
            else if (x instanceof Expr.Call c) c.args().forEach(a -> stack.add(a.value()));
            else if (x instanceof Expr.Member m) stack.add(m.target());
            else if (x instanceof Expr.Binary b) { stack.add(b.left()); stack.add(b.right()); }
            else if (x instanceof Expr.Unary u) stack.add(u.operand());
            else if (x instanceof Expr.Paren p) stack.add(p.inner());
            else if (x instanceof Expr.Sequence q) stack.addAll(q.items());
        }
    }

    /** The model's layer whose call contains {@code offset}, or null. */
    Layer layerAt(int offset) {
        for (Layer l : layers) if (l.call().span().start() <= offset && offset <= l.call().span().end()) return l;
        return null;
    }

    /** The let name (declaration or use) at {@code offset}, or null. */
    String letAt(int offset) {
        for (Let l : lets.values()) if (contains(l.item().nameSpan(), offset)) return l.item().name();
        for (Span s : letUses) if (contains(s, offset)) return s.text();
        return null;
    }

    /** The declaration and every use of {@code let}, declaration first. */
    List<Span> occurrences(String let) {
        List<Span> out = new ArrayList<>();
        Let l = lets.get(let);
        if (l == null) return out;
        out.add(l.item().nameSpan());
        for (Span s : letUses) if (s.text().equals(let)) out.add(s);
        return out;
    }

    static boolean contains(Span s, int offset) { return s.start() <= offset && offset <= s.end(); }
}
