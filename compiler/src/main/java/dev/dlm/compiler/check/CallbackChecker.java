package dev.dlm.compiler.check;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.Callback;
import dev.dlm.compiler.ir.Callback.Mode;
import dev.dlm.compiler.ir.LearningRateSchedule;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Resolves Keras's callbacks ({@code callbacks = [EarlyStopping(patience=3)]}) and
 * learning-rate schedules ({@code learning_rate = ExponentialDecay(...)}) to their IR
 * records, with Keras's argument names, positions and defaults. A monitor must be a metric
 * the model logs; the error lists them.
 */
final class CallbackChecker {

    static final List<String> CALLBACKS = List.of("EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau",
            "TerminateOnNaN", "CSVLogger", "TensorBoard");
    static final List<String> SCHEDULES = List.of("ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay",
            "InverseTimeDecay", "PolynomialDecay");

    private static final ArgType MODE = ArgType.choice("auto", "min", "max");
    private static final ArgType NUMBERS = new ArgType("a list of numbers") {
        @Override public Object convert(Value v, ArgSite site) {
            if (!(v instanceof Value.Seq seq)) {
                site.report(Diagnostic.error(Code.DLM0201, v.span(), "`" + site.argName() + "` of " + site.owner()
                        + " must be " + description() + ", found `" + v + "`"));
                return null;
            }
            List<Double> out = new ArrayList<>();
            for (Value item : seq.items()) {
                Object d = ArgType.NUMBER.convert(item instanceof Value.Int i ? new Value.Float(i.value(), i.span()) : item, site);
                if (d == null) return null;
                out.add((Double) d);
            }
            return out;
        }
    };

    private final Diagnostics diagnostics;
    private final Consumer<Value.Symbol> unknownName;

    CallbackChecker(Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        this.diagnostics = diagnostics;
        this.unknownName = unknownName;
    }

    /** The callbacks of {@code v} (a list of calls), or null after reporting. {@code logged} are the monitorable metrics. */
    List<Callback> callbacks(Value v, List<String> logged) {
        if (v == null) return List.of();
        List<Value> items = v instanceof Value.Seq s ? s.items() : List.of(v);
        List<Callback> out = new ArrayList<>();
        boolean ok = true;
        for (Value item : items) {
            Callback c = callback(item, logged);
            if (c == null) ok = false;
            else out.add(c);
        }
        return ok ? out : null;
    }

    private Callback callback(Value v, List<String> logged) {
        Value.Call call = asCall(v);
        if (call == null) {
            if (!(v instanceof Value.Error)) {
                diagnostics.report(Diagnostic.error(Code.DLM0201, v.span(), "a callback is a call such as `EarlyStopping(patience=3)`, found `" + v + "`"));
            }
            return null;
        }
        String name = call.callee();
        switch (name) {
            case "EarlyStopping": {
                var b = bind(call, List.of(ArgSpec.opt("monitor", ArgType.STRING, "val_loss"),
                        ArgSpec.opt("min_delta", ArgType.NUMBER, 0.0), ArgSpec.opt("patience", ArgType.integer(0), 0L),
                        ArgSpec.opt("verbose", ArgType.IGNORED, null), ArgSpec.opt("mode", MODE, "auto"),
                        ArgSpec.opt("baseline", ArgType.NUMBER, null), ArgSpec.opt("restore_best_weights", ArgType.BOOL, false),
                        ArgSpec.opt("start_from_epoch", ArgType.integer(0), 0L)));
                if (b == null || !monitor(b, logged, call)) return null;
                return new Callback.EarlyStopping(str(b, "monitor"), Math.abs(num(b, "min_delta")), integer(b, "patience"),
                        mode(b), (Double) b.values().get("baseline"), (Boolean) b.values().get("restore_best_weights"),
                        integer(b, "start_from_epoch"));
            }
            case "ModelCheckpoint": {
                var b = bind(call, List.of(ArgSpec.opt("filepath", ArgType.STRING, null),
                        ArgSpec.opt("monitor", ArgType.STRING, "val_loss"), ArgSpec.opt("verbose", ArgType.IGNORED, null),
                        ArgSpec.opt("save_best_only", ArgType.BOOL, false), ArgSpec.opt("save_weights_only", ArgType.BOOL, false),
                        ArgSpec.opt("mode", MODE, "auto"), ArgSpec.opt("save_freq", ArgType.choice("epoch"), "epoch")));
                if (b == null || !monitor(b, logged, call)) return null;
                return new Callback.ModelCheckpoint(str(b, "monitor"), mode(b), (Boolean) b.values().get("save_best_only"));
            }
            case "ReduceLROnPlateau": {
                var b = bind(call, List.of(ArgSpec.opt("monitor", ArgType.STRING, "val_loss"),
                        ArgSpec.opt("factor", ArgType.NON_NEGATIVE, 0.1), ArgSpec.opt("patience", ArgType.integer(0), 10L),
                        ArgSpec.opt("verbose", ArgType.IGNORED, null), ArgSpec.opt("mode", MODE, "auto"),
                        ArgSpec.opt("min_delta", ArgType.NUMBER, 1e-4), ArgSpec.opt("cooldown", ArgType.integer(0), 0L),
                        ArgSpec.opt("min_lr", ArgType.NON_NEGATIVE, 0.0)));
                if (b == null || !monitor(b, logged, call)) return null;
                if (num(b, "factor") >= 1.0) {
                    diagnostics.report(Diagnostic.error(Code.DLM0410, b.spans().get("factor"),
                                    "`factor` of `ReduceLROnPlateau` must be below 1, found " + num(b, "factor"))
                            .label("does not reduce").help("the new rate is the old rate times `factor`: use 0.1 or 0.5"));
                    return null;
                }
                return new Callback.ReduceLROnPlateau(str(b, "monitor"), num(b, "factor"), integer(b, "patience"), mode(b),
                        num(b, "min_delta"), integer(b, "cooldown"), num(b, "min_lr"));
            }
            case "TerminateOnNaN": {
                return bind(call, List.of()) == null ? null : new Callback.TerminateOnNaN();
            }
            case "CSVLogger": {
                var b = bind(call, List.of(ArgSpec.opt("filename", ArgType.STRING, "history.csv"),
                        ArgSpec.opt("separator", ArgType.STRING, ","), ArgSpec.opt("append", ArgType.BOOL, false)));
                return b == null ? null : new Callback.CSVLogger(str(b, "filename"), str(b, "separator"), (Boolean) b.values().get("append"));
            }
            case "TensorBoard": {
                var b = bind(call, List.of(ArgSpec.opt("log_dir", ArgType.STRING, "logs"),
                        ArgSpec.opt("histogram_freq", ArgType.IGNORED, null), ArgSpec.opt("write_graph", ArgType.IGNORED, null),
                        ArgSpec.opt("write_images", ArgType.IGNORED, null), ArgSpec.opt("update_freq", ArgType.IGNORED, null)));
                return b == null ? null : new Callback.TensorBoard(str(b, "log_dir"));
            }
            default: {
                var d = Diagnostic.error(Code.DLM0120, call.calleeSpan(), "unknown callback `" + name + "`").label("not a Keras callback dlm knows");
                String hint = Names.didYouMean(name, CALLBACKS);
                d.help(hint != null ? hint : "callbacks: " + String.join(", ", CALLBACKS));
                diagnostics.report(d);
                return null;
            }
        }
    }

