package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.MetricExpectation;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Value;
import dev.dlm.compiler.value.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code expect} items. Facts the compiler knows (parameter counts, shapes) are
 * verified now; results of a run ({@code test.accuracy >= 0.98}) are returned for
 * {@code dlmc run} to verify.
 */
final class ExpectChecker {

    static final List<String> MODEL_SUBJECTS = List.of("params", "trainable_params", "non_trainable_params", "output", "input");
    static final List<String> LAYER_SUBJECTS = List.of("params", "trainable_params", "non_trainable_params", "output", "input");
    static final Set<String> SPLITS = Set.of("test", "val");
    static final List<String> METRICS = List.of("accuracy", "loss");
    static final Set<String> OPS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final Evaluator evaluator;
    private final Diagnostics diagnostics;

    ExpectChecker(Evaluator evaluator, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    /**
     * Verifies a compile-time expectation, or returns a run-time one. {@code layers} is null
     * when the model failed to check: then only the expectation's form is checked.
     */
    MetricExpectation check(Item.Expect expect, List<CheckedLayer> layers, Shape input) { return check(expect, layers, input, null); }

    /**
     * As {@link #check(Item.Expect, List, Shape)}; {@code measured} are the train block's
     * metrics (null without a train block), which {@code test.auc} and the like may name
     * besides {@code accuracy} and {@code loss}.
     */
    MetricExpectation check(Item.Expect expect, List<CheckedLayer> layers, Shape input, List<dev.dlm.compiler.ir.Metric> measured) {
        if (!(expect.condition() instanceof Expr.Binary b) || !OPS.contains(b.op())) {
            diagnostics.report(Diagnostic.error(Code.DLM0503, expect.condition().span(), "an expectation is a comparison")
                    .help("write e.g. `expect params == 269_322` or `expect test.accuracy >= 0.98`"));
            return null;
        }
        Expr subject = b.left();
        Value expected = evaluator.eval(b.right());
        if (expected instanceof Value.Error) return null;
        if (subject instanceof Expr.Member m && m.target() instanceof Expr.Name n && SPLITS.contains(n.name())) {
            if (!METRICS.contains(m.member())) {
                dev.dlm.compiler.ir.Metric metric = dev.dlm.compiler.ir.Metric.byName(m.member());
                List<String> candidates = new ArrayList<>(METRICS);
                if (measured != null) for (dev.dlm.compiler.ir.Metric x : measured) if (!candidates.contains(x.kerasName())) candidates.add(x.kerasName());
                if (metric == null || !metric.kerasName().equals(m.member())) {
                    unknownSubject(m.memberSpan(), n.name() + "." + m.member(), candidates.stream().map(x -> n.name() + "." + x).toList());
                    return null;
                }
                if (measured != null && !measured.contains(metric)) {
                    diagnostics.report(Diagnostic.error(Code.DLM0502, m.memberSpan(), "cannot expect `" + n.name() + "." + m.member()
                                    + "`: the run does not measure " + m.member())
                            .label("not among the train block's metrics")
                            .help("add `" + m.member() + "` to `metrics` in the train block"));
                    return null;
                }
            }
            if (!(expected instanceof Value.Int || expected instanceof Value.Float)) {
                diagnostics.report(Diagnostic.error(Code.DLM0503, expected.span(), "`" + n.name() + "." + m.member() + "` is compared with a number, found `" + expected + "`"));
                return null;
            }
            double bound = Evaluator.number(expected);
            if (m.member().equals("accuracy") && (bound < 0 || bound > 1)) {
                diagnostics.report(Diagnostic.warning(Code.DLM0503, expected.span(), "accuracy is a fraction in [0, 1], so `"
                                + n.name() + ".accuracy " + b.op() + " " + expected + "` is always " + (b.op().startsWith(">") == bound > 1 ? "false" : "true"))
                        .help(bound > 1 && bound <= 100 ? "write " + Values.formatFloat(bound / 100) + " for " + expected + "%" : "use a bound between 0 and 1"));
            }
            return new MetricExpectation(n.name(), m.member(), b.op(), Evaluator.number(expected), expect.span());
        }
        String layerName = null;
        String property;
        if (subject instanceof Expr.Name n) {
            property = n.name();
            if (!MODEL_SUBJECTS.contains(property)) {
                List<String> candidates = new ArrayList<>(MODEL_SUBJECTS);
                candidates.add("test.accuracy");
                candidates.add("test.loss");
                unknownSubject(n.span(), property, candidates);
                return null;
            }
        } else if (subject instanceof Expr.Member m && m.target() instanceof Expr.Name n) {
            layerName = n.name();
            property = m.member();
            if (!LAYER_SUBJECTS.contains(property)) {
                unknownSubject(m.memberSpan(), property, LAYER_SUBJECTS);
                return null;
            }
        } else {
            diagnostics.report(Diagnostic.error(Code.DLM0502, subject.span(), "cannot expect anything of `" + subject.span().text() + "`")
                    .help("expect `params`, `output`, a layer's `dense.params`, or `test.accuracy`"));
            return null;
        }
        boolean shapeSubject = property.equals("output") || property.equals("input");
        if (shapeSubject ? !(expected instanceof Value.Seq) : !(expected instanceof Value.Int || expected instanceof Value.Float)) {
            diagnostics.report(Diagnostic.error(Code.DLM0503, expected.span(), "`" + subject.span().text() + "` is "
                            + (shapeSubject ? "a shape; compare it with a list such as [28, 28]" : "a count; compare it with a number")
                            + ", found " + expected.typeName() + " `" + expected + "`")
                    .label("wrong kind of value"));
            return null;
        }
        if (layers == null) return null;
        Value actual;
        if (layerName == null) {
            actual = switch (property) {
                case "params" -> count(layers.stream().mapToLong(CheckedLayer::paramCount).sum(), subject);
                case "trainable_params" -> count(layers.stream().mapToLong(CheckedLayer::trainableCount).sum(), subject);
                case "non_trainable_params" -> count(layers.stream().mapToLong(l -> l.paramCount() - l.trainableCount()).sum(), subject);
                case "output" -> shape(layers.get(layers.size() - 1).output(), subject);
                default -> shape(input, subject);
            };
        } else {
            CheckedLayer layer = null;
            for (CheckedLayer l : layers) if (l.name().equals(layerName)) layer = l;
            if (layer == null) {
                var d = Diagnostic.error(Code.DLM0502, subject.span(), "no layer named `" + layerName + "`").label("unknown layer name");
                String hint = Names.didYouMean(layerName, layers.stream().map(CheckedLayer::name).toList());
                d.help(hint != null ? hint : "layer names: " + String.join(", ", layers.stream().map(CheckedLayer::name).toList()));
                diagnostics.report(d);
                return null;
            }
            if (property.equals("input") && layer.inputs().size() != 1) {
                diagnostics.report(Diagnostic.error(Code.DLM0502, subject.span(),
                                "`" + layerName + "` reads " + layer.inputs().size() + " tensors, so it has no single input shape")
                        .help("expect the output of the layers it merges, or `" + layerName + ".output`"));
                return null;
            }
            actual = switch (property) {
                case "params" -> count(layer.paramCount(), subject);
                case "trainable_params" -> count(layer.trainableCount(), subject);
                case "non_trainable_params" -> count(layer.paramCount() - layer.trainableCount(), subject);
                case "output" -> shape(layer.output(), subject);
                default -> shape(layer.input(), subject);
            };
        }
        boolean holds = compare(b.op(), actual, expected);
        if (!holds) {
            String subjectText = subject.span().text();
            diagnostics.report(Diagnostic.error(Code.DLM0501, expect.span(),
                            "expectation failed: `" + subjectText + "` is " + show(actual) + ", expected " + b.op() + " " + show(expected))
                    .label("actual " + show(actual))
                    .help(b.op().equals("==") ? "if the model changed on purpose, update the expectation to " + show(actual) : null));
        }
        return null;
    }

    private boolean compare(String op, Value actual, Value expected) {
        if (op.equals("==")) return Evaluator.equal(actual, expected);
        if (op.equals("!=")) return !Evaluator.equal(actual, expected);
        if (!(actual instanceof Value.Int) || !(expected instanceof Value.Int || expected instanceof Value.Float)) {
            diagnostics.report(Diagnostic.error(Code.DLM0503, expected.span(), "`" + op + "` compares numbers; shapes compare with `==` or `!=`"));
            return true;
        }
        double a = Evaluator.number(actual), e = Evaluator.number(expected);
        return switch (op) {
            case "<" -> a < e;
            case "<=" -> a <= e;
            case ">" -> a > e;
            default -> a >= e;
        };
    }

    private static Value count(long n, Expr at) { return new Value.Int(n, at.span()); }

    private static Value shape(Shape s, Expr at) {
        List<Value> items = new ArrayList<>();
        for (long d : s.dims()) items.add(new Value.Int(d, at.span()));
        return new Value.Seq(items, false, at.span());
    }

    private static String show(Value v) {
        return v instanceof Value.Int i ? String.format("%,d", i.value()) : v.toString();
    }

    private void unknownSubject(dev.dlm.compiler.source.Span span, String name, List<String> candidates) {
        var d = Diagnostic.error(Code.DLM0502, span, "cannot expect `" + name + "`").label("unknown subject");
        String hint = Names.didYouMean(name, candidates);
        d.help(hint != null ? hint : "subjects: " + String.join(", ", candidates));
        diagnostics.report(d);
    }
}
