package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.MetricExpectation;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed file: constants, the data source, the model's layers (shapes and
 * weights), the training settings and the expectations. Never throws for a user's mistake:
 * every problem is a diagnostic, and a failed layer silences the layers after it.
 */
public final class Checker {

    private final DlmFile file;
    private final Diagnostics diagnostics;
    private final Evaluator evaluator;

    private Checker(DlmFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.evaluator = new Evaluator(diagnostics);
    }

    /** The checked model, or null when the file has errors (all of them reported). */
    public static CheckedModel check(DlmFile file, Diagnostics diagnostics) {
        return new Checker(file, diagnostics).run();
    }

    /**
     * A checked file and its sweep's cells in their fixed order ({@link SweepChecker}); the
     * cells are empty when the file has no sweep or has errors (all of them reported).
     */
    public record Swept(CheckedModel model, Item.Sweep sweep, List<SweepChecker.Expanded> cells) {}

    /** Checks a file and expands its sweep. */
    public static Swept checkSweep(DlmFile file, Diagnostics diagnostics) {
        Checker checker = new Checker(file, diagnostics);
        CheckedModel model = checker.run();
        return new Swept(model, checker.sweep, checker.cells);
    }

    private Item.Sweep sweep;
    private List<SweepChecker.Expanded> cells = List.of();

    private CheckedModel run() {
        Item.Model model = null;
        Item.Data data = null;
        Item.Train train = null;
        List<Item.Expect> expects = new ArrayList<>();
        List<Item.Sweep> sweeps = new ArrayList<>();
        Map<String, Span> lets = new LinkedHashMap<>();
        for (Item item : file.items()) {
            if (item instanceof Item.Let let) {
                Span previous = lets.putIfAbsent(let.name(), let.nameSpan());
                if (previous != null) {
                    duplicate("constant `" + let.name() + "`", let.nameSpan(), previous);
                    continue;
                }
                evaluator.define(let.name(), evaluator.eval(let.value()));
            } else if (item instanceof Item.Model m) {
                if (model != null) duplicate("`model`", m.nameSpan(), model.nameSpan());
                else model = m;
            } else if (item instanceof Item.Data d) {
                if (data != null) duplicate("`data`", d.span(), data.span());
                else data = d;
            } else if (item instanceof Item.Train t) {
                if (train != null) duplicate("`train` block", t.span(), train.span());
                else train = t;
            } else if (item instanceof Item.Expect e) {
                expects.add(e);
            } else if (item instanceof Item.Sweep s) {
                sweeps.add(s);
            }
        }

        DataChecker dataChecker = new DataChecker(evaluator, diagnostics);
        DataSpec dataSpec = data == null ? null : dataChecker.check(data);
        TrainChecker trainChecker = new TrainChecker(evaluator, diagnostics);
        TrainSpec trainSpec = train == null ? null : trainChecker.check(train, dataSpec, headerOutputs(model).size() > 1);

        if (model == null) {
            diagnostics.report(Diagnostic.error(Code.DLM0113, file.source().span(0, 0), "no `model` in this file")
                    .help("declare one: `model name(input=[784]) { Dense(10) }`"));
            return null;
        }
        if (data == null) {
            diagnostics.report(Diagnostic.warning(Code.DLM0114, model.nameSpan(), "no `data` source: the model can be checked but not run")
                    .help("add `data mnist` (or fashion_mnist, idx(\"dir\"), csv(\"file.csv\", label=\"y\"))"));
        }
        ModelResult checked = model.functional() ? functional(model, dataSpec) : checkModel(model, dataSpec);
        if (checked != null && checked.graph != null && checked.graph.outputs().size() > 1 && train != null) {
            if (trainSpec != null) {
                // Issue 14: each output's loss, weight and metrics, by Keras's output names.
                LayerGraph g = checked.graph;
                List<String> names = g.outputs().stream().map(o -> g.producer(o) == null ? o : g.producer(o).layer().name()).toList();
                List<List<CheckedLayer>> paths = g.outputs().stream().map(o -> FunctionalChecker.outputPath(g, o)).toList();
                trainSpec = trainChecker.resolveOutputs(trainSpec, names, headerOutputs(model), paths, dataSpec, dataChecker.labels());
                if (trainSpec != null) dataSpec = trainChecker.outputData();
            }
        } else if (checked != null && !checked.outputPath.isEmpty() && trainChecker.resolvedLoss() != null) {
            // The loss is checked against the model even when other training settings had errors:
            // a misspelt `epochs` must not hide an output of the wrong rank.
            trainChecker.checkAgainstModel(trainChecker.resolvedLoss(), checked.outputPath, dataSpec);
            dataSpec = trainChecker.resolveTargets(trainChecker.resolvedLoss(), checked.outputPath, dataSpec, dataChecker.labelSpan(),
                    dataChecker.labels());
        }
        SweepChecker sweepChecker = new SweepChecker(file, diagnostics, evaluator);
        for (Item.Sweep s : sweeps) {
            if (sweep != null) duplicate("`sweep`", s.span(), sweep.span());
            else sweep = s;
            sweepChecker.checkShape(s);
        }
        List<MetricExpectation> metricExpectations = new ArrayList<>();
        ExpectChecker expectChecker = new ExpectChecker(evaluator, diagnostics);
        for (Item.Expect e : expects) {
            MetricExpectation m = expectChecker.check(e, checked == null ? null : checked.layers, checked == null ? null : checked.input,
                    trainSpec == null ? null : trainSpec.metrics());
            if (m != null) metricExpectations.add(m);
        }
        if (diagnostics.hasErrors() || checked == null) return null;
        CheckedModel result = new CheckedModel(model.name(), dataSpec, checked.graph, trainSpec, metricExpectations, model.nameSpan());
        if (sweep != null) {
            cells = sweepChecker.expand(sweep);
            if (diagnostics.hasErrors()) return null;
        }
        return result;
    }