    /** True when {@code v} is a schedule call (the caller then uses {@link #schedule}). */
    static boolean isSchedule(Value v) {
        return v instanceof Value.Call c && Character.isUpperCase(c.callee().charAt(0));
    }

    /** The schedule {@code call} describes, or null after reporting. */
    LearningRateSchedule schedule(Value v) {
        Value.Call call = (Value.Call) v;
        switch (call.callee()) {
            case "ExponentialDecay", "InverseTimeDecay": {
                var b = bind(call, List.of(ArgSpec.req("initial_learning_rate", ArgType.NON_NEGATIVE),
                        ArgSpec.req("decay_steps", ArgType.POSITIVE_INT), ArgSpec.req("decay_rate", ArgType.NON_NEGATIVE),
                        ArgSpec.opt("staircase", ArgType.BOOL, false), ArgSpec.opt("name", ArgType.IGNORED, null)));
                if (b == null) return null;
                return call.callee().equals("ExponentialDecay")
                        ? new LearningRateSchedule.ExponentialDecay(num(b, "initial_learning_rate"), lng(b, "decay_steps"),
                                num(b, "decay_rate"), (Boolean) b.values().get("staircase"))
                        : new LearningRateSchedule.InverseTimeDecay(num(b, "initial_learning_rate"), lng(b, "decay_steps"),
                                num(b, "decay_rate"), (Boolean) b.values().get("staircase"));
            }
            case "PiecewiseConstantDecay": {
                var b = bind(call, List.of(ArgSpec.req("boundaries", NUMBERS), ArgSpec.req("values", NUMBERS),
                        ArgSpec.opt("name", ArgType.IGNORED, null)));
                if (b == null) return null;
                @SuppressWarnings("unchecked") List<Double> bounds = (List<Double>) b.values().get("boundaries");
                @SuppressWarnings("unchecked") List<Double> values = (List<Double>) b.values().get("values");
                if (values.size() != bounds.size() + 1) {
                    diagnostics.report(Diagnostic.error(Code.DLM0410, b.spans().get("values"),
                                    "`PiecewiseConstantDecay` needs one more value than boundaries: " + bounds.size()
                                            + " boundaries, " + values.size() + " values")
                            .help("give " + (bounds.size() + 1) + " values: one before the first boundary, one after each"));
                    return null;
                }
                List<Long> steps = new ArrayList<>();
                for (double d : bounds) {
                    if (d != Math.rint(d) || d < 0 || (!steps.isEmpty() && d <= steps.get(steps.size() - 1))) {
                        diagnostics.report(Diagnostic.error(Code.DLM0410, b.spans().get("boundaries"),
                                "`boundaries` of `PiecewiseConstantDecay` must be increasing step numbers, found " + bounds)
                                .help("boundaries are optimizer steps (batches), such as [1000, 2000]"));
                        return null;
                    }
                    steps.add((long) d);
                }
                return new LearningRateSchedule.PiecewiseConstantDecay(steps, values);
            }
            case "CosineDecay": {
                var b = bind(call, List.of(ArgSpec.req("initial_learning_rate", ArgType.NON_NEGATIVE),
                        ArgSpec.req("decay_steps", ArgType.POSITIVE_INT), ArgSpec.opt("alpha", ArgType.number(0, 1, true), 0.0),
                        ArgSpec.opt("name", ArgType.IGNORED, null), ArgSpec.opt("warmup_target", ArgType.NON_NEGATIVE, null),
                        ArgSpec.opt("warmup_steps", ArgType.integer(0), 0L)));
                if (b == null) return null;
                return new LearningRateSchedule.CosineDecay(num(b, "initial_learning_rate"), lng(b, "decay_steps"),
                        num(b, "alpha"), (Double) b.values().get("warmup_target"), lng(b, "warmup_steps"));
            }
            case "PolynomialDecay": {
                var b = bind(call, List.of(ArgSpec.req("initial_learning_rate", ArgType.NON_NEGATIVE),
                        ArgSpec.req("decay_steps", ArgType.POSITIVE_INT), ArgSpec.opt("end_learning_rate", ArgType.NON_NEGATIVE, 0.0001),
                        ArgSpec.opt("power", ArgType.NON_NEGATIVE, 1.0), ArgSpec.opt("cycle", ArgType.BOOL, false),
                        ArgSpec.opt("name", ArgType.IGNORED, null)));
                if (b == null) return null;
                return new LearningRateSchedule.PolynomialDecay(num(b, "initial_learning_rate"), lng(b, "decay_steps"),
                        num(b, "end_learning_rate"), num(b, "power"), (Boolean) b.values().get("cycle"));
            }
            default: {
                var d = Diagnostic.error(Code.DLM0122, call.calleeSpan(), "unknown learning-rate schedule `" + call.callee() + "`")
                        .label("not a Keras schedule dlm knows");
                String hint = Names.didYouMean(call.callee(), SCHEDULES);
                d.help(hint != null ? hint : "schedules: " + String.join(", ", SCHEDULES));
                diagnostics.report(d);
                return null;
            }
        }
    }

