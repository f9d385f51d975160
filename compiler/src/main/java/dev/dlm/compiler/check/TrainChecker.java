package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.ir.Callback;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LearningRateSchedule;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.LossOptions;
import dev.dlm.compiler.ir.MetricOptions;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.Optimizer;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code train} block to a {@link TrainSpec} with Keras's defaults
 * ({@code fit}: epochs 1, batch_size 32, shuffle; {@code compile}: optimizer rmsprop), then
 * checks the loss against the model's output: rank, width vs the data's classes, and the
 * final activation.
 */
public final class TrainChecker {

    /** The settings a {@code train} block accepts, in the order the docs list them. */
    public static final List<String> SETTINGS = List.of("loss", "optimizer", "metrics", "epochs", "batch_size",
            "validation_split", "validation", "seed", "shuffle", "callbacks", "loss_weights");

    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    private Loss resolvedLoss;
    /** The loss's arguments as the last {@link #check} resolved them, and where each was written. */
    private LossOptions lossOptions = LossOptions.DEFAULT;
    private Map<String, Span> lossArguments = Map.of();
    /** Where each metric of the last {@link #check} was written. */
    private final Map<Metric, Span> metricSpans = new LinkedHashMap<>();
    /** Where the last {@link #check} read the loss; null when it has none. */
    private Span lossSpan;
    /**
     * A model with several outputs (issue 14): the per-output settings as written, resolved by
     * {@link #resolveOutputs} once the outputs' names are known; callbacks wait for the names too.
     */
    private boolean severalOutputs;
    private Value lossValue;
    private Value weightsValue;
    private Value metricsValue;
    private Value callbacksValue;
    private CallbackChecker callbackChecker;
    /** The data as {@link #resolveOutputs} resolved it (each output's labels), for {@link #outputData}. */
    private DataSpec outputData;
    private MetricOptions metricOptions = MetricOptions.DEFAULT;