    /**
     * A checked model: its graph, the layers from its input to its output (what the training
     * checks read), every layer with the output's last (what expectations read), and its
     * (first) input's shape.
     */
    private record ModelResult(LayerGraph graph, List<CheckedLayer> outputPath, List<CheckedLayer> layers, Shape input) {
        /** A chain; without a graph when two layers share a name (reported), so later checks still run. */
        static ModelResult sequential(Shape input, List<CheckedLayer> layers, boolean uniqueNames) {
            return new ModelResult(uniqueNames ? LayerGraph.sequential(input, layers) : null, layers, layers, input);
        }
    }

    private ModelResult functional(Item.Model model, DataSpec data) {
        FunctionalChecker.Result r = new FunctionalChecker(evaluator, diagnostics).check(model, data);
        return r == null ? null : new ModelResult(r.graph(), r.outputPath(), r.layers(), r.firstInput());
    }

    /** The tensor names of the header's {@code outputs=[a, b]}, as written; empty without it. */
    private static List<String> headerOutputs(Item.Model model) {
        if (model == null) return List.of();
        for (var a : model.args()) {
            if ("outputs".equals(a.name()) && a.value() instanceof dev.dlm.compiler.ast.Expr.Sequence seq) {
                return seq.items().stream().map(e -> e instanceof dev.dlm.compiler.ast.Expr.Name n ? n.name() : "").toList();
            }
        }
        return List.of();
    }

    static final List<ArgSpec> MODEL_ARGS = List.of(ArgSpec.opt("input", ArgType.shape(false), null));

    /** {@code Input(shape, name=None, dtype=None, batch_size=None)}: the last two accepted and ignored. */
    static final List<ArgSpec> INPUT_SIGNATURE = List.of(ArgSpec.req("shape", ArgType.shape(false)));
    static final List<ArgSpec> INPUT_KEYWORDS = List.of(ArgSpec.opt("name", ArgType.STRING, null),
            ArgSpec.opt("dtype", ArgType.IGNORED, null), ArgSpec.opt("batch_size", ArgType.IGNORED, null));

