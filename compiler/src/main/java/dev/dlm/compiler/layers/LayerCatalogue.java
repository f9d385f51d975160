package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerConfig;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every layer kind dlm knows, by its Keras class name, and the binding of a layer call's
 * arguments to the kind's signature (positional in Keras's order, then keywords), with
 * defaults filled in.
 */
public final class LayerCatalogue {

    private static final Map<String, LayerRule> RULES = new LinkedHashMap<>();

    static {
        for (LayerKind kind : LayerKind.values()) {
            LayerRule rule = create(kind);
            if (rule.kind() != kind) throw new IllegalStateException("the rule of " + kind + " says it is " + rule.kind());
            RULES.put(kind.kerasName(), rule);
        }
    }

    /** The rule of each kind: an exhaustive switch, so a kind without a rule does not compile. */
    private static LayerRule create(LayerKind kind) {
        return switch (kind) {
            case DENSE -> new CoreRules.Dense();
            case ACTIVATION -> new CoreRules.ActivationLayer();
            case DROPOUT -> new CoreRules.Dropout();
            case FLATTEN -> new CoreRules.Flatten();
            case RESHAPE -> new CoreRules.Reshape();
            case PERMUTE -> new CoreRules.Permute();
            case REPEAT_VECTOR -> new CoreRules.RepeatVector();
            case LEAKY_RELU -> new CoreRules.LeakyRelu();
            case RELU -> new CoreRules.Relu();
            case ELU -> new CoreRules.Elu();
            case SOFTMAX -> new CoreRules.SoftmaxLayer();
            case CONV1D -> new ConvRules.Conv(1);
            case CONV2D -> new ConvRules.Conv(2);
            case MAX_POOLING1D -> new ConvRules.Pooling("Max", 1);
            case MAX_POOLING2D -> new ConvRules.Pooling("Max", 2);
            case AVERAGE_POOLING1D -> new ConvRules.Pooling("Average", 1);
            case AVERAGE_POOLING2D -> new ConvRules.Pooling("Average", 2);
            case GLOBAL_MAX_POOLING1D -> new ConvRules.GlobalPooling("Max", 1);
            case GLOBAL_AVERAGE_POOLING1D -> new ConvRules.GlobalPooling("Average", 1);
            case GLOBAL_MAX_POOLING2D -> new ConvRules.GlobalPooling("Max", 2);
            case GLOBAL_AVERAGE_POOLING2D -> new ConvRules.GlobalPooling("Average", 2);
            case UP_SAMPLING2D -> new ConvRules.UpSampling2D();
            case BATCH_NORMALIZATION -> new NormalizationRules.BatchNormalization();
            case LAYER_NORMALIZATION -> new NormalizationRules.LayerNormalization();
            case EMBEDDING -> new NormalizationRules.Embedding();
            case SIMPLE_RNN -> RecurrentRules.simpleRnn();
            case LSTM -> RecurrentRules.lstm();
            case GRU -> RecurrentRules.gru();
            case BIDIRECTIONAL -> new RecurrentRules.Bidirectional();
            case CONCATENATE -> new MergeRules.Concatenate();
            case ADD -> new MergeRules.Elementwise(LayerKind.ADD, 2, Integer.MAX_VALUE);
            case SUBTRACT -> new MergeRules.Elementwise(LayerKind.SUBTRACT, 2, 2);
            case MULTIPLY -> new MergeRules.Elementwise(LayerKind.MULTIPLY, 2, Integer.MAX_VALUE);
            case AVERAGE -> new MergeRules.Elementwise(LayerKind.AVERAGE, 2, Integer.MAX_VALUE);
            case MAXIMUM -> new MergeRules.Elementwise(LayerKind.MAXIMUM, 2, Integer.MAX_VALUE);
            case DOT -> new MergeRules.Dot();
            case ZERO_PADDING2D -> new SpatialRules.ZeroPadding2D();
            case CROPPING2D -> new SpatialRules.Cropping2D();
            case SPATIAL_DROPOUT1D -> new CoreRules.SpatialDropout(1);
            case SPATIAL_DROPOUT2D -> new CoreRules.SpatialDropout(2);
            case GAUSSIAN_NOISE -> new CoreRules.GaussianNoise();
            case DEPTHWISE_CONV2D -> new SpatialRules.DepthwiseConv2D();
            case SEPARABLE_CONV2D -> new SpatialRules.SeparableConv2D();
            case CONV2D_TRANSPOSE -> new SpatialRules.Conv2DTranspose();
            case TIME_DISTRIBUTED -> new RecurrentRules.TimeDistributed();
        };
    }

