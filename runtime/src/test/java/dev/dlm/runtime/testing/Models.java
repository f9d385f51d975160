package dev.dlm.runtime.testing;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerConfig;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.Optimizer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds checked models by hand, as the compiler would: layers with Keras's default
 * arguments, output shapes and parameter specs. Each layer call takes the previous layer's
 * output shape as its input.
 */
public final class Models {

    private final Shape input;
    private final List<CheckedLayer> layers = new ArrayList<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private String loss = "categorical_crossentropy";
    private Optimizer optimizer = optimizer("adam");
    private int epochs = 1;
    private int batchSize = 32;
    private double validationSplit = 0;
    private Long seed = 1L;
    private boolean shuffle = true;
    private DataSpec data;
    private dev.dlm.compiler.ir.LearningRateSchedule schedule;
    private dev.dlm.compiler.ir.LossOptions lossOptions;
    private List<Metric> metrics = List.of(Metric.ACCURACY);
    private dev.dlm.compiler.ir.MetricOptions metricOptions = dev.dlm.compiler.ir.MetricOptions.DEFAULT;

    private Models(Shape input) { this.input = input; }

    public static Models input(long... dims) { return new Models(Shape.of(dims)); }

    /** Keras's default hyper-parameters of an optimizer, overridden by {@code pairs} (key, value, ...); flags as 0/1. */
    public static Optimizer optimizer(String name, Object... pairs) {
        Catalogs.OptimizerForm form = Catalogs.OPTIMIZERS.get(name);
        if (form == null) throw new IllegalArgumentException(name);
        Map<String, Object> hyper = new LinkedHashMap<>(form.defaults());
        for (int i = 0; i < pairs.length; i += 2) {
            Object old = hyper.get((String) pairs[i]);
            double v = ((Number) pairs[i + 1]).doubleValue();
            hyper.put((String) pairs[i], old instanceof Boolean ? (Object) (v != 0) : (Object) v);
        }
        return form.build().apply(hyper);
    }

    public Shape last() { return layers.isEmpty() ? input : layers.get(layers.size() - 1).output(); }

    public Models loss(String name) { loss = name; return this; }
    /** The loss's Keras arguments ({@code from_logits}, {@code label_smoothing}, {@code delta}). */
    public Models lossOptions(dev.dlm.compiler.ir.LossOptions options) { lossOptions = options; return this; }
    /** The metrics the model reports (default: accuracy). */
    public Models metrics(Metric... m) { metrics = List.of(m); return this; }

    /** The metrics' arguments ({@code k}, {@code num_thresholds}, {@code curve}). */
    public Models metricOptions(dev.dlm.compiler.ir.MetricOptions o) { metricOptions = o; return this; }
    public Models optimizer(Optimizer spec) { optimizer = spec; return this; }
    public Models epochs(int n) { epochs = n; return this; }
    public Models batchSize(int n) { batchSize = n; return this; }
    public Models validationSplit(double fraction) { validationSplit = fraction; return this; }
    public Models seed(Long s) { seed = s; return this; }
    public Models shuffle(boolean on) { shuffle = on; return this; }
    /** The optimizer's rate as a schedule (null: the optimizer's constant rate). */
    public Models schedule(dev.dlm.compiler.ir.LearningRateSchedule s) { schedule = s; return this; }
    /** Samples arrive shaped {@code dims} and are reshaped to the model's input. */
    public Models data(long... dims) {
        data = new DataSpec(new DataSource.Mnist(), Shape.of(dims), 10, 1 / 255.0, true, null);
        return this;
    }

    public Models add(String kind, Map<String, Object> config, Shape output, ParamSpec... params) {
        return add(nextName(kind), kind, config, output, params);
    }

    public Models add(String name, String kind, Map<String, Object> config, Shape output, ParamSpec... params) {
        LayerKind k = LayerKind.byKerasName(kind);
        if (k == null) throw new IllegalArgumentException("no layer kind " + kind);
        layers.add(new CheckedLayer(name, k, new LayerConfig(config), List.of(last()), output, List.of(params),
                LayerCost.of(output.elements(), output.elements()), null));
        return this;
    }

    /** The last layer added, e.g. to wrap it in Bidirectional. */
    public CheckedLayer removeLast() { return layers.remove(layers.size() - 1); }