    private ModelResult checkModel(Item.Model model, DataSpec data) {
        Value.Call header = (Value.Call) evaluator.eval(new Expr.Call(model.name(), model.nameSpan(), model.args(), model.nameSpan()));
        LayerCatalogue.Bound bound = LayerCatalogue.bind(header, "model " + model.name(), List.of(), MODEL_ARGS, diagnostics,
                evaluator::reportUnknownName);
        if (bound == null) return null;
        @SuppressWarnings("unchecked")
        List<Long> declared = (List<Long>) bound.values().get("input");
        Shape input = declared == null ? null : new Shape(declared);
        Span inputSpan = bound.spans().getOrDefault("input", model.nameSpan());

        List<Expr.Call> calls = new ArrayList<>();
        for (BodyItem item : model.body()) {
            if (item instanceof BodyItem.Layer l && included(l)) calls.add(l.call());
        }
        // `Input(shape=...)` as the first item declares the input, as in Keras's Sequential.
        if (!calls.isEmpty() && LayerCatalogue.INPUT_KINDS.contains(calls.get(0).callee())) {
            Expr.Call first = calls.remove(0);
            Value.Call call = (Value.Call) evaluator.eval(first);
            LayerCatalogue.Bound b = LayerCatalogue.bind(call, first.callee(), INPUT_SIGNATURE, INPUT_KEYWORDS,
                    diagnostics, evaluator::reportUnknownName);
            if (b == null) return null;
            @SuppressWarnings("unchecked")
            Shape s = new Shape((List<Long>) b.values().get("shape"));
            if (input != null && !input.equals(s)) {
                conflictingInputs(first.span(), s, inputSpan, input);
                return null;
            }
            input = s;
            inputSpan = first.span();
        }
        for (Expr.Call c : calls) {
            if (LayerCatalogue.INPUT_KINDS.contains(c.callee())) {
                diagnostics.report(Diagnostic.error(Code.DLM0301, c.span(), "`" + c.callee() + "` can only be the first item of a model")
                        .help("move it to the top of the model, or declare the input in the header: `model m(input=[...])`"));
                return null;
            }
        }
        if (calls.isEmpty()) {
            diagnostics.report(Diagnostic.error(Code.DLM0113, model.nameSpan(), "model `" + model.name() + "` has no layers")
                    .help("add layers inside the braces, e.g. `Dense(10)`"));
            return null;
        }

        List<Value.Call> layerCalls = new ArrayList<>();
        for (Expr.Call c : calls) layerCalls.add((Value.Call) evaluator.eval(c));
        // Keras's `Dense(256, input_dim=784)` / `input_shape=(784,)` on the first layer.
        Value.Call firstLayer = layerCalls.get(0);
        Shape fromFirst = declaredByLayer(firstLayer);
        if (fromFirst != null) {
            if (input != null && !input.equals(fromFirst)) {
                conflictingInputs(firstLayer.span(), fromFirst, inputSpan, input);
                return null;
            }
            input = fromFirst;
        }
        for (int i = 1; i < layerCalls.size(); i++) {
            for (Value.Argument a : layerCalls.get(i).args()) {
                var rule = LayerCatalogue.rule(layerCalls.get(i).callee());
                if (a.name() != null && rule != null && rule.declaresInputWith(a.name())) {
                    diagnostics.report(Diagnostic.warning(Code.DLM0206, a.nameSpan(),
                                    "`" + a.name() + "` is ignored on any layer but the first")
                            .note("Keras ignores it too; the input of this layer is the output of the one before")
                            .help("remove it"));
                }
            }
        }
        if (input == null) {
            if (data == null || data.sampleShape() == null) {
                diagnostics.report(Diagnostic.error(Code.DLM0304, model.nameSpan(),
                                "model `" + model.name() + "` does not declare its input shape")
                        .help("declare it: `model " + model.name() + "(input=[784]) { ... }`"));
                return null;
            }
            input = data.sampleShape();
        } else if (data != null && data.sampleShape() != null && !data.sampleShape().equals(input)
                && data.sampleShape().elements() != input.elements()) {
            diagnostics.report(Diagnostic.error(Code.DLM0304, inputSpan,
                            "the model's input " + input + " (" + input.elements() + " values) cannot be read from "
                                    + data.kind() + " samples of " + data.sampleShape() + " (" + data.sampleShape().elements() + " values)")
                    .label("model input")
                    .note("a sample is reshaped to the model's input only when both hold the same number of values")
                    .help("declare `input=" + data.sampleShape() + "`"
                            + (data.sampleShape().rank() > 1 ? " or `input=[" + data.sampleShape().elements() + "]`" : "")));
            return null;
        }

        LayerCatalogue.LayerNames names = new LayerCatalogue.LayerNames();
        List<CheckedLayer> layers = new ArrayList<>();
        Shape current = input;
        Map<String, Span> layerNames = new LinkedHashMap<>();
        for (Value.Call call : layerCalls) {
            CheckedLayer layer = LayerCatalogue.check(call, current, layers.isEmpty(), names, diagnostics, evaluator::reportUnknownName);
            if (layer == null) {
                // The shape after a failed layer is unknown: check the remaining calls' names and
                // arguments only, so each mistake is reported once and shapes are not guessed.
                for (Value.Call rest : layerCalls.subList(layerCalls.indexOf(call) + 1, layerCalls.size())) {
                    LayerCatalogue.checkArguments(rest, diagnostics, evaluator::reportUnknownName);
                }
                return null;
            }
            Span previous = layerNames.putIfAbsent(layer.name(), layer.span());
            if (previous != null) {
                diagnostics.report(Diagnostic.error(Code.DLM0102, layer.span(), "two layers are named `" + layer.name() + "`")
                        .label("second `" + layer.name() + "`")
                        .secondary(previous, "first `" + layer.name() + "`")
                        .help("layer names must be unique (Keras rejects duplicates too); rename one of them"));
            }
            layers.add(layer);
            current = layer.output();
        }
        return ModelResult.sequential(input, layers, layerNames.size() == layers.size());
    }