    /**
     * Arguments every Keras layer takes. {@code input_shape} and {@code input_dim} declare the
     * model's input on its first layer (Keras's {@code Dense(256, input_dim=784)}).
     */
    public static final List<ArgSpec> COMMON = List.of(
            ArgSpec.opt("name", ArgType.STRING, null),
            ArgSpec.opt("trainable", ArgType.BOOL, true),
            ArgSpec.opt("input_shape", ArgType.shape(false), null),
            ArgSpec.opt("input_dim", ArgType.POSITIVE_INT, null),
            ArgSpec.opt("dtype", ArgType.IGNORED, null));

    /** The name of the layer-like item that only declares the model's input. */
    public static final List<String> INPUT_KINDS = List.of("Input", "InputLayer");

    private LayerCatalogue() {}

    public static Collection<LayerRule> rules() { return RULES.values(); }

    /** The rule of a Keras class name as a file writes it, or null. */
    public static LayerRule rule(String kind) { return RULES.get(kind); }

    /** The rule of a kind; every {@link LayerKind} has one (a test checks). */
    public static LayerRule rule(LayerKind kind) { return RULES.get(kind.kerasName()); }

    /** Keras's automatic layer names: {@code dense}, {@code dense_1}, ... per prefix. */
    public static final class LayerNames {
        private final Map<String, Integer> counts = new HashMap<>();

        public String next(String prefix) {
            int n = counts.merge(prefix, 1, Integer::sum) - 1;
            return n == 0 ? prefix : prefix + "_" + n;
        }
    }

    /**
     * The bound arguments of a call: values by name, and where each was written.
     * {@code recovered} is true when a mistake was reported but every argument the call needs
     * has a value (an unknown or doubled argument was dropped), so checking can go on past it.
     */
    public record Bound(Map<String, Object> values, Map<String, Span> spans, boolean recovered) {}

    /**
     * Binds {@code call}'s arguments to {@code signature} (+ {@link #COMMON} as keywords), converting
     * each. An unknown, extra or doubled argument is reported and dropped; returns null after
     * reporting only when an argument is missing or has a value that does not convert.
     */
    public static Bound bind(Value.Call call, String owner, List<ArgSpec> signature, List<ArgSpec> keywordOnly,
                             Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        return bind(call, owner, signature, keywordOnly, argumentsByName(signature, keywordOnly), diagnostics, unknownName);
    }

