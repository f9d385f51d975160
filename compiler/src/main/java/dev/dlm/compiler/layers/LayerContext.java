package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a {@link LayerRule} sees while it checks one layer call: the input sample shape, the
 * bound and normalized arguments, where each came from, and sinks for weights and
 * diagnostics.
 */
public final class LayerContext {

    private final LayerKind kind;
    private final List<Shape> inputs;
    private final List<Span> inputSpans;
    private final Map<String, Object> args;
    private final Map<String, Span> argSpans;
    private final Span callSpan;
    private final Diagnostics diagnostics;
    private final boolean trainable;
    private final BiFunction<Value.Call, Shape, CheckedLayer> nested;
    private final List<ParamSpec> params = new ArrayList<>();
    private boolean first;

    LayerContext(LayerKind kind, List<Shape> inputs, List<Span> inputSpans, Map<String, Object> args, Map<String, Span> argSpans,
                 Span callSpan, Diagnostics diagnostics, boolean trainable, BiFunction<Value.Call, Shape, CheckedLayer> nested) {
        this.kind = kind;
        this.inputs = List.copyOf(inputs);
        this.inputSpans = inputSpans;
        this.args = args;
        this.argSpans = argSpans;
        this.callSpan = callSpan;
        this.diagnostics = diagnostics;
        this.trainable = trainable;
        this.nested = nested;
    }

    public LayerKind kind() { return kind; }

    /** The (first) input's sample shape. */
    public Shape input() { return inputs.get(0); }

    /** Every input's sample shape: several for a merge layer. */
    public List<Shape> inputs() { return inputs; }

    /**
     * Where input {@code i}'s tensor was defined (an {@code Input} or the layer that produced
     * it), for secondary labels; null in a Sequential model, whose inputs are implicit.
     */
    public Span inputSpan(int i) { return inputSpans == null ? null : inputSpans.get(i); }

    public long integer(String name) { return (Long) args.get(name); }

    public double number(String name) { return ((Number) args.get(name)).doubleValue(); }

    public boolean bool(String name) { return (Boolean) args.get(name); }

    public String string(String name) { return (String) args.get(name); }

    @SuppressWarnings("unchecked")
    public List<Long> longs(String name) { return (List<Long>) args.get(name); }

    public Initializer initializer(String name) { return (Initializer) args.get(name); }

    public Activation activation(String name) { return (Activation) args.get(name); }

    public Regularizer regularizer(String name) { return (Regularizer) args.get(name); }

    public Object raw(String name) { return args.get(name); }

    /** Replaces an argument's value in the config, e.g. pooling strides defaulting to the pool size. */
    public void set(String name, Object value) { args.put(name, value); }

    /** Drops an argument from the config: an old name folded into its new one (LeakyReLU's alpha). */
    public void remove(String name) { args.remove(name); }

    /** The span of an argument if it was written, else of the whole call. */
    public Span spanOf(String name) { return argSpans.getOrDefault(name, callSpan); }

    public Span callSpan() { return callSpan; }

    /** False when the layer was given {@code trainable=False}: its weights are all frozen. */
    public boolean isTrainable() { return trainable; }

    /** True for the model's first layer, whose input is the model's declared input. */
    public boolean isFirst() { return first; }

    /** True when the file gave this argument (rather than its default). */
    public boolean written(String name) { return argSpans.containsKey(name); }

    public void report(Diagnostic.Builder d) { diagnostics.report(d); }

    public Diagnostic.Builder error(Code code, Span span, String message) {
        return Diagnostic.error(code, span, message);
    }

    /** Adds a trainable weight (non-trainable if the layer was given {@code trainable=False}). */
    public void weight(String name, Initializer init, Regularizer reg, long... shape) {
        params.add(ParamSpec.of(name, init, trainable, reg, shape));
    }

    /** Adds a weight the optimizer never updates (BatchNormalization's moving statistics). */
    public void state(String name, Initializer init, long... shape) {
        params.add(ParamSpec.frozen(name, init, shape));
    }

    void first(boolean isFirst) { first = isFirst; }

    List<ParamSpec> params() { return params; }

    /** Scalars in this layer's weights so far. */
    public long weightCount() {
        return params.stream().mapToLong(ParamSpec::count).reduce(0, dev.dlm.compiler.value.Saturating::add);
    }

    /** Checks a wrapped layer call (Bidirectional's) against an input; null if it failed. */
    public CheckedLayer nested(Value.Call call, Shape in) { return nested.apply(call, in); }

    /** Adds weights directly (a wrapper re-exporting its inner layer's, renamed). */
    public void weights(List<ParamSpec> specs) { params.addAll(specs); }
}