    /**
     * True when a layer is in the model: it has no condition, or its condition is true. A
     * condition that is not a boolean is reported, and the layer kept so its arguments are checked.
     */
    private boolean included(BodyItem.Layer layer) {
        if (layer.condition() == null) return true;
        Value v = evaluator.eval(layer.condition());
        if (v instanceof Value.Bool b) return b.value();
        if (!(v instanceof Value.Error)) {
            diagnostics.report(Diagnostic.error(Code.DLM0605, layer.condition().span(),
                            "a layer's condition is true or false, not `" + dev.dlm.compiler.format.Formatter.expr(layer.condition()) + "`")
                    .label(v instanceof Value.Symbol ? "unknown name" : "not a boolean")
                    .help("compare or name a boolean constant: `Dropout(rate) if rate > 0`, `Activation('relu') if relu`"));
        }
        return true;
    }

    private static Shape declaredByLayer(Value.Call call) {
        var rule = LayerCatalogue.rule(call.callee());
        return rule == null ? null : rule.declaredInput(call);
    }

    private void conflictingInputs(Span here, Shape shape, Span there, Shape declared) {
        diagnostics.report(Diagnostic.error(Code.DLM0304, here,
                        "this declares the input as " + shape + ", but the model declares " + declared)
                .label("input " + shape)
                .secondary(there, "input declared here")
                .help("declare the input once"));
    }

    private void duplicate(String what, Span again, Span first) {
        diagnostics.report(Diagnostic.error(Code.DLM0102, again, what + " is defined twice")
                .label("defined again here")
                .secondary(first, "first defined here")
                .help("a file describes one experiment; remove or rename one of them"));
    }
}