    /**
     * Every argument of a call by name: {@code signature}'s, then those of {@code keywordOnly}
     * that the signature does not name (Embedding's own input_dim wins over the common one).
     */
    static Map<String, ArgSpec> argumentsByName(List<ArgSpec> signature, List<ArgSpec> keywordOnly) {
        Map<String, ArgSpec> byName = new LinkedHashMap<>();
        for (ArgSpec a : signature) byName.put(a.name(), a);
        for (ArgSpec a : keywordOnly) byName.putIfAbsent(a.name(), a);
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** {@link #bind} with {@code byName} = {@link #argumentsByName}{@code (signature, keywordOnly)}, built by the caller. */
    private static Bound bind(Value.Call call, String owner, List<ArgSpec> signature, List<ArgSpec> keywordOnly,
                              Map<String, ArgSpec> byName, Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Span> spans = new HashMap<>();
        boolean ok = true;
        boolean dropped = false;
        boolean rejectedPositional = false;
        int positional = 0;
        boolean sawKeyword = false;
        for (Value.Argument arg : call.args()) {
            ArgSpec spec;
            if (arg.positional()) {
                if (sawKeyword) {
                    diagnostics.report(Diagnostic.error(Code.DLM0106, arg.value().span(),
                                    "positional argument after keyword arguments in `" + owner + "`")
                            .help("give it by name, or move it before the keyword arguments"));
                    dropped = true;
                    rejectedPositional = true;
                    continue;
                }
                if (positional >= signature.size()) {
                    diagnostics.report(Diagnostic.error(Code.DLM0106, arg.value().span(),
                                    signature.isEmpty() ? "`" + owner + "` takes no positional arguments"
                                            : "`" + owner + "` takes at most " + signature.size() + " positional argument"
                                            + (signature.size() == 1 ? "" : "s"))
                            .label("extra argument")
                            .help(signature.isEmpty() ? "remove it" : "its positional arguments are: "
                                    + String.join(", ", signature.stream().map(ArgSpec::name).toList())));
                    dropped = true;
                    continue;
                }
                spec = signature.get(positional++);
            } else {
                sawKeyword = true;
                spec = byName.get(arg.name());
                if (spec == null) {
                    var d = Diagnostic.error(Code.DLM0104, arg.nameSpan(),
                                    "`" + owner + "` has no argument `" + arg.name() + "`")
                            .label("unknown argument");
                    String hint = Names.didYouMean(arg.name(), byName.keySet());
                    List<String> all = new ArrayList<>(byName.keySet());
                    d.help(hint != null ? hint : all.isEmpty() ? "`" + owner + "` takes no arguments"
                            : "its arguments are: " + String.join(", ", all));
                    diagnostics.report(d);
                    dropped = true;
                    continue;
                }
            }
            if (spans.containsKey(spec.name())) {
                diagnostics.report(Diagnostic.error(Code.DLM0106, arg.nameSpan() != null ? arg.nameSpan() : arg.value().span(),
                                "`" + spec.name() + "` of `" + owner + "` is given twice")
                        .label("again here"));
                dropped = true;
                continue;
            }
            spans.put(spec.name(), arg.value().span());
            if (arg.value() instanceof Value.None && !spec.required()
                    && (spec.defaultValue() == null || spec == ArgSpec.DATA_FORMAT || spec == ArgSpec.DATA_FORMAT_EITHER)) {
                // Keras accepts an explicit None wherever None is the default.
                values.put(spec.name(), spec.defaultValue());
                continue;
            }
            long errorsBefore = diagnostics.errorCount();
            Object converted = spec.type().convert(arg.value(), site(owner, spec.name(), diagnostics, unknownName));
            if (diagnostics.errorCount() > errorsBefore || arg.value() instanceof Value.Error) ok = false;
            values.put(spec.name(), converted);
        }
        for (ArgSpec spec : signature) {
            if (values.containsKey(spec.name()) || spans.containsKey(spec.name())) continue;
            if (spec.required()) {
                // After a rejected positional argument the missing one is most likely that one:
                // its error was reported already.
                if (!rejectedPositional) {
                    diagnostics.report(Diagnostic.error(Code.DLM0105, call.span(),
                                    "`" + owner + "` needs `" + spec.name() + "` (" + spec.type().description() + ")")
                            .label("missing `" + spec.name() + "`")
                            .help("write `" + owner + "(" + spec.name() + "=...)`"));
                }
                ok = false;
            } else {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        for (ArgSpec spec : keywordOnly) {
            if (byName.get(spec.name()) == spec) values.putIfAbsent(spec.name(), spec.defaultValue());
        }
        return ok ? new Bound(values, spans, dropped) : null;
    }

    static ArgType.ArgSite site(String owner, String argName, Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        return new ArgType.ArgSite() {
            public String owner() { return "`" + owner + "`"; }
            public String argName() { return argName; }
            public void report(Diagnostic.Builder d) { diagnostics.report(d); }
            public void unknownName(Value.Symbol s) { unknownName.accept(s); }
        };
    }

    /**
     * Checks one layer call against its input shape. Returns the checked layer, or null after
     * reporting; {@code names} allocates Keras's automatic names.
     */
    public static CheckedLayer check(Value.Call call, Shape input, LayerNames names, Diagnostics diagnostics,
                                     Consumer<Value.Symbol> unknownName) {
        return check(call, input, false, names, diagnostics, unknownName);
    }

    /** As {@link #check}, telling the rule whether this is the model's first layer (for its fix hints). */
    public static CheckedLayer check(Value.Call call, Shape input, boolean first, LayerNames names, Diagnostics diagnostics,
                                     Consumer<Value.Symbol> unknownName) {
        return check(call, List.of(input), null, null, first, names, diagnostics, unknownName);
    }

    /**
     * Checks a layer applied to the tensors of a functional model: {@code inputs} are their
     * sample shapes and {@code inputSpans} where each was defined (for a mismatch's labels).
     * {@code name} is the name allocated when the layer was defined (a shared layer), or null
     * to take the layer's {@code name} argument or the next automatic one.
     */
    public static CheckedLayer check(Value.Call call, List<Shape> inputs, List<Span> inputSpans, String name, boolean first,
                                     LayerNames names, Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        LayerRule rule = RULES.get(call.callee());
        if (rule == null) {
            reportUnknownLayer(call, diagnostics);
            return null;
        }
        Bound bound = bind(call, rule.kind().kerasName(), rule.signature(), COMMON, rule.argumentsByName(), diagnostics, unknownName);
        if (bound == null) return null;
        Map<String, Object> config = new LinkedHashMap<>();
        for (ArgSpec a : rule.signature()) config.put(a.name(), bound.values().get(a.name()));
        if (name == null) name = (String) bound.values().get("name");
        if (name == null) name = names.next(rule.namePrefix());
        boolean trainable = (Boolean) bound.values().get("trainable");
        LayerContext ctx = new LayerContext(rule.kind(), inputs, inputSpans, config, bound.spans(), call.span(), diagnostics, trainable,
                (inner, in) -> check(inner, in, first, names, diagnostics, unknownName));
        ctx.first(first);
        Shape out = rule.apply(ctx);
        if (out == null) return null;
        LayerCost cost = rule.cost(ctx, out);
        for (var p : ctx.params()) {
            if (p.count() >= Integer.MAX_VALUE) {
                diagnostics.report(Diagnostic.error(Code.DLM0308, call.span(),
                                "weight `" + name + "." + p.name() + "` " + p.shape() + " has " + String.format("%,d", p.count())
                                        + " elements, more than one tensor can hold")
                        .note("at 4 bytes each that is " + String.format("%.1f", p.count() * 4.0 / (1L << 30)) + " GiB")
                        .help("reduce the layer's width or the input size"));
                return null;
            }
        }
        return new CheckedLayer(name, rule.kind(), new LayerConfig(config), inputs, out, ctx.params(), cost, call.span());
    }

    /** Checks a call's layer name and arguments without an input shape (after an earlier layer failed). */
    public static void checkArguments(Value.Call call, Diagnostics diagnostics, Consumer<Value.Symbol> unknownName) {
        LayerRule rule = RULES.get(call.callee());
        if (rule == null) {
            if (!INPUT_KINDS.contains(call.callee())) reportUnknownLayer(call, diagnostics);
            return;
        }
        bind(call, rule.kind().kerasName(), rule.signature(), COMMON, rule.argumentsByName(), diagnostics, unknownName);
    }

    static void reportUnknownLayer(Value.Call call, Diagnostics diagnostics) {
        var d = Diagnostic.error(Code.DLM0103, call.calleeSpan(), "unknown layer `" + call.callee() + "`")
                .label("not a layer dlm knows");
        List<String> kinds = new ArrayList<>(RULES.keySet());
        String hint = Names.didYouMean(call.callee(), kinds);
        if (hint != null) d.help(hint);
        else d.help("known layers: " + String.join(", ", kinds));
        diagnostics.report(d);
    }
}
