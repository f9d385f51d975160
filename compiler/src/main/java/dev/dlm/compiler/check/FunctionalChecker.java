package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a model written in the functional form and builds its {@link LayerGraph}: inputs
 * ({@code x = Input(shape=[...])}), layers applied to tensors ({@code y = Dense(10)(x)}),
 * shared layers ({@code s = Dense(64)}, then {@code p = s(a)}), merges of several tensors,
 * and the outputs (the last tensor assigned, or the header's {@code outputs=[...]}).
 *
 * <p>A name refers to its latest definition above the line that reads it, so re-binding
 * ({@code y = Flatten()(y)}) reads the earlier {@code y} and no cycle can be written; the
 * graph's constructor asserts the order anyway. Every tensor must be read or be an output
 * (DLM1401), every input and shared layer used (DLM1402).
 */
final class FunctionalChecker {

    /** A tensor bound to a name: a model input's or a layer node's output. */
    private static final class Tensor {
        final String id;
        final String boundTo;
        final Shape shape;
        final Span span;
        final boolean input;
        boolean read;
        Span reboundAt;

        Tensor(String id, String boundTo, Shape shape, Span span, boolean input) {
            this.id = id;
            this.boundTo = boundTo;
            this.shape = shape;
            this.span = span;
            this.input = input;
        }
    }

    /** A layer defined without being applied ({@code shared = Dense(64)}): its nodes share its weights. */
    private static final class SharedLayer {
        final String name;
        final Value.Call call;
        final Span span;
        CheckedLayer checked;
        int applications;

        SharedLayer(String name, Value.Call call, Span span) {
            this.name = name;
            this.call = call;
            this.span = span;
        }
    }

    /** The checked graph, and the layer lists the training and expectation checks read. */
    record Result(LayerGraph graph, List<CheckedLayer> outputPath, List<CheckedLayer> layers, Shape firstInput) {}

    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    private final Map<String, Object> scope = new LinkedHashMap<>();
    /** Names whose definition failed: reading them reports nothing more. */
    private final Set<String> failed = new HashSet<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<SharedLayer> shared = new ArrayList<>();
    private final List<ModelInput> inputs = new ArrayList<>();
    private final List<LayerNode> nodes = new ArrayList<>();
    private final Map<String, Span> layerNames = new LinkedHashMap<>();
    private final LayerCatalogue.LayerNames names = new LayerCatalogue.LayerNames();
    private int unnamedInputs;
    private Tensor last;

    FunctionalChecker(Evaluator evaluator, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    Result check(Item.Model model, DataSpec data) {
        BodyItem.Assign firstAssign = null;
        for (BodyItem b : model.body()) {
            if (b instanceof BodyItem.Assign a) {
                firstAssign = a;
                break;
            }
        }
        for (BodyItem b : model.body()) {
            if (b instanceof BodyItem.Layer l) {
                diagnostics.report(Diagnostic.error(Code.DLM1400, l.span(),
                                "model `" + model.name() + "` mixes a bare layer with the functional form")
                        .label("a Sequential layer")
                        .secondary(firstAssign.span(), "functional form here")
                        .note("a bare `Layer(...)` line reads the line before it; in the functional form every layer names the tensors it reads")
                        .help("write it as `x = " + l.call().callee() + "(...)(x)`, naming its input"));
                return null;
            }
        }
        long errorsBefore = diagnostics.errorCount();
        Expr outputsArg = header(model);
        for (BodyItem b : model.body()) item((BodyItem.Assign) b);

        if (inputs.isEmpty()) {
            if (diagnostics.errorCount() == errorsBefore) {
                diagnostics.report(Diagnostic.error(Code.DLM1407, model.nameSpan(), "functional model `" + model.name() + "` has no `Input`")
                        .help("declare its input first: `x = Input(shape=[28, 28, 1])`"));
            }
            return null;
        }
        // After an error the last assignment may be the one that failed: no output to guess.
        if (last == null && outputsArg == null && diagnostics.errorCount() > errorsBefore) return null;
        List<Tensor> outputs = outputs(model, outputsArg);
        if (diagnostics.errorCount() > errorsBefore || outputs == null) return null;
        unused(outputs);
        for (Tensor t : tensors) if (t.input) fitsData(t, data);
        if (diagnostics.errorCount() > errorsBefore) return null;

        LayerGraph graph = new LayerGraph(inputs, nodes, outputs.stream().map(t -> t.id).toList(), true);
        return new Result(graph, outputPath(graph, outputs.get(outputs.size() - 1).id), layersOutputLast(graph, outputs), inputs.get(0).shape());
    }

    /** Checks the header's arguments; returns the {@code outputs} argument's expression, or null. */
    private Expr header(Item.Model model) {
        List<Arg> rest = new ArrayList<>();
        Expr outputs = null;
        for (Arg a : model.args()) {
            if ("outputs".equals(a.name())) outputs = a.value();
            else rest.add(a);
        }
        Value.Call header = (Value.Call) evaluator.eval(new Expr.Call(model.name(), model.nameSpan(), rest, model.nameSpan()));
        LayerCatalogue.Bound bound = LayerCatalogue.bind(header, "model " + model.name(), List.of(), Checker.MODEL_ARGS, diagnostics,
                evaluator::reportUnknownName);
        if (bound != null && bound.values().get("input") != null) {
            diagnostics.report(Diagnostic.error(Code.DLM1407, bound.spans().get("input"),
                            "a functional model declares its inputs with `Input`, not in its header")
                    .label("header input")
                    .help("remove `input=...` and write `x = Input(shape=" + bound.values().get("input") + ")` in the body"));
        }
        return outputs;
    }

    private void item(BodyItem.Assign a) {
        Expr.Call call = a.call();
        Object callee = scope.get(call.callee());
        if (LayerCatalogue.INPUT_KINDS.contains(call.callee())) {
            input(a);
        } else if (callee instanceof SharedLayer s) {
            if (a.applied() != null || call.args().size() != 1 || !call.args().get(0).positional()) {
                diagnostics.report(Diagnostic.error(Code.DLM1404, call.span(),
                                "`" + call.callee() + "` is a layer defined above: apply it to its input alone")
                        .label("not one tensor argument")
                        .help("write `" + a.target() + " = " + call.callee() + "(x)`, or `" + call.callee() + "([a, b])` for a merge layer"));
                fail(a);
                return;
            }
            List<Tensor> in = tensorsOf(call.args().get(0).value());
            if (in == null) {
                fail(a);
                return;
            }
            apply(a, s.call, in, call.args().get(0).value(), s);
        } else if (callee instanceof Tensor t) {
            diagnostics.report(Diagnostic.error(Code.DLM1406, call.calleeSpan(), "`" + call.callee() + "` is a tensor, not a layer")
                    .label("a tensor")
                    .secondary(t.span, "`" + call.callee() + "` defined here")
                    .help("apply a layer to it: `" + a.target() + " = Dense(10)(" + call.callee() + ")`"));
            fail(a);
        } else if (failed.contains(call.callee())) {
            fail(a);
        } else {
            Value.Call value = (Value.Call) evaluator.eval(call);
            LayerRule rule = LayerCatalogue.rule(call.callee());
            if (rule == null) {
                LayerCatalogue.checkArguments(value, diagnostics, evaluator::reportUnknownName);
                fail(a);
                return;
            }
            if (a.applied() == null) {
                String name = explicitName(value);
                SharedLayer s = new SharedLayer(name != null ? name : names.next(rule.namePrefix()), value, a.span());
                shared.add(s);
                bind(a.target(), s, a.targetSpan());
                return;
            }
            List<Tensor> in = tensorsOf(a.applied());
            if (in == null) {
                LayerCatalogue.checkArguments(value, diagnostics, evaluator::reportUnknownName);
                fail(a);
                return;
            }
            apply(a, value, in, a.applied(), null);
        }
    }

    private void input(BodyItem.Assign a) {
        if (a.applied() != null) {
            diagnostics.report(Diagnostic.error(Code.DLM1404, a.applied().span(), "`" + a.call().callee() + "` reads no tensor")
                    .label("applied to a tensor")
                    .help("remove the second parentheses: `" + a.target() + " = " + a.call().callee() + "(shape=[...])`"));
            fail(a);
            return;
        }
        Value.Call call = (Value.Call) evaluator.eval(a.call());
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, a.call().callee(), Checker.INPUT_SIGNATURE, Checker.INPUT_KEYWORDS,
                diagnostics, evaluator::reportUnknownName);
        if (b == null) {
            fail(a);
            return;
        }
        @SuppressWarnings("unchecked")
        Shape shape = new Shape((List<Long>) b.values().get("shape"));
        String name = (String) b.values().get("name");
        // Keras 2 names unnamed inputs input_1, input_2, ... (one-based, unlike layers).
        if (name == null) name = "input_" + ++unnamedInputs;
        if (!uniqueLayerName(name, a.span())) {
            fail(a);
            return;
        }
        Tensor t = new Tensor(name, a.target(), shape, a.span(), true);
        inputs.add(new ModelInput(name, shape, a.target()));
        tensors.add(t);
        bind(a.target(), t, a.targetSpan());
    }

    /**
     * {@code part} of each tensor of {@code in}, unmodifiable like {@code Stream.toList()}. A loop,
     * not a stream: it runs for every layer applied, mostly in the interpreter, where a stream
     * pipeline costs several times the loop.
     */
    private static <T> List<T> each(List<Tensor> in, java.util.function.Function<Tensor, T> part) {
        List<T> out = new ArrayList<>(in.size());
        for (Tensor t : in) out.add(part.apply(t));
        return Collections.unmodifiableList(out);
    }

    /** Applies a new layer ({@code shared == null}) or a shared one to {@code in}. */
    private void apply(BodyItem.Assign a, Value.Call call, List<Tensor> in, Expr applied, SharedLayer shared) {
        LayerRule rule = LayerCatalogue.rule(call.callee());
        boolean list = applied instanceof Expr.Sequence;
        if (rule.merges() != list) {
            diagnostics.report(Diagnostic.error(Code.DLM1404, applied.span(),
                            rule.merges() ? "`" + rule.kind() + "` merges a list of tensors, but it is applied to one"
                                    : "`" + rule.kind() + "` reads one tensor, but it is applied to a list of " + in.size())
                    .label(list ? "a list" : "one tensor")
                    .help(rule.merges() ? "apply it to a list: `" + rule.kind() + "()([a, b])`"
                            : "merge the tensors first, e.g. `Concatenate()([a, b])`, or apply it to one of them"));
            fail(a);
            return;
        }
        List<Shape> shapes = each(in, t -> t.shape);
        CheckedLayer layer;
        int index = 0;
        if (shared != null && shared.checked != null) {
            layer = shared.checked;
            if (!layer.inputs().equals(shapes)) {
                diagnostics.report(Diagnostic.error(Code.DLM1405, applied.span(),
                                "shared layer `" + a.call().callee() + "` (`" + shared.name + "`) was applied to " + shapeList(layer.inputs())
                                        + ", but here to " + shapeList(shapes))
                        .label("input " + shapeList(shapes))
                        .secondary(shared.span, "`" + layer.name() + "` defined here")
                        .note("a shared layer's weights fit one input shape; dlm checks each application against the first")
                        .help("apply it to tensors of shape " + shapeList(layer.inputs()) + ", or define a second layer"));
                fail(a);
                return;
            }
            index = shared.applications;
        } else {
            List<Span> spans = each(in, t -> t.span);
            layer = LayerCatalogue.check(call, shapes, spans, shared == null ? null : shared.name, false, names, diagnostics,
                    evaluator::reportUnknownName);
            if (layer == null) {
                fail(a);
                return;
            }
            if (!uniqueLayerName(layer.name(), shared != null ? shared.span : a.span())) {
                fail(a);
                return;
            }
            if (shared != null) shared.checked = layer;
        }
        if (shared != null) shared.applications++;
        LayerNode node = new LayerNode(layer, each(in, t -> t.id), index);
        nodes.add(node);
        Tensor out = new Tensor(node.name(), a.target(), layer.output(), a.span(), false);
        tensors.add(out);
        last = out;
        bind(a.target(), out, a.targetSpan());
    }

    private static String shapeList(List<Shape> shapes) {
        return shapes.size() == 1 ? shapes.get(0).toString() : shapes.toString();
    }

    private boolean uniqueLayerName(String name, Span at) {
        Span previous = layerNames.putIfAbsent(name, at);
        if (previous == null) return true;
        diagnostics.report(Diagnostic.error(Code.DLM0102, at, "two layers are named `" + name + "`")
                .label("second `" + name + "`")
                .secondary(previous, "first `" + name + "`")
                .help("layer names must be unique (Keras rejects duplicates too); rename one of them"));
        return false;
    }

    private static String explicitName(Value.Call call) {
        for (Value.Argument arg : call.args()) {
            if ("name".equals(arg.name()) && arg.value() instanceof Value.Str s) return s.value();
        }
        return null;
    }

    private void bind(String name, Object binding, Span at) {
        Object previous = scope.put(name, binding);
        if (previous instanceof Tensor t && t.reboundAt == null) t.reboundAt = at;
        failed.remove(name);
    }

    private void fail(BodyItem.Assign a) {
        Object previous = scope.remove(a.target());
        if (previous instanceof Tensor t && t.reboundAt == null) t.reboundAt = a.targetSpan();
        failed.add(a.target());
    }

    /** The tensors an expression names: one name, or a list of names. Null after reporting. */
    private List<Tensor> tensorsOf(Expr e) {
        List<Expr> items = e instanceof Expr.Sequence s && !s.tuple() ? s.items() : List.of(e);
        List<Tensor> out = new ArrayList<>();
        boolean ok = true;
        for (Expr item : items) {
            Tensor t = tensor(item);
            if (t == null) ok = false;
            else out.add(t);
        }
        if (ok && out.isEmpty()) {
            diagnostics.report(Diagnostic.error(Code.DLM1404, e.span(), "an empty list of tensors").label("no tensors")
                    .help("list the tensors to merge: `[a, b]`"));
            return null;
        }
        return ok ? out : null;
    }

    private Tensor tensor(Expr e) {
        if (!(e instanceof Expr.Name n)) {
            diagnostics.report(Diagnostic.error(Code.DLM0201, e.span(), "a layer is applied to tensor names, found `" + e.span().text() + "`")
                    .label("not a tensor name")
                    .help("name a tensor assigned above, e.g. `(x)` or `([a, b])`"));
            return null;
        }
        Object bound = scope.get(n.name());
        if (bound instanceof Tensor t) {
            t.read = true;
            return t;
        }
        if (failed.contains(n.name())) return null;
        if (bound instanceof SharedLayer s) {
            diagnostics.report(Diagnostic.error(Code.DLM1406, n.span(), "`" + n.name() + "` is a layer, not a tensor")
                    .label("a layer")
                    .secondary(s.span, "`" + n.name() + "` defined here")
                    .help("apply it first: `y = " + n.name() + "(x)`, and read `y`"));
            return null;
        }
        List<String> candidates = new ArrayList<>();
        for (var entry : scope.entrySet()) if (entry.getValue() instanceof Tensor) candidates.add(entry.getKey());
        var d = Diagnostic.error(Code.DLM0101, n.span(), "unknown tensor `" + n.name() + "`").label("not assigned above");
        String hint = Names.didYouMean(n.name(), candidates);
        d.note("a name refers to its latest assignment above the line that reads it, so a layer cannot read its own output");
        d.help(hint != null ? hint : candidates.isEmpty() ? "declare an input first: `x = Input(shape=[...])`"
                : "tensors defined above: " + String.join(", ", candidates));
        diagnostics.report(d);
        return null;
    }

    /** The model's outputs: the header's {@code outputs=[...]}, or the last tensor assigned. */
    private List<Tensor> outputs(Item.Model model, Expr outputsArg) {
        if (outputsArg == null) {
            if (last == null) {
                diagnostics.report(Diagnostic.error(Code.DLM0113, model.nameSpan(), "model `" + model.name() + "` applies no layer")
                        .help("apply a layer to its input: `y = Dense(10)(x)`"));
                return null;
            }
            return List.of(last);
        }
        List<Tensor> out = tensorsOf(outputsArg);
        if (out == null) return null;
        Set<String> seen = new HashSet<>();
        for (Tensor t : out) {
            if (!seen.add(t.id)) {
                diagnostics.report(Diagnostic.error(Code.DLM0102, outputsArg.span(), "`" + t.boundTo + "` is listed twice in `outputs`")
                        .help("list each output once"));
                return null;
            }
        }
        return out;
    }

    /** Reports tensors nobody reads (and that are no output), inputs and shared layers never used. */
    private void unused(List<Tensor> outputs) {
        for (Tensor t : tensors) {
            if (t.read || outputs.contains(t)) continue;
            if (t.input) {
                var d = Diagnostic.error(Code.DLM1402, t.span, "input `" + t.boundTo + "` is never used")
                        .label("unused input");
                if (t.reboundAt != null) d.secondary(t.reboundAt, "`" + t.boundTo + "` is assigned again here, before any layer read it");
                diagnostics.report(d.note("every input is fed with every batch, so an input no layer reads is dead weight or a slip")
                        .help("apply a layer to it, or remove it"));
            } else {
                var d = Diagnostic.error(Code.DLM1401, t.span, "tensor `" + t.boundTo + "` is computed but never used")
                        .label("dangling: no layer reads it and it is not an output");
                if (t.reboundAt != null) d.secondary(t.reboundAt, "`" + t.boundTo + "` is assigned again here, before any layer read it");
                diagnostics.report(d.help("read it in a later layer, list it in the header's `outputs=[...]`, or remove this line"));
            }
        }
        for (SharedLayer s : shared) {
            if (s.applications == 0) {
                diagnostics.report(Diagnostic.error(Code.DLM1402, s.span, "layer `" + s.name + "` is defined but never applied")
                        .label("unused layer")
                        .help("apply it to a tensor (`y = " + spanName(s) + "(x)`), or remove it"));
            }
        }
    }

    private String spanName(SharedLayer s) {
        for (var entry : scope.entrySet()) if (entry.getValue() == s) return entry.getKey();
        return s.name;
    }

    private void fitsData(Tensor t, DataSpec data) {
        if (data == null || data.sampleShape() == null || data.sampleShape().elements() == t.shape.elements()) return;
        diagnostics.report(Diagnostic.error(Code.DLM0304, t.span,
                        "input `" + t.boundTo + "` " + t.shape + " (" + t.shape.elements() + " values) cannot be read from "
                                + data.kind() + " samples of " + data.sampleShape() + " (" + data.sampleShape().elements() + " values)")
                .label("model input")
                .note("every input of a functional model reads the data's sample, reshaped to the input's shape")
                .help("declare `Input(shape=" + data.sampleShape() + ")`"));
    }

    /**
     * The layers from an input to {@code output} along each node's first input: what the
     * training checks read as "the model's last layers" (its width, its final activation).
     */
    static List<CheckedLayer> outputPath(LayerGraph graph, String output) {
        List<CheckedLayer> path = new ArrayList<>();
        LayerNode node = graph.producer(output);
        while (node != null) {
            path.add(0, node.layer());
            node = graph.producer(node.inputs().get(0));
        }
        return path;
    }

    /** Every layer once, the last output's layer last (expectations read the last layer's output). */
    private static List<CheckedLayer> layersOutputLast(LayerGraph graph, List<Tensor> outputs) {
        List<CheckedLayer> layers = new ArrayList<>(graph.layers());
        LayerNode producer = graph.producer(outputs.get(outputs.size() - 1).id);
        if (producer != null) {
            // By identity: the layer is one of the list's own (equals would link the record's
            // generated equals, a start-up cost; docs/benchmarks.md).
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) == producer.layer()) {
                    layers.remove(i);
                    break;
                }
            }
            layers.add(producer.layer());
        }
        return layers;
    }
}