    TrainChecker(Evaluator evaluator, Diagnostics diagnostics) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
    }

    TrainSpec check(Item.Train train, DataSpec data) {
        return check(train, data, false);
    }

    /**
     * Resolves the block; {@code severalOutputs} when the model's header names several
     * outputs, whose losses, weights and metrics may then be given per output (a list in the
     * outputs' order or {@code dict(name=...)}) and are resolved by {@link #resolveOutputs}.
     */
    TrainSpec check(Item.Train train, DataSpec data, boolean severalOutputs) {
        this.severalOutputs = severalOutputs;
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, Span> keys = new HashMap<>();
        for (Item.Setting s : train.settings()) {
            if (!SETTINGS.contains(s.key())) {
                var d = Diagnostic.error(Code.DLM0111, s.keySpan(), "unknown training setting `" + s.key() + "`")
                        .label("not a setting");
                String hint = Names.didYouMean(s.key(), SETTINGS);
                d.help(hint != null ? hint : "settings: " + String.join(", ", SETTINGS));
                diagnostics.report(d);
                continue;
            }
            if (keys.containsKey(s.key())) {
                diagnostics.report(Diagnostic.error(Code.DLM0102, s.keySpan(), "`" + s.key() + "` is set twice")
                        .label("set again here").secondary(keys.get(s.key()), "first set here"));
                continue;
            }
            keys.put(s.key(), s.keySpan());
            values.put(s.key(), evaluator.eval(s.value()));
        }
        boolean ok = true;
        Loss loss = null;
        lossSpan = values.containsKey("loss") ? values.get("loss").span() : null;
        lossValue = values.get("loss");
        weightsValue = values.get("loss_weights");
        metricsValue = values.get("metrics");
        callbacksValue = values.get("callbacks");
        if (!severalOutputs) ok &= onlyOneOutput(keys);
        if (values.containsKey("loss")) {
            List<Keyed> perOutput = severalOutputs ? perOutput(lossValue) : null;
            if (perOutput != null) {
                // Each output's loss is checked here; the first stands for the block's `loss`.
                for (Keyed k : perOutput) {
                    Loss l = loss(k.value());
                    if (loss == null) loss = l;
                    ok &= l != null;
                }
                ok &= !perOutput.isEmpty() || reportEmpty(lossValue, "loss");
            } else {
                loss = loss(lossValue);
            }
            resolvedLoss = loss;
            ok &= loss != null;
        } else {
            diagnostics.report(Diagnostic.error(Code.DLM0114, train.span().file().span(train.span().start(), train.span().start() + 5),
                            "the `train` block has no `loss`")
                    .help("add `loss = categorical_crossentropy` (or sparse_categorical_crossentropy, binary_crossentropy, mse, mae)"));
            ok = false;
        }
        CallbackChecker callbackChecker = new CallbackChecker(diagnostics, evaluator::reportUnknownName);
        Value optimizerValue = values.getOrDefault("optimizer", new Value.Symbol("rmsprop", train.span()));
        LearningRateSchedule schedule = null;
        if (optimizerValue instanceof Value.Call c) {
            Value.Argument rate = scheduleArgument(c);
            if (rate != null) {
                schedule = callbackChecker.schedule(rate.value());
                ok &= schedule != null;
                // The call's arguments but `rate`, which is one of them (by identity: a record's
                // generated equals costs its linking at start-up; docs/benchmarks.md).
                List<Value.Argument> rest = new ArrayList<>();
                for (Value.Argument a : c.args()) {
                    if (a != rate) rest.add(a);
                }
                optimizerValue = new Value.Call(c.callee(), c.calleeSpan(), rest, c.span());
            }
        }
        Optimizer optimizer = optimizer(optimizerValue);
        ok &= optimizer != null;
        List<Metric> metrics = severalOutputs ? perOutputMetricsWritten(metricsValue) : metrics(values.get("metrics"));
        ok &= metrics != null;
        if (severalOutputs && weightsValue != null) ok &= weights(weightsValue) != null;
        Long epochs = integer(values, "epochs", 1, 1);
        Long batch = integer(values, "batch_size", 32, 1);
        Long seed = values.containsKey("seed") ? integer(values, "seed", 0, 0) : null;
        Double split = values.containsKey("validation_split")
                ? (Double) convert(values.get("validation_split"), "validation_split", ArgType.RATE) : Double.valueOf(0);
        Boolean shuffle = values.containsKey("shuffle") ? (Boolean) convert(values.get("shuffle"), "shuffle", ArgType.BOOL) : Boolean.TRUE;
        boolean validateOnTest = false;
        if (values.containsKey("validation")) {
            Object v = convert(values.get("validation"), "validation", ArgType.choice("test", "none"));
            ok &= v != null;
            validateOnTest = "test".equals(v);
            if (validateOnTest && split != null && split > 0) {
                diagnostics.report(Diagnostic.error(Code.DLM0402, keys.get("validation"),
                                "`validation = test` and `validation_split` both choose validation data")
                        .help("keep one of them"));
                ok = false;
            }
        }
        if (epochs == null || batch == null || split == null || shuffle == null || (values.containsKey("seed") && seed == null)) ok = false;
        List<Callback> callbacks = null;
        this.callbackChecker = callbackChecker;
        if (severalOutputs) {
            // The logged names (`dense_1_loss`) are known once the model is: checked by resolveOutputs.
            callbacks = List.of();
        } else if (metrics != null && split != null) {
            List<String> logged = TrainSpec.loggedMetrics(metrics, split > 0 || validateOnTest);
            callbacks = callbackChecker.callbacks(values.get("callbacks"), logged);
        }
        ok &= callbacks != null;
        if (schedule != null && callbacks != null && !severalOutputs && callbacks.stream().anyMatch(c -> c instanceof Callback.ReduceLROnPlateau)) {
            diagnostics.report(Diagnostic.error(Code.DLM0410, values.get("callbacks").span(),
                            "`ReduceLROnPlateau` cannot change a learning rate that a schedule sets")
                    .note("the optimizer's learning rate is " + schedule.kerasName() + "(...)")
                    .help("use a plain `learning_rate` with `ReduceLROnPlateau`, or the schedule alone (Keras refuses the pair too)"));
            ok = false;
        }
        if (!ok || loss == null) return null;
        if (epochs > 1_000_000) {
            diagnostics.report(Diagnostic.error(Code.DLM0402, values.get("epochs").span(), "`epochs` = " + epochs + " is not a plausible setting")
                    .help("train for at most 1,000,000 epochs"));
            return null;
        }
        if (batch > Integer.MAX_VALUE) {
            diagnostics.report(Diagnostic.error(Code.DLM0402, values.get("batch_size").span(), "`batch_size` is too large"));
            return null;
        }
        return new TrainSpec(loss, optimizer, metrics, Math.toIntExact(epochs), Math.toIntExact(batch), split,
                validateOnTest, seed, shuffle, train.span(), schedule, callbacks, lossOptions, metricOptions);
    }

    /** The optimizer's {@code learning_rate} (by name, as {@code lr}, or first) when it is a schedule such as {@code ExponentialDecay(...)}. */
    private static Value.Argument scheduleArgument(Value.Call optimizer) {
        for (int i = 0; i < optimizer.args().size(); i++) {
            Value.Argument a = optimizer.args().get(i);
            boolean isRate = a.positional() ? i == 0 : a.name().equals("learning_rate") || a.name().equals("lr");
            if (isRate && CallbackChecker.isSchedule(a.value())) return a;
        }
        return null;
    }

    private Object convert(Value v, String key, ArgType type) {
        return type.convert(v, new ArgType.ArgSite() {
            public String owner() { return "`train`"; }
            public String argName() { return key; }
            public void report(Diagnostic.Builder d) { diagnostics.report(d); }
            public void unknownName(Value.Symbol s) { evaluator.reportUnknownName(s); }
        });
    }

    private Long integer(Map<String, Value> values, String key, long dflt, long min) {
        if (!values.containsKey(key)) return dflt;
        return (Long) convert(values.get(key), key, ArgType.integer(min));
    }

    private Loss loss(Value v) {
        lossOptions = LossOptions.DEFAULT;
        lossArguments = Map.of();
        if (v instanceof Value.Call call) return lossCall(call);
        String name = v instanceof Value.Symbol s ? s.name() : v instanceof Value.Str s ? s.value() : null;
        if (name == null) {
            if (!(v instanceof Value.Error)) {
                diagnostics.report(Diagnostic.error(Code.DLM0201, v.span(), "`loss` is a loss name, found " + v.typeName() + " `" + v + "`"));
            }
            return null;
        }
        Loss canonical = Catalogs.loss(name);
        if (canonical == null) {
            var d = Diagnostic.error(Code.DLM0108, v.span(), "unknown loss `" + name + "`").label("not a Keras loss");
            String hint = Names.didYouMean(name, Catalogs.LOSSES);
            d.help(hint != null ? hint : "losses: " + String.join(", ", Catalogs.LOSSES));
            diagnostics.report(d);
        }
        return canonical;
    }

    /** A loss with arguments, {@code categorical_crossentropy(from_logits=True, label_smoothing=0.1)}, as Keras's classes take them. */
    private Loss lossCall(Value.Call call) {
        Loss loss = Catalogs.loss(call.callee());
        if (loss == null) {
            var d = Diagnostic.error(Code.DLM0108, call.calleeSpan(), "unknown loss `" + call.callee() + "`").label("not a Keras loss");
            String hint = Names.didYouMean(call.callee(), Catalogs.LOSSES);
            d.help(hint != null ? hint : "losses: " + String.join(", ", Catalogs.LOSSES));
            diagnostics.report(d);
            return null;
        }
        List<ArgSpec> sig = new ArrayList<>();
        for (String a : loss.arguments()) {
            sig.add(switch (a) {
                case "from_logits" -> ArgSpec.opt(a, ArgType.BOOL, false);
                case "label_smoothing" -> ArgSpec.opt(a, ArgType.number(0, 1, true), 0.0);
                case "delta" -> ArgSpec.opt(a, ArgType.NON_NEGATIVE, 1.0);
                default -> throw new AssertionError(a);
            });
        }
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, loss.kerasName(), sig, List.of(), diagnostics, evaluator::reportUnknownName);
        if (b == null) return null;
        Object delta = b.values().get("delta");
        if (delta != null && (Double) delta == 0) {
            diagnostics.report(Diagnostic.error(Code.DLM0202, b.spans().get("delta"), "`delta` of `huber` must be positive, found 0")
                    .label("would make the loss 0 everywhere")
                    .help("Keras's default is `delta=1.0`"));
            return null;
        }
        lossOptions = new LossOptions(Boolean.TRUE.equals(b.values().get("from_logits")),
                b.values().get("label_smoothing") instanceof Double d ? d : 0.0, delta instanceof Double d ? d : 1.0);
        lossArguments = Map.copyOf(b.spans());
        return loss;
    }

    private Optimizer optimizer(Value v) {
        Value.Call call;
        if (v instanceof Value.Symbol s) call = new Value.Call(s.name(), s.span(), List.of(), s.span());
        else if (v instanceof Value.Str s) call = new Value.Call(s.value(), s.span(), List.of(), s.span());
        else if (v instanceof Value.Call c) call = c;
        else {
            if (!(v instanceof Value.Error)) {
                diagnostics.report(Diagnostic.error(Code.DLM0201, v.span(), "`optimizer` is an optimizer such as adam or sgd(learning_rate=0.01), found `" + v + "`"));
            }
            return null;
        }
        String name = call.callee().toLowerCase(java.util.Locale.ROOT);
        Catalogs.OptimizerForm form = Catalogs.OPTIMIZERS.get(name);
        if (form == null) {
            var d = Diagnostic.error(Code.DLM0109, call.calleeSpan(), "unknown optimizer `" + call.callee() + "`")
                    .label("not an optimizer dlm knows");
            String hint = Names.didYouMean(call.callee(), Catalogs.OPTIMIZERS.keySet());
            d.help(hint != null ? hint : "optimizers: " + String.join(", ", Catalogs.OPTIMIZERS.keySet()));
            diagnostics.report(d);
            return null;
        }
        List<ArgSpec> sig = new ArrayList<>();
        for (Map.Entry<String, Object> e : form.defaults().entrySet()) {
            ArgType type = e.getValue() instanceof Boolean ? ArgType.BOOL
                    : e.getKey().startsWith("beta_") || e.getKey().equals("rho") || e.getKey().equals("momentum")
                    ? ArgType.number(0, 1, false)
                    // Ftrl's power is negative or zero, as Keras's constructor requires.
                    : e.getKey().equals("learning_rate_power") ? ArgType.number(Double.NEGATIVE_INFINITY, 0, true)
                    : ArgType.NON_NEGATIVE;
            sig.add(ArgSpec.opt(e.getKey(), type, null));
        }
        // Keras 2 still accepts `lr` for `learning_rate`, and the book's code uses it.
        List<ArgSpec> aliases = List.of(ArgSpec.opt("lr", ArgType.NON_NEGATIVE, null));
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, name, sig, aliases, diagnostics, evaluator::reportUnknownName);
        if (b == null) return null;
        Map<String, Object> hyper = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : form.defaults().entrySet()) {
            Object given = b.spans().containsKey(e.getKey()) ? b.values().get(e.getKey()) : null;
            hyper.put(e.getKey(), given != null ? given : e.getValue());
        }
        if (b.spans().containsKey("lr")) {
            if (b.spans().containsKey("learning_rate")) {
                diagnostics.report(Diagnostic.error(Code.DLM0106, b.spans().get("lr"), "both `lr` and `learning_rate` are given")
                        .help("`lr` is the old name of `learning_rate`; keep `learning_rate`"));
                return null;
            }
            hyper.put("learning_rate", (Double) b.values().get("lr"));
        }
        return form.build().apply(hyper);
    }

    private List<Metric> metrics(Value v) {
        metricSpans.clear();
        metricOptions = MetricOptions.DEFAULT;
        if (v == null) return List.of();
        List<Value> items = v instanceof Value.Seq s ? s.items() : List.of(v);
        List<Metric> out = new ArrayList<>();
        for (Value item : items) {
            if (item instanceof Value.Call call && Catalogs.metric(call.callee()) != null) {
                Metric m = metricCall(call);
                if (m == null) return null;
                if (!out.contains(m)) {
                    out.add(m);
                    metricSpans.put(m, item.span());
                }
                continue;
            }
            String name = item instanceof Value.Symbol s ? s.name() : item instanceof Value.Str s ? s.value() : item instanceof Value.Call c ? c.callee() : null;
            Metric canonical = name == null ? null : Catalogs.metric(name);
            if (canonical == null) {
                if (item instanceof Value.Error) return null;
                var d = Diagnostic.error(Code.DLM0112, item.span(), "unknown metric `" + item + "`").label("not a metric dlm knows");
                d.help(name != null && Names.didYouMean(name, Catalogs.METRICS) != null
                        ? Names.didYouMean(name, Catalogs.METRICS)
                        : "metrics: " + String.join(", ", Catalogs.METRICS) + " (the loss is always reported)");
                diagnostics.report(d);
                return null;
            }
            if (!out.contains(canonical)) {
                out.add(canonical);
                metricSpans.put(canonical, item.span());
            }
        }
        return out;
    }

    /**
     * A metric with Keras's arguments, {@code top_k_categorical_accuracy(k=3)} or
     * {@code auc(num_thresholds=50, curve='PR')} (the curve's name in any case, as Keras's
     * {@code AUCCurve.from_str}); a metric that takes none takes an empty call.
     * Null after reporting.
     */
    private Metric metricCall(Value.Call call) {
        Metric metric = Catalogs.metric(call.callee());
        List<ArgSpec> sig = switch (metric) {
            case TOP_K_CATEGORICAL_ACCURACY -> List.of(ArgSpec.opt("k", ArgType.POSITIVE_INT, (long) Metric.TOP_K));
            case AUC -> List.of(ArgSpec.opt("num_thresholds", ArgType.integer(2), (long) Metric.AUC_THRESHOLDS),
                    ArgSpec.opt("curve", ArgType.choice("roc", "pr"), "roc"));
            default -> List.of();
        };
        LayerCatalogue.Bound b = LayerCatalogue.bind(call, metric.kerasName(), sig, List.of(), diagnostics, evaluator::reportUnknownName);
        if (b == null) return null;
        if (metric == Metric.TOP_K_CATEGORICAL_ACCURACY) {
            metricOptions = new MetricOptions(Math.toIntExact((Long) b.values().get("k")), metricOptions.aucThresholds(), metricOptions.aucCurve());
        } else if (metric == Metric.AUC) {
            metricOptions = new MetricOptions(metricOptions.topK(), Math.toIntExact((Long) b.values().get("num_thresholds")),
                    ((String) b.values().get("curve")).toUpperCase(java.util.Locale.ROOT));
        }
        return metric;
    }

    /** Checks the loss against the model's output shape, the data's classes and the final activation. */
    void checkAgainstModel(Loss loss, List<CheckedLayer> layers, DataSpec data) {
        CheckedLayer last = layers.get(layers.size() - 1);
        var out = last.output();
        if (out.rank() != 1) {
            var d = Diagnostic.error(Code.DLM0306, last.span(),
                            "the model's output " + out + " has rank " + out.rank() + ", but `" + loss + "` compares it with labels of rank 1")
                    .label("output " + out.keras());
            CheckedLayer width = widthLayer(layers);
            if (width != null && width.input().rank() > 1) {
                d.help("insert `Flatten()` before `" + width.kind() + "` (layer `" + width.name() + "`)");
            } else {
                d.help("end the model with `Flatten()` and a `Dense` layer");
            }
            diagnostics.report(d);
            return;
        }
        // Two classes fit one sigmoid unit (the label itself is the target), as in Keras.
        boolean binaryUnit = out.dim(0) == 1 && data != null && data.classes() == 2 && !loss.usesClassScores();
        if (data != null && data.classes() > 0 && out.dim(0) != data.classes() && !binaryUnit) {
            CheckedLayer width = widthLayer(layers);
            Span at = width != null ? width.span() : last.span();
            diagnostics.report(Diagnostic.error(Code.DLM0303, at,
                            "the model outputs " + out.dim(0) + " values per sample, but " + data.kind() + " has " + data.classes() + " classes")
                    .label("outputs " + out.keras())
                    .help(width != null && width.kind() == LayerKind.DENSE
                            ? "use `Dense(" + data.classes() + ")` as the last layer" : "end the model with `Dense(" + data.classes() + ")`"));
            return;
        }
        boolean categorical = loss == Loss.CATEGORICAL_CROSSENTROPY || loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        if (loss.usesClassScores() && out.dim(0) == 1) {
            CheckedLayer width = widthLayer(layers);
            diagnostics.report(Diagnostic.error(Code.DLM1431, width != null ? width.span() : last.span(),
                            "`" + loss + "` compares class scores, but the model outputs one value per sample")
                    .label("outputs " + out.keras())
                    .note("a softmax over one unit is always 1, so the loss would be 0 and nothing would train")
                    .help("for two classes, end with `Dense(1, activation='sigmoid')` and use `loss = binary_crossentropy`;"
                            + " otherwise give the last layer one unit per class"));
            return;
        }
        checkMetrics(out.dim(0), finalActivation(layers), last);
        Activation activation = finalActivation(layers);
        if (activation == null) return;
        if (lossOptions.fromLogits()) {
            Activation squashing = loss == Loss.BINARY_CROSSENTROPY ? Activation.SIGMOID : Activation.SOFTMAX;
            if (activation == Activation.SOFTMAX || activation == Activation.SIGMOID) {
                // Keras warns: "`categorical_crossentropy` received `from_logits=True`, but the `output`
                // argument was produced by a Softmax activation and thus does not represent logits."
                diagnostics.report(Diagnostic.warning(Code.DLM1430, lossArguments.getOrDefault("from_logits", last.span()),
                                "`from_logits=True`, but the model ends with a `" + activation + "` activation")
                        .secondary(last.span(), "outputs probabilities")
                        .note("the loss would apply " + squashing + " a second time, as Keras does (it warns too)")
                        .help("remove the final `" + activation + "` (end with a linear layer), or drop `from_logits=True`"));
            }
            return;
        }
        if (categorical && activation != Activation.SOFTMAX) {
            diagnostics.report(Diagnostic.warning(Code.DLM0401, last.span(),
                            "`" + loss + "` expects probabilities, but the model ends with a `" + activation + "` activation")
                    .label("last layer")
                    .note("Keras would compute the loss of outputs that do not sum to 1")
                    .help("end the model with `Activation('softmax')`"));
        } else if (loss == Loss.KL_DIVERGENCE && activation != Activation.SOFTMAX) {
            diagnostics.report(Diagnostic.warning(Code.DLM0401, last.span(),
                            "`kl_divergence` compares probability distributions, but the model ends with a `" + activation + "` activation")
                    .label("last layer")
                    .note("Keras clips the outputs to [1e-7, 1]; outputs that do not sum to 1 are not a distribution")
                    .help("end the model with `Activation('softmax')`"));
        } else if (loss == Loss.BINARY_CROSSENTROPY && activation == Activation.SOFTMAX && out.dim(0) > 1) {
            diagnostics.report(Diagnostic.warning(Code.DLM0401, last.span(),
                            "`binary_crossentropy` on a " + out.dim(0) + "-way softmax scores each class as an independent yes/no")
                    .label("softmax over " + out.dim(0) + " classes")
                    .note("softmax makes the classes compete; binary cross-entropy assumes they do not")
                    .help("use `loss = categorical_crossentropy` for one label per sample, or a sigmoid output for multi-label data"));
        } else if (loss == Loss.BINARY_CROSSENTROPY && activation != Activation.SIGMOID && activation != Activation.SOFTMAX) {
            diagnostics.report(Diagnostic.warning(Code.DLM0401, last.span(),
                            "`binary_crossentropy` expects probabilities, but the model ends with a `" + activation + "` activation")
                    .help("end the model with `Activation('sigmoid')`"));
        }
    }

    /**
     * Checks the metrics against the output: class-score metrics need several units (DLM1432),
     * confusion metrics need probabilities (DLM1432, a warning), and top-k accuracy with
     * {@code k} at least the number of classes is always 1 (DLM1433, a warning).
     */
    private void checkMetrics(long width, Activation activation, CheckedLayer last) {
        for (Map.Entry<Metric, Span> e : metricSpans.entrySet()) {
            Metric m = e.getKey();
            boolean classScores = m == Metric.SPARSE_CATEGORICAL_ACCURACY || m == Metric.TOP_K_CATEGORICAL_ACCURACY;
            if (classScores && width == 1) {
                diagnostics.report(Diagnostic.error(Code.DLM1432, e.getValue(),
                                "`" + m + "` ranks class scores, but the model outputs one value per sample")
                        .secondary(last.span(), "one output unit")
                        .note("the arg-max of one value is always class 0")
                        .help("use `accuracy` (binary accuracy, threshold 0.5) for a single sigmoid unit"));
            } else if (m == Metric.TOP_K_CATEGORICAL_ACCURACY && width <= metricOptions.topK()) {
                diagnostics.report(Diagnostic.warning(Code.DLM1433, e.getValue(),
                                "`top_k_categorical_accuracy` counts the top " + metricOptions.topK() + " of " + width
                                        + " classes, so it is always 1")
                        .secondary(last.span(), "outputs " + width + " class scores")
                        .note(metricOptions.topK() == Metric.TOP_K ? "Keras's `top_k_categorical_accuracy` uses k = 5"
                                : "k = " + metricOptions.topK())
                        .help("use `accuracy` for a model with " + width + " classes"));
            }
            boolean confusion = m == Metric.PRECISION || m == Metric.RECALL || m == Metric.AUC;
            if (confusion && activation != null && activation != Activation.SIGMOID && activation != Activation.SOFTMAX) {
                diagnostics.report(Diagnostic.warning(Code.DLM1432, e.getValue(),
                                "`" + m + "` thresholds probabilities, but the model ends with a `" + activation + "` activation")
                        .secondary(last.span(), "last layer")
                        .note(m == Metric.AUC ? "Keras's AUC places its " + metricOptions.aucThresholds() + " thresholds in [0, 1]"
                                : "Keras counts a prediction above 0.5 as positive")
                        .help("end the model with `Activation('sigmoid')` (with `binary_crossentropy`)"));
            }
        }
    }

    /**
     * {@code data} with its targets resolved against the loss and the model's output (issue
     * 14): a CSV source's labels become real-valued targets when a regression loss (mse, mae,
     * huber) trains an output of one unit per label column and the file declares no
     * {@code classes}. Reports DLM1481 when a class-label loss meets several label columns,
     * DLM1480 when several target columns do not fit the output, and DLM1432 (a warning) for
     * class metrics on real targets. Other data is returned unchanged.
     *
     * @param labelSpan where the CSV's {@code label=} was written, or null
     */
    DataSpec resolveTargets(Loss loss, List<CheckedLayer> layers, DataSpec data, Span labelSpan) {
        return resolveTargets(loss, layers, data, labelSpan, null);
    }

    /** As {@link #resolveTargets(Loss, List, DataSpec, Span)}; labels written per output are refused (DLM1408) on a model with one output. */
    DataSpec resolveTargets(Loss loss, List<CheckedLayer> layers, DataSpec data, Span labelSpan, DataChecker.Labels written) {
        if (data == null || !(data.source() instanceof dev.dlm.compiler.ir.DataSource.Csv csv)) return data;
        if (written != null && written.perOutput()) {
            diagnostics.report(Diagnostic.error(Code.DLM1408, written.span(), "labels per output, but the model has one output")
                    .label(written.entries().size() + (written.entries().size() == 1 ? " entry" : " entries"))
                    .help("name the label column, `label=\"y\"`, or the target columns of a regression, `label=[\"a\", \"b\"]`"));
            return data;
        }
        CheckedLayer last = layers.get(layers.size() - 1);
        var out = last.output();
        if (out.rank() != 1) return data;
        int columns = csv.labels().size();
        Span labels = labelSpan != null ? labelSpan : data.span();
        if (!loss.regression() || data.classes() > 0) {
            if (columns > 1) {
                diagnostics.report(Diagnostic.error(Code.DLM1481, labels,
                                "`label` names " + columns + " columns, but " + (loss.regression()
                                        ? "`classes=` says the labels are classes" : "`" + loss + "` trains one class label per sample"))
                        .label(columns + " label columns")
                        .secondary(lossSpan != null ? lossSpan : data.span(), loss.regression() ? "classes declared" : "a class-label loss")
                        .note("several label columns are real-valued regression targets, one output unit each")
                        .help(loss.regression() ? "remove `classes=` from the data source"
                                : "use `loss = mse` (or mae, huber) for several targets, or name one label column"));
            }
            return data;
        }
        int width = csv.targetWidth();
        if (out.dim(0) != width) {
            if (columns > 1) {
                CheckedLayer widthLayer = widthLayer(layers);
                diagnostics.report(Diagnostic.error(Code.DLM1480, widthLayer != null ? widthLayer.span() : last.span(),
                                "the model outputs " + out.dim(0) + (out.dim(0) == 1 ? " value" : " values") + " per sample, but `label` names " + columns + " target columns")
                        .label("outputs " + out.keras())
                        .secondary(labels, columns + " target columns")
                        .help(widthLayer != null && widthLayer.kind() == LayerKind.DENSE
                                ? "use `Dense(" + columns + ")` as the last layer" : "end the model with `Dense(" + columns + ")`"));
            }
            // One label column and several outputs: mse against one-hot class labels, as before.
            return data;
        }
        for (Map.Entry<Metric, Span> e : metricSpans.entrySet()) {
            if (e.getKey() == Metric.MAE || e.getKey() == Metric.MSE) continue;
            diagnostics.report(Diagnostic.warning(Code.DLM1432, e.getValue(),
                            "`" + e.getKey() + "` compares class labels, but `" + loss + "` trains real-valued targets")
                    .secondary(labels, "regression targets")
                    .note("the targets of a regression have no classes to count")
                    .help("use `metrics = [mae]` (or mse) for a regression"));
        }
        return data.withSource(csv.withRealTargets());
    }

    /** One entry of a per-output setting: its output's name as written ({@code null} in a list), and its value. */
    private record Keyed(String key, Span keySpan, Value value) {}

    /** True for {@code dict(name=..., ...)}, the per-output form by output name (Python's {@code dict} with keywords). */
    private static boolean isDict(Value v) {
        return v instanceof Value.Call c && c.callee().equals("dict");
    }

    /**
     * The entries of a per-output setting: a list (one per output, in order) or
     * {@code dict(name=value, ...)}; null when {@code v} is a single value for every output.
     * A positional {@code dict} argument is reported (DLM1483) and dropped.
     */
    private List<Keyed> perOutput(Value v) {
        if (v instanceof Value.Seq seq) return seq.items().stream().map(i -> new Keyed(null, i.span(), i)).toList();
        if (!isDict(v)) return null;
        List<Keyed> out = new ArrayList<>();
        for (Value.Argument a : ((Value.Call) v).args()) {
            if (a.positional()) {
                diagnostics.report(Diagnostic.error(Code.DLM1483, a.value().span(), "`dict(...)` maps output names to values: this entry has no name")
                        .help("write `dict(output_name=" + a.value() + ")`, or a list in the outputs' order"));
                continue;
            }
            out.add(new Keyed(a.name(), a.nameSpan(), a.value()));
        }
        return out;
    }

    private boolean reportEmpty(Value v, String setting) {
        diagnostics.report(Diagnostic.error(Code.DLM1483, v.span(), "`" + setting + "` is empty").help("give one entry per output"));
        return false;
    }

    /** For a model with one output, the per-output forms are refused (DLM1483): true when none is used. */
    private boolean onlyOneOutput(Map<String, Span> keys) {
        boolean ok = true;
        if (lossValue != null && (lossValue instanceof Value.Seq || isDict(lossValue))) {
            diagnostics.report(Diagnostic.error(Code.DLM1483, lossValue.span(), "a loss per output, but the model has one output")
                    .help("give the one loss: `loss = categorical_crossentropy`"));
            ok = false;
        }
        if (weightsValue != null) {
            diagnostics.report(Diagnostic.error(Code.DLM1483, keys.get("loss_weights"), "`loss_weights` weighs the losses of several outputs, but the model has one")
                    .label("needs `outputs=[...]`")
                    .help("remove `loss_weights` (to scale the one loss, change the learning rate)"));
            ok = false;
        }
        if (metricsValue instanceof Value.Seq seq && seq.items().stream().anyMatch(i -> i instanceof Value.Seq) || isDict(metricsValue)) {
            diagnostics.report(Diagnostic.error(Code.DLM1483, metricsValue.span(), "metrics per output, but the model has one output")
                    .help("list the metrics: `metrics = [accuracy]`"));
            ok = false;
        }
        return ok;
    }

    /**
     * Checks the metrics written for a model with several outputs: a list of lists or
     * {@code dict(name=[...])}. A flat list is refused as Keras 3 refuses it (it does not say
     * which output a metric belongs to). Returns an empty list (the block's own metrics), or null after reporting.
     */
    private List<Metric> perOutputMetricsWritten(Value v) {
        metricSpans.clear();
        if (v == null) return List.of();
        List<Keyed> entries = perOutput(v);
        boolean flat = entries == null || !isDict(v) && entries.stream().anyMatch(e -> !(e.value() instanceof Value.Seq));
        if (flat && !(v instanceof Value.Seq s && s.items().isEmpty())) {
            diagnostics.report(Diagnostic.error(Code.DLM1483, v.span(), "a model with several outputs takes its metrics per output")
                    .note("Keras 3 refuses a flat list too: it does not say which output each metric measures")
                    .help("give a list per output, `metrics = [[accuracy], [accuracy]]`, or `metrics = dict(name=[accuracy])`"));
            return null;
        }
        for (Keyed e : entries) if (metrics(e.value()) == null) return null;
        metricSpans.clear();
        return List.of();
    }

    /** Checks {@code loss_weights}: numbers, as a list or {@code dict(name=number)}; null after reporting. */
    private List<Double> weights(Value v) {
        List<Keyed> entries = perOutput(v);
        if (entries == null) {
            diagnostics.report(Diagnostic.error(Code.DLM1483, v.span(), "`loss_weights` gives a weight per output")
                    .help("write a list in the outputs' order, `loss_weights = [1.0, 0.5]`, or `dict(name=0.5)`"));
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Keyed e : entries) {
            Object w = convert(e.value(), "loss_weights", ArgType.NON_NEGATIVE);
            if (w == null) return null;
            out.add((Double) w);
        }
        return out;
    }

    /**
     * Resolves the per-output training of a model with several outputs (issue 14), once its
     * outputs are known: {@code names} are Keras's output names (the layers producing the
     * outputs), {@code tensors} the names the header's {@code outputs=[...]} gives them, and
     * {@code paths} each output's layers from an input (what the loss checks read). A single
     * loss applies to every output, as in Keras; a list needs one entry per output and a
     * {@code dict} an entry for each output (DLM1483); weights default to 1 and metrics to
     * none. Each output's loss is then checked against it as a single output's is. Returns
     * {@code spec} with the outputs and the callbacks checked against the logged names, or
     * null after reporting.
     */
    TrainSpec resolveOutputs(TrainSpec spec, List<String> names, List<String> tensors, List<List<CheckedLayer>> paths, DataSpec data,
                             DataChecker.Labels written) {
        int n = names.size();
        boolean ok = true;
        outputData = data;
        List<DataChecker.LabelEntry> labelEntries = data != null && data.source() instanceof dev.dlm.compiler.ir.DataSource.Csv
                ? labelsPerOutput(written, names, tensors) : null;
        if (labelEntries == null && written != null && (written.perOutput() || written.entries().size() > 1)
                && data != null && data.source() instanceof dev.dlm.compiler.ir.DataSource.Csv) {
            return null;
        }
        List<Keyed> lossEntries = perOutput(lossValue);
        List<Value> losses = lossEntries == null ? java.util.Collections.nCopies(n, lossValue)
                : place(lossEntries, "loss", names, tensors, true);
        List<Value> weightValues = weightsValue == null ? null : place(perOutput(weightsValue), "loss_weights", names, tensors, false);
        List<Value> metricValues = metricsValue == null || metricsValue instanceof Value.Seq s0 && s0.items().isEmpty() ? null
                : place(perOutput(metricsValue), "metrics", names, tensors, false);
        if (losses == null || weightsValue != null && weightValues == null || metricsValue != null && metricValues == null && !(metricsValue instanceof Value.Seq s1 && s1.items().isEmpty())) {
            return null;
        }
        List<dev.dlm.compiler.ir.OutputTraining> outputs = new ArrayList<>();
        List<dev.dlm.compiler.ir.DataSource.OutputLabels> outputLabels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Loss l = loss(losses.get(i));
            if (l == null) return null;
            LossOptions options = lossOptions;
            List<Metric> metrics = metricValues == null || metricValues.get(i) == null ? List.of() : metrics(metricValues.get(i));
            if (metrics == null) return null;
            double weight = weightValues == null || weightValues.get(i) == null ? 1.0
                    : (Double) convert(weightValues.get(i), "loss_weights", ArgType.NON_NEGATIVE);
            long errors = diagnostics.errorCount();
            if (labelEntries == null) {
                checkAgainstModel(l, paths.get(i), data);
            } else {
                outputLabels.add(checkOutputLabels(names.get(i), l, losses.get(i).span(), paths.get(i), data, labelEntries.get(i)));
            }
            ok &= diagnostics.errorCount() == errors;
            outputs.add(new dev.dlm.compiler.ir.OutputTraining(names.get(i), l, options, weight, metrics));
        }
        if (!ok) return null;
        if (labelEntries != null) {
            outputData = data.withSource(((dev.dlm.compiler.ir.DataSource.Csv) data.source()).withOutputs(outputLabels));
        }
        List<String> logged = TrainSpec.loggedOutputMetrics(outputs, spec.validates());
        List<Callback> callbacks = callbackChecker.callbacks(callbacksValue, logged);
        if (callbacks == null) return null;
        if (!(spec.learningRate() instanceof LearningRateSchedule.Constant)
                && callbacks.stream().anyMatch(c -> c instanceof Callback.ReduceLROnPlateau)) {
            diagnostics.report(Diagnostic.error(Code.DLM0410, callbacksValue.span(),
                            "`ReduceLROnPlateau` cannot change a learning rate that a schedule sets")
                    .help("use a plain `learning_rate` with `ReduceLROnPlateau`, or the schedule alone (Keras refuses the pair too)"));
            return null;
        }
        return spec.withOutputs(outputs, callbacks);
    }

    /** The data as the last {@link #resolveOutputs} left it: with each output's label columns when written per output. */
    DataSpec outputData() { return outputData; }

    /**
     * The label entry of each output, in the outputs' order, when {@code label=} gives the
     * outputs their own labels (Keras's {@code fit(x, [y1, y2])} or {@code fit(x, {name: y})}):
     * labels per output, or a flat list of as many columns as there are outputs. Null when
     * every output reads the same label column ({@code fit(x, [y, y])}), and after reporting
     * (DLM1408) entries that do not match the outputs.
     */
    private List<DataChecker.LabelEntry> labelsPerOutput(DataChecker.Labels written, List<String> names, List<String> tensors) {
        if (written == null || written.form() == DataChecker.LabelForm.ONE) return null;
        if (written.form() == DataChecker.LabelForm.LIST && written.entries().size() == 1) return null;
        int n = names.size();
        String outputs = names.stream().map(x -> "`" + x + "`").collect(java.util.stream.Collectors.joining(", "));
        if (written.form() != DataChecker.LabelForm.PER_OUTPUT_DICT) {
            List<DataChecker.LabelEntry> entries = written.entries();
            if (entries.size() == n) return entries;
            var d = Diagnostic.error(Code.DLM1408, written.span(),
                            "`label` has " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + ", but the model has "
                                    + n + " outputs (" + outputs + ")")
                    .label(entries.size() + (written.form() == DataChecker.LabelForm.LIST ? " label columns" : " label entries"))
                    .note("as Keras's `fit(x, [y1, y2])`, a list gives each output its labels, in the order of `outputs=[...]`");
            d.help(written.form() == DataChecker.LabelForm.LIST
                    ? "give one column per output, a list of columns for an output with several target units"
                    + " (`label=[[\"a\", \"b\"], \"c\"]`), or one column for every output"
                    : "give one entry per output, in the order of `outputs=[...]`");
            diagnostics.report(d);
            return null;
        }
        DataChecker.LabelEntry[] placed = new DataChecker.LabelEntry[n];
        boolean ok = true;
        for (DataChecker.LabelEntry e : written.entries()) {
            int at = names.indexOf(e.output());
            if (at < 0) {
                var d = Diagnostic.error(Code.DLM1408, e.keySpan(), "the model has no output named `" + e.output() + "`")
                        .label("not an output")
                        .note("Keras names an output after the layer that produces it: " + outputs);
                int tensor = tensors.indexOf(e.output());
                String hint = Names.didYouMean(e.output(), names);
                d.help(tensor >= 0 ? "`" + e.output() + "` is the tensor; write `" + names.get(tensor) + "=`, or give its layer `name='"
                        + e.output() + "'`" : hint != null ? hint : "outputs: " + outputs);
                diagnostics.report(d);
                ok = false;
            } else {
                placed[at] = e;
            }
        }
        for (int i = 0; ok && i < n; i++) {
            if (placed[i] == null) {
                diagnostics.report(Diagnostic.error(Code.DLM1408, written.span(), "`label` has no entry for output `" + names.get(i) + "`")
                        .label("no labels for `" + names.get(i) + "`")
                        .note("every output is trained against its own labels, as Keras's `fit(x, {name: y})` needs one per output")
                        .help("add `" + names.get(i) + "=\"column\"` to the dict"));
                ok = false;
            }
        }
        return ok ? java.util.Arrays.asList(placed) : null;
    }

    /**
     * Checks one output against its own label columns (issue 14) and decides how they are read:
     * as real-valued targets when its loss is a regression loss and it has one unit per column,
     * else as class labels (one column). Several columns under a class-label loss are DLM1485;
     * several columns that do not fit the output's units are DLM1484. The output's loss is then
     * checked as a single output's is, a real-valued output without the data's {@code classes}.
     */
    private dev.dlm.compiler.ir.DataSource.OutputLabels checkOutputLabels(String name, Loss loss, Span lossAt, List<CheckedLayer> path,
                                                                          DataSpec data, DataChecker.LabelEntry entry) {
        CheckedLayer last = path.get(path.size() - 1);
        int columns = entry.columns().size();
        String written = columns == 1 ? "`" + entry.columns().get(0) + "`" : columns + " columns";
        if (columns > 1 && !loss.regression()) {
            diagnostics.report(Diagnostic.error(Code.DLM1485, entry.span(),
                            "output `" + name + "` reads " + columns + " label columns, real-valued targets, but its loss `" + loss
                                    + "` trains one class label per sample")
                    .label(columns + " target columns")
                    .secondary(lossAt, "a class-label loss")
                    .note("several label columns are real-valued regression targets, one output unit each")
                    .help("train this output with `mse` (or mae, huber), or give it the one column that holds its class"));
            return null;
        }
        boolean vector = last.output().rank() == 1;
        long units = vector ? last.output().dim(0) : -1;
        if (columns > 1 && vector && units != columns) {
            CheckedLayer widthLayer = widthLayer(path);
            diagnostics.report(Diagnostic.error(Code.DLM1484, widthLayer != null ? widthLayer.span() : last.span(),
                            "output `" + name + "` outputs " + units + (units == 1 ? " value" : " values") + " per sample, but its label names "
                                    + columns + " target columns")
                    .label("outputs " + last.output().keras())
                    .secondary(entry.span(), columns + " target columns")
                    .help(widthLayer != null && widthLayer.kind() == LayerKind.DENSE
                            ? "use `Dense(" + columns + ")` for this output" : "end this output with `Dense(" + columns + ")`"));
            return null;
        }
        boolean real = loss.regression() && vector && units == columns;
        checkAgainstModel(loss, path, real && data.classes() > 0
                ? new DataSpec(data.source(), data.sampleShape(), 0, data.scale(), data.oneHot(), data.span()) : data);
        if (real) {
            for (Map.Entry<Metric, Span> e : metricSpans.entrySet()) {
                if (e.getKey() == Metric.MAE || e.getKey() == Metric.MSE) continue;
                diagnostics.report(Diagnostic.warning(Code.DLM1432, e.getValue(),
                                "`" + e.getKey() + "` compares class labels, but output `" + name + "` trains on the real values of " + written)
                        .secondary(entry.span(), "regression targets")
                        .note("the targets of a regression have no classes to count")
                        .help("use `[mae]` (or mse) as this output's metrics"));
            }
        }
        return new dev.dlm.compiler.ir.DataSource.OutputLabels(name, entry.columns(), real);
    }

    /**
     * The entries of a per-output setting in the outputs' order (null where a {@code dict}
     * leaves an output out), or null after reporting: a list of the wrong length, a
     * {@code dict} key that names no output, or (when {@code everyOutput}) an output without an entry.
     */
    private List<Value> place(List<Keyed> entries, String setting, List<String> names, List<String> tensors, boolean everyOutput) {
        if (entries == null) return null;
        Value whole = setting.equals("loss") ? lossValue : setting.equals("metrics") ? metricsValue : weightsValue;
        String outputs = names.stream().map(x -> "`" + x + "`").collect(java.util.stream.Collectors.joining(", "));
        if (!isDict(whole)) {
            if (entries.size() != names.size()) {
                diagnostics.report(Diagnostic.error(Code.DLM1483, whole.span(),
                                "`" + setting + "` has " + entries.size() + (entries.size() == 1 ? " entry" : " entries")
                                        + ", but the model has " + names.size() + " outputs (" + outputs + ")")
                        .help("give one entry per output, in the order of `outputs=[...]`"
                                + (setting.equals("loss") ? ", or one loss for every output" : "")));
                return null;
            }
            return entries.stream().map(Keyed::value).toList();
        }
        Value[] placed = new Value[names.size()];
        boolean ok = true;
        for (Keyed e : entries) {
            int at = names.indexOf(e.key());
            if (at < 0) {
                var d = Diagnostic.error(Code.DLM1483, e.keySpan(), "the model has no output named `" + e.key() + "`")
                        .label("not an output")
                        .note("Keras names an output after the layer that produces it: " + outputs);
                int tensor = tensors.indexOf(e.key());
                String hint = Names.didYouMean(e.key(), names);
                d.help(tensor >= 0 ? "`" + e.key() + "` is the tensor; write `" + names.get(tensor) + "=`, or give its layer `name='" + e.key() + "'`"
                        : hint != null ? hint : "outputs: " + outputs);
                diagnostics.report(d);
                ok = false;
            } else if (placed[at] != null) {
                diagnostics.report(Diagnostic.error(Code.DLM0102, e.keySpan(), "output `" + e.key() + "` is given twice in `" + setting + "`"));
                ok = false;
            } else {
                placed[at] = e.value();
            }
        }
        if (ok && everyOutput) {
            for (int i = 0; i < placed.length; i++) {
                if (placed[i] == null) {
                    diagnostics.report(Diagnostic.error(Code.DLM1483, whole.span(), "`" + setting + "` has no entry for output `" + names.get(i) + "`")
                            .note("Keras requires a loss for every output of the dict")
                            .help("add `" + names.get(i) + "=...` to the dict"));
                    ok = false;
                }
            }
        }
        return ok ? java.util.Arrays.asList(placed) : null;
    }

    /** The loss the last {@link #check} resolved, even when other settings had errors; null if none. */
    Loss resolvedLoss() { return resolvedLoss; }

    /** The last layer whose arguments choose the output's width (Dense, a convolution, a recurrent layer). */
    private static CheckedLayer widthLayer(List<CheckedLayer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            CheckedLayer l = layers.get(i);
            if (LayerCatalogue.rule(l.kind()).setsWidth()) return l;
        }
        return null;
    }

    /** The activation applied last, skipping layers that only move values around; null if unknown. */
    static Activation finalActivation(List<CheckedLayer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            CheckedLayer l = layers.get(i);
            var rule = LayerCatalogue.rule(l.kind());
            if (rule.preservesValues()) continue;
            return rule.activation(l.config());
        }
        return null;
    }
}