    private boolean monitor(LayerCatalogue.Bound b, List<String> logged, Value.Call call) {
        String monitor = str(b, "monitor");
        if (logged.contains(monitor)) return true;
        Span at = b.spans().get("monitor");
        var d = Diagnostic.error(Code.DLM0121, at != null ? at : call.span(), "this model logs no metric `" + monitor + "`")
                .label("not logged");
        String hint = Names.didYouMean(monitor, logged);
        d.note("this model logs: " + String.join(", ", logged));
        if (monitor.startsWith("val_") && logged.stream().noneMatch(m -> m.startsWith("val_"))) {
            d.help("`val_` metrics need validation data: add `validation_split = 0.1` or `validation = test`");
        } else if (hint != null) {
            d.help(hint);
        } else {
            d.help("monitor one of: " + String.join(", ", logged));
        }
        diagnostics.report(d);
        return false;
    }

    /**
     * The call's arguments bound to {@code signature}, or null when they cannot be used: after
     * an error, and also when a value that must be there did not convert (an unknown name in a
     * list, say, whose report comes from the name's own check), so no rule reads a null.
     */
    private LayerCatalogue.Bound bind(Value.Call call, List<ArgSpec> signature) {
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, call.callee(), signature, List.of(), diagnostics, unknownName);
        if (b == null) return null;
        for (ArgSpec spec : signature) {
            if (spec.defaultValue() != null && spec.type() != ArgType.IGNORED && b.values().get(spec.name()) == null) return null;
        }
        return b;
    }

    private static Value.Call asCall(Value v) {
        if (v instanceof Value.Call c) return c;
        if (v instanceof Value.Symbol s) return new Value.Call(s.name(), s.span(), List.of(), s.span());
        return null;
    }

    private static String str(LayerCatalogue.Bound b, String key) { return (String) b.values().get(key); }

    private static double num(LayerCatalogue.Bound b, String key) { return ((Number) b.values().get(key)).doubleValue(); }

    private static long lng(LayerCatalogue.Bound b, String key) { return ((Number) b.values().get(key)).longValue(); }

    private static int integer(LayerCatalogue.Bound b, String key) { return Math.toIntExact(lng(b, key)); }

    private static Mode mode(LayerCatalogue.Bound b) { return Mode.valueOf(str(b, "mode").toUpperCase(Locale.ROOT)); }

}