    public CheckedModel build() {
        TrainSpec train = new TrainSpec(Loss.byName(loss), optimizer, metrics, epochs, batchSize, validationSplit,
                false, seed, shuffle, null, schedule, List.of(), lossOptions, metricOptions);
        return new CheckedModel("test", data, LayerGraph.sequential(input, layers), train, List.of(), null);
    }

    private String nextName(String kind) {
        String base = kind.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                .replace("1_d", "1d").replace("2_d", "2d");
        int n = counters.merge(base, 1, Integer::sum);
        return base + "_" + n;
    }

    // ---- layers with Keras's defaults ----

    public Models dense(long units, String activation) { return dense(units, activation, true); }

    public Models dense(long units, String activation, boolean useBias) {
        long in = last().last();
        List<ParamSpec> params = new ArrayList<>();
        params.add(ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, null, in, units));
        if (useBias) params.add(ParamSpec.trainable("bias", Initializer.ZEROS, null, units));
        return add("Dense", config("units", units, "activation", activation, "use_bias", useBias),
                last().withLast(units), params.toArray(ParamSpec[]::new));
    }

    public Models activation(String name) {
        return add("Activation", config("activation", name), last());
    }

    public Models dropout(double rate) {
        return dropout(rate, null);
    }

    public Models dropout(double rate, Long seed) {
        return add("Dropout", config("rate", rate, "seed", seed), last());
    }

    /** SpatialDropout1D over a {@code [steps, channels]} input: one mask value per sample and channel. */
    public Models spatialDropout1d(double rate) {
        return add("SpatialDropout1D", config("rate", rate, "seed", null), last());
    }

    /** TimeDistributed(Dropout(rate)) over a {@code [steps, features...]} input. */
    public Models timeDistributedDropout(double rate) {
        Shape step = new Shape(last().dims().subList(1, last().rank()));
        CheckedLayer inner = new CheckedLayer(nextName("Dropout"), LayerKind.DROPOUT, new LayerConfig(config("rate", rate, "seed", null)),
                List.of(step), step, List.of(), LayerCost.of(step.elements(), step.elements()), null);
        return add("TimeDistributed", config("layer", inner), last());
    }

    public Models flatten() {
        return add("Flatten", config(), Shape.of(last().elements()));
    }

    public Models reshape(long... target) {
        return add("Reshape", config("target_shape", Shape.of(target).dims()), Shape.of(target));
    }

    public Models conv2d(long filters, long k, long stride, String padding, long dilation, String activation) {
        Shape in = last();
        long h = outSize(in.dim(0), k, stride, padding, dilation);
        long w = outSize(in.dim(1), k, stride, padding, dilation);
        return add("Conv2D", config("filters", filters, "kernel_size", List.of(k, k), "strides", List.of(stride, stride),
                        "padding", padding, "dilation_rate", List.of(dilation, dilation), "activation", activation, "use_bias", true),
                Shape.of(h, w, filters),
                ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, null, k, k, in.last(), filters),
                ParamSpec.trainable("bias", Initializer.ZEROS, null, filters));
    }

    public Models conv1d(long filters, long k, long stride, String padding, long dilation, String activation) {
        Shape in = last();
        long steps = outSize(in.dim(0), k, stride, padding, dilation);
        return add("Conv1D", config("filters", filters, "kernel_size", List.of(k), "strides", List.of(stride),
                        "padding", padding, "dilation_rate", List.of(dilation), "activation", activation, "use_bias", true),
                Shape.of(steps, filters),
                ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, null, k, in.last(), filters),
                ParamSpec.trainable("bias", Initializer.ZEROS, null, filters));
    }

    public Models pool2d(String kind, long size, long stride, String padding) {
        Shape in = last();
        return add(kind, config("pool_size", List.of(size, size), "strides", List.of(stride, stride), "padding", padding),
                Shape.of(outSize(in.dim(0), size, stride, padding, 1), outSize(in.dim(1), size, stride, padding, 1), in.last()));
    }

    public Models pool1d(String kind, long size, long stride, String padding) {
        Shape in = last();
        return add(kind, config("pool_size", List.of(size), "strides", List.of(stride), "padding", padding),
                Shape.of(outSize(in.dim(0), size, stride, padding, 1), in.last()));
    }

    public Models globalPool(String kind) {
        return add(kind, config("keepdims", false), Shape.of(last().last()));
    }

    public Models batchNorm() {
        long c = last().last();
        return add("BatchNormalization", config("axis", -1L, "momentum", 0.99, "epsilon", 0.001, "center", true, "scale", true),
                last(),
                ParamSpec.trainable("gamma", Initializer.ONES, null, c),
                ParamSpec.trainable("beta", Initializer.ZEROS, null, c),
                ParamSpec.frozen("moving_mean", Initializer.ZEROS, c),
                ParamSpec.frozen("moving_variance", Initializer.ONES, c));
    }

    public Models embedding(long inputDim, long outputDim) {
        return add("Embedding", config("input_dim", inputDim, "output_dim", outputDim),
                Shape.of(last().dim(0), outputDim),
                ParamSpec.trainable("embeddings", Initializer.EMBEDDING_UNIFORM, null, inputDim, outputDim));
    }

    /** SimpleRNN, LSTM or GRU with Keras's defaults except the arguments in {@code overrides} (key, value, ...). */
    public Models recurrent(String kind, long units, boolean returnSequences, Object... overrides) {
        Shape in = last();
        Map<String, Object> config = config("units", units, "activation", "tanh", "use_bias", true,
                "return_sequences", returnSequences, "dropout", 0.0, "recurrent_dropout", 0.0, "go_backwards", false);
        if (!kind.equals("SimpleRNN")) config.put("recurrent_activation", Activation.SIGMOID);
        if (kind.equals("LSTM")) config.put("unit_forget_bias", true);
        if (kind.equals("GRU")) config.put("reset_after", true);
        config.putAll(config(overrides));
        long gates = switch (kind) { case "LSTM" -> 4; case "GRU" -> 3; default -> 1; };
        boolean resetAfter = kind.equals("GRU") && (Boolean) config.get("reset_after");
        Initializer biasInit = kind.equals("LSTM") && (Boolean) config.get("unit_forget_bias")
                ? new Initializer.Segments(List.of(new Initializer.Segment(Initializer.ZEROS, units),
                        new Initializer.Segment(Initializer.ONES, units), new Initializer.Segment(Initializer.ZEROS, 2 * units)))
                : Initializer.ZEROS;
        ParamSpec bias = resetAfter ? ParamSpec.trainable("bias", biasInit, null, 2, gates * units)
                : ParamSpec.trainable("bias", biasInit, null, gates * units);
        Shape out = returnSequences ? Shape.of(in.dim(0), units) : Shape.of(units);
        return add(kind, config, out,
                ParamSpec.trainable("kernel", Initializer.GLOROT_UNIFORM, null, in.last(), gates * units),
                ParamSpec.trainable("recurrent_kernel", Initializer.ORTHOGONAL, null, units, gates * units),
                bias);
    }

    /** Wraps the last layer (a recurrent one) in Bidirectional. */
    public Models bidirectional(String mergeMode) {
        CheckedLayer inner = removeLast();
        List<ParamSpec> params = new ArrayList<>();
        for (String direction : List.of("forward_", "backward_")) {
            for (ParamSpec p : inner.params()) {
                params.add(new ParamSpec(direction + p.name(), p.shape(), p.initializer(), p.trainable(), p.regularizer()));
            }
        }
        long units = inner.output().last();
        Shape out = inner.output().withLast(mergeMode.equals("concat") ? 2 * units : units);
        return add("Bidirectional", config("layer", inner, "merge_mode", mergeMode), out, params.toArray(ParamSpec[]::new));
    }

    private static long outSize(long in, long k, long stride, String padding, long dilation) {
        long effective = (k - 1) * dilation + 1;
        return padding.equals("same") ? (in + stride - 1) / stride : (in - effective) / stride + 1;
    }

    /** A mutable config map from (key, value, ...) pairs; values may be null; activation names become {@link Activation}s. */
    public static Map<String, Object> config(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (((String) pairs[i]).endsWith("activation") && value instanceof String name) value = Activation.byName(name);
            map.put((String) pairs[i], value);
        }
        return map;
    }
}
