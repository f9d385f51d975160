package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.emit.EmitContext;
import dev.dlm.runtime.emit.Emitters;
import dev.dlm.runtime.emit.LayerParams;
import dev.dlm.runtime.emit.PoolFirst;
import dev.dlm.runtime.init.Initializers;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A checked model emitted as one TensorFlow graph with its session: the sample and target
 * placeholders, the scalar {@code training} switch (false unless fed), one variable per
 * weight (flat names such as {@code dense_1_kernel}; or one per column block of it,
 * {@code dense_kernel.block0}..., {@link Rewrites#denseColumnBlocks}), the prediction, the loss with its
 * regularization penalties, the correct-prediction count, and the training step (optimizer
 * updates over the trainable weights plus batch-norm statistics). Closing it frees both the
 * session and the graph.
 */
public final class ModelGraph implements AutoCloseable {

    static {
        NativeSettings.apply();
    }

    private final CheckedModel model;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> samples;
    private final Placeholder<TFloat32> targets;
    /** One target placeholder per model output ({@code y}, {@code y_1}, ...); the first is {@link #targets}. */
    private final List<Placeholder<TFloat32>> targetList = new ArrayList<>();
    private final Operand<TBool> training;
    private final Variable<TInt64> iterations;
    private final Operand<TFloat32> learningRate;
    private final Operand<TFloat32> prediction;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> correct;
    private final Op trainStep;
    private final List<Op> optimizerInitializers;
    /** Every weight by its flat variable name, with its spec, its owning layer and its assignment input. */
    private final Map<String, Weight> weights = new LinkedHashMap<>();
    private final Map<String, Operand<TFloat32>> gradients = new LinkedHashMap<>();
    /** Per batch, the summable statistics of what is streamed besides the loss and accuracy, in logging order. */
    private final List<Statistic> statistics = new ArrayList<>();
    /** The Dropout masks a training step may be fed ({@link Rewrites#fedMasks}), in {@link #drawMasks}'s order. */
    private final List<Operand<TFloat32>> fedMasks = new ArrayList<>();
    /** Draws {@link #fedMasks}; null when there are none. */
    private final MaskDrawer maskDrawer;
    /** The layers whose kernel and bias are column blocks ({@link Rewrites#denseColumnBlocks}), and how many. */
    private final java.util.Set<String> blockedLayers;
    private final int denseBlocks;
    /** Each column block's variable by its name: its place in the whole weight. */
    private final Map<String, Slice> blockSlices = new LinkedHashMap<>();
    private Saver saver;

    /**
     * A quantity streamed over an epoch: its logged name, the metric whose value it gives
     * ({@link Metrics#value}; null for a per-output loss, whose batch sum is divided by the
     * samples), and its per-batch statistics vector.
     */
    record Statistic(String name, dev.dlm.compiler.ir.Metric metric, Operand<TFloat32> value) {
        /** The epoch's value from the summed statistics over {@code samples}. */
        double valueOf(double[] sums, long samples, dev.dlm.compiler.ir.MetricOptions options) {
            return metric == null ? sums[0] / samples : Metrics.value(metric, options, sums, samples);
        }
    }

    /**
     * A weight: its variable, or its column blocks' variables ({@code parts}, in column order;
     * {@link Rewrites#denseColumnBlocks}); {@code value} reads it whole (the variable itself, or
     * the blocks side by side); {@code assign} sets it (every block) from {@code newValue}.
     */
    private record Weight(CheckedLayer layer, ParamSpec spec, List<Variable<TFloat32>> parts, Operand<TFloat32> value,
                          Placeholder<TFloat32> newValue, Op assign) {}

    /**
     * Where a block's variable (or one of its optimizer slots) lies in the whole tensor a
     * checkpoint holds: {@code name}, of {@code shape}, columns {@code begin} to
     * {@code begin + size} of the last axis.
     */
    private record Slice(String name, long[] shape, long begin, long size) {
        /** TensorFlow's {@code shape_and_slices} entry: the whole shape, then {@code start,length} or {@code -} per axis. */
        String spec() {
            StringBuilder out = new StringBuilder();
            for (long d : shape) out.append(d).append(' ');
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) out.append(':');
                out.append(i == shape.length - 1 ? begin + "," + size : "-");
            }
            return out.toString();
        }
    }

    /** The checkpoint's ops, added at the first {@link #save} or {@link #restore}. */
    private record Saver(Placeholder<org.tensorflow.types.TString> prefix, Op save, Op restore) {}

    /**
     * The training graph's rewrites, each exact (the same values and gradients as the layers as
     * written, or within what a test pins); {@link #build(CheckedModel, RunOptions, long)} takes
     * {@link #forThreads}'s choice. Tests turn one off to compare the two forms. {@code productGradients}:
     * the recurrent kernels' gradients as one product over all steps ({@link #differentiate}),
     * against autodiff's one product per step summed, and the convolutions' biases fused into
     * them with their gradient a {@code Sum} ({@link EmitContext#convolutionBias}), against a
     * broadcast {@code Add} that autodiff differentiates. {@code fedMasks}: Dropout masks that the
     * trainer may draw ahead of the step and feed ({@link MaskDrawer}), against masks drawn
     * inside the step only. {@code recurrentLanes}: the groups of batch rows a recurrence runs
     * in, side by side on the inter-op threads ({@link EmitContext#runRecurrencesInLanes}; 1:
     * the whole batch in one chain). {@code batchLanes}: for a model whose batch
     * {@link RunOptions#lanesTheBatch lanes}, the lanes of rows the whole model is emitted for
     * ({@link EmitContext#beginLane}; 1: the whole batch at once). {@code denseColumnBlocks}: for
     * the Dense layers {@link RunOptions#denseInColumnBlocks} names, the column blocks their
     * kernel and bias are kept as, one variable each (1: whole).
     */
    record Rewrites(boolean poolFirst, boolean productGradients, boolean fedMasks, int recurrentLanes, int batchLanes,
                    int denseColumnBlocks) {
        static final Rewrites ALL = new Rewrites(true, true, true, 2, 2, 2);
        static final Rewrites NONE = new Rewrites(false, false, false, 1, 1, 1);

        /** These rewrites with the recurrent kernels' gradients over all steps on or off. */
        Rewrites withProductGradients(boolean on) { return new Rewrites(poolFirst, on, fedMasks, recurrentLanes, batchLanes, denseColumnBlocks); }

        /** These rewrites with the recurrences in {@code lanes} lanes. */
        Rewrites withRecurrentLanes(int lanes) { return new Rewrites(poolFirst, productGradients, fedMasks, lanes, batchLanes, denseColumnBlocks); }

        /** These rewrites with the batch in {@code lanes} lanes (for a model whose batch lanes). */
        Rewrites withBatchLanes(int lanes) { return new Rewrites(poolFirst, productGradients, fedMasks, recurrentLanes, lanes, denseColumnBlocks); }

        /** These rewrites with the chosen Dense layers' weights in {@code blocks} column blocks. */
        Rewrites withDenseColumnBlocks(int blocks) { return new Rewrites(poolFirst, productGradients, fedMasks, recurrentLanes, batchLanes, blocks); }

        /**
         * The rewrites for a session of these threads. The product over all steps costs less CPU
         * (the SimpleRNN's step -8 %) but can only start when the whole backward chain is done,
         * where autodiff's per-step products run beside the chain on a second thread: with two
         * threads the book's SimpleRNN took 4-6 % more wall time a step with it
         * (docs/benchmarks.md), so it is taken on one intra-op thread, or with lanes, where the
         * two chains keep both threads busy and each lane's product over its own steps runs beside
         * the other's (autodiff's per-step products cost more). Masks are fed on the
         * CPU, where their draw took ~14 % of the MLP's one-thread step; a GPU draws them in
         * the step at little cost, where a feed would copy them to the device. A recurrence
         * runs in two lanes on a CPU session of two or more inter-op threads: oneDNN takes a
         * recurrent step's product ([128, 256] by [256, 256] for the book's SimpleRNN) on one
         * thread whatever the intra-op count, so one chain kept a core idle (docs/benchmarks.md,
         * "SimpleRNN: the recurrence in two lanes"). Four lanes on two threads were slower than
         * two (61.9 against 55.5 µs a step of a scratch chain), and no more cores were at hand,
         * so two is the most. The batch of a convolutional model runs in
         * two lanes on the same sessions ({@link RunOptions#lanesTheBatch}): the book's CNN's
         * convolutions gained 1.48x from a second intra-op thread, and two lanes on one each more
         * (docs/benchmarks.md, "CNN: the batch in two lanes"). On the same sessions a large
         * first Dense layer's weights are two column blocks ({@link RunOptions#denseInColumnBlocks}):
         * the book's MLP spends most of its step on its first kernel's product, gradient and
         * update, which the two blocks share between the threads (docs/benchmarks.md, "MLP: the
         * first Dense layer in two column blocks").
         */
        static Rewrites forThreads(RunOptions options) {
            boolean cpu = !options.device().equals("gpu");
            int lanes = cpu && options.interOpThreads() >= 2 ? 2 : 1;
            return new Rewrites(true, options.intraOpThreads() == 1 || lanes > 1, cpu, lanes, lanes, lanes);
        }
    }

    private ModelGraph(CheckedModel model, RunOptions options, long seed, Rewrites rewrites) {
        this.model = model;
        this.graph = new Graph();
        boolean built = false;
        try {
            DeviceSpec device = DeviceSpec.newBuilder()
                    .deviceType(options.device().equals("gpu") ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
                    .deviceIndex(0).build();
            Ops tf = Ops.create(graph).withDevice(device);
            // One placeholder for the data's sample: every model input reads it (reshaped to the
            // input's shape), so a Y-network's two inputs get the same image fed once.
            Shape sample = model.data() != null && model.data().sampleShape() != null ? model.data().sampleShape()
                    : model.graph().inputs().get(0).shape();
            samples = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(batched(sample)));
            for (int i = 0; i < model.graph().outputs().size(); i++) {
                Shape shape = model.graph().shapeOf(model.graph().outputs().get(i));
                targetList.add(tf.withName(i == 0 ? "y" : "y_" + i).placeholder(TFloat32.class, Placeholder.shape(batched(shape))));
            }
            targets = targetList.get(0);
            training = tf.withName("training").placeholderWithDefault(tf.constant(false), org.tensorflow.ndarray.Shape.scalar());
            iterations = tf.withName("optimizer_iterations").variable(org.tensorflow.ndarray.Shape.scalar(), TInt64.class);
            learningRate = tf.withName("learning_rate").placeholderWithDefault(
                    tf.constant((float) model.train().learningRate().rate(0)), org.tensorflow.ndarray.Shape.scalar());
            blockedLayers = rewrites.denseColumnBlocks() > 1 ? RunOptions.denseInColumnBlocks(model) : java.util.Set.of();
            denseBlocks = rewrites.denseColumnBlocks();
            EmitContext ctx = new EmitContext(tf, training, seed, tf.identity(iterations), rewrites.productGradients());
            if (rewrites.fedMasks()) ctx.feedMasks();
            ctx.runRecurrencesInLanes(rewrites.recurrentLanes());

            // Every tensor of the layer graph by name; nodes come in a topological order.
            Map<String, Operand<TFloat32>> tensors;
            // A shared layer's weights are created at its first node and reused by the others (and lanes).
            Map<String, LayerParams> paramsByLayer = new LinkedHashMap<>();
            // Pooling node -> the convolution node whose activation it applies after pooling.
            Map<String, LayerNode> pooledFirst = rewrites.poolFirst() ? poolFirstPairs(model) : Map.of();
            int lanes = rewrites.batchLanes() > 1 && RunOptions.lanesTheBatch(model) ? rewrites.batchLanes() : 1;
            if (lanes == 1) {
                tensors = emitLayers(tf, ctx, pooledFirst, samples, sample, paramsByLayer);
            } else {
                // The whole model once per lane of the batch's rows, side by side on the inter-op threads.
                Operand<TInt32> batch = tf.slice(tf.shape(samples), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
                List<Operand<TInt32>> rows = ctx.laneRows(batch, lanes);
                List<Map<String, Operand<TFloat32>>> byLane = new ArrayList<>();
                for (int l = 0; l < lanes; l++) {
                    ctx.beginLane(l, lanes, batch, rows);
                    byLane.add(emitLayers(tf, ctx, pooledFirst, tf.gather(samples, rows.get(l), tf.constant(0)), sample, paramsByLayer));
                }
                ctx.endLanes();
                tensors = new LinkedHashMap<>();
                for (var output : model.graph().outputs()) {
                    tensors.put(output, wholeBatchOutput(tf, ctx, byLane.stream().map(t -> t.get(output)).toList(), batch));
                }
            }
            Operand<TFloat32> x = tensors.get(model.graph().outputs().get(0));
            prediction = tf.withName("prediction").identity(x);
            var perOutput = model.train().outputs();
            if (perOutput.isEmpty()) {
                loss = tf.withName("loss").math.add(Losses.mean(tf, model.train().loss(), model.train().lossOptions(), x, targets), penalties(tf));
                correct = Metrics.correctCount(tf, model.train().loss(), x, targets);
                for (var metric : Metrics.streamed(model.train().metrics())) {
                    statistics.add(new Statistic(metric.kerasName(), metric,
                            tf.withName("metric_" + metric.kerasName()).identity(Metrics.statistics(tf, metric, model.train().metricOptions(), x, targets))));
                }
            } else {
                loss = tf.withName("loss").identity(severalOutputs(tf, tensors, perOutput));
                // Accuracy belongs to each output (`dense_1_accuracy`): no model-wide count.
                correct = tf.constant(0f);
            }

            List<Variable<TFloat32>> trainable = new ArrayList<>();
            for (Weight w : weights.values()) if (w.spec().trainable()) trainable.addAll(w.parts());
            List<Operand<TFloat32>> grads = differentiate(tf, trainable, ctx.products(), ctx.rowProducts(), ctx.biases(),
                    rewrites.recurrentLanes());
            wholeGradients(tf, trainable, grads);
            List<Op> gates = new ArrayList<>(grads);
            gates.add(loss);
            gates.add(correct);
            statistics.forEach(st -> gates.add(st.value()));
            Optimizers.Update update = Optimizers.build(tf, model.train().optimizer(), iterations, learningRate,
                    trainable, grads, gates);
            List<Op> stepOps = new ArrayList<>(ctx.trainingUpdates());
            stepOps.add(update.step());
            trainStep = tf.withName("train_step").withControlDependencies(stepOps).noOp();
            optimizerInitializers = update.initializers();

            ConfigProto config = NativeSettings.sessionConfig(options.intraOpThreads(), options.interOpThreads())
                    .setAllowSoftPlacement(true)
                    .build();
            session = new Session(graph, config);
            for (EmitContext.FedMask mask : ctx.fedMasks()) fedMasks.add(mask.placeholder());
            try {
                maskDrawer = fedMasks.isEmpty() ? null : new MaskDrawer(ctx.fedMasks());
            } catch (RuntimeException | Error e) {
                session.close();
                throw e;
            }
            built = true;
        } finally {
            if (!built) graph.close();
        }
    }

    /**
     * Emits {@code model} for {@code options.device()} and sets every weight to its
     * initializer's values drawn from {@code seed}. Throws {@link TrainingException} when a
     * GPU is requested but TensorFlow sees none.
     */
    public static ModelGraph build(CheckedModel model, RunOptions options, long seed) {
        return build(model, options, seed, Rewrites.forThreads(options));
    }

    /** As {@link #build(CheckedModel, RunOptions, long)}, with only the given rewrites. */
    static ModelGraph build(CheckedModel model, RunOptions options, long seed, Rewrites rewrites) {
        if (options.device().equals("gpu")) Devices.requireGpu();
        ModelGraph graph = new ModelGraph(model, options, seed, rewrites);
        try {
            graph.initialize(seed);
            return graph;
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    public CheckedModel model() { return model; }

    public Session session() { return session; }

    public Graph graph() { return graph; }

    Placeholder<TFloat32> samples() { return samples; }

    Placeholder<TFloat32> targets() { return targets; }

    Operand<TBool> training() { return training; }

    Operand<TFloat32> loss() { return loss; }

    Operand<TFloat32> correct() { return correct; }

    Op trainStep() { return trainStep; }

    /**
     * The Dropout masks a training step may be fed: each defaults to the mask the step draws
     * itself, and {@link #drawMasks} draws the same ones outside the step.
     */
    List<Operand<TFloat32>> fedMasks() { return fedMasks; }

    /**
     * The {@link #fedMasks} of the training step at global step {@code globalStep} (the
     * optimizer's iteration count before it) over {@code rows} samples, in their order; null
     * when the graph has none. Safe to call from another thread while a step runs.
     */
    public Result drawMasks(long globalStep, int rows) {
        return maskDrawer == null ? null : maskDrawer.draw(globalStep, rows);
    }

    /** What is streamed besides the loss and accuracy, one statistics vector each per batch, in logging order. */
    List<Statistic> statistics() { return statistics; }

    /** The target placeholder of each output, in the model's output order. */
    List<Placeholder<TFloat32>> targetList() { return targetList; }

    /**
     * Keras's total loss of a model with several outputs (issue 14): the sum of each output's
     * loss times its weight, plus the regularization penalties. Streams each output's loss as
     * {@code <name>_loss} and its metrics as {@code <name>_<metric>} (Keras 3's names).
     */
    private Operand<TFloat32> severalOutputs(Ops tf, Map<String, Operand<TFloat32>> tensors,
                                             List<dev.dlm.compiler.ir.OutputTraining> perOutput) {
        Operand<TFloat32> total = penalties(tf);
        List<Statistic> metrics = new ArrayList<>();
        for (int i = 0; i < perOutput.size(); i++) {
            var o = perOutput.get(i);
            Operand<TFloat32> out = tensors.get(model.graph().outputs().get(i));
            Placeholder<TFloat32> y = targetList.get(i);
            Operand<TFloat32> outputLoss = Losses.mean(tf, o.loss(), o.lossOptions(), out, y);
            total = tf.math.add(total, tf.math.mul(tf.constant((float) o.weight()), outputLoss));
            Operand<TFloat32> count = tf.dtypes.cast(tf.slice(tf.shape(out), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
                    TFloat32.class);
            statistics.add(new Statistic(o.name() + "_loss", null, tf.withName("metric_" + o.name() + "_loss").math.mul(outputLoss, count)));
            for (var m : o.metrics()) {
                Operand<TFloat32> value = m == dev.dlm.compiler.ir.Metric.ACCURACY
                        ? tf.reshape(Metrics.correctCount(tf, o.loss(), out, y), tf.constant(new int[] {1}))
                        : Metrics.statistics(tf, m, model.train().metricOptions(), out, y);
                String name = o.name() + "_" + m.kerasName();
                metrics.add(new Statistic(name, m, tf.withName("metric_" + name).identity(value)));
            }
        }
        statistics.addAll(metrics);
        return total;
    }

    /** The gradient operand of a trainable weight, by variable name (tests inspect how it is formed). */
    Operand<TFloat32> gradient(String name) { return gradients.get(name); }

    /** The rate the optimizer applies: a scalar input, fed each step with the schedule's value. */
    Operand<TFloat32> learningRate() { return learningRate; }

    /** The number of optimizer updates applied so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        try (Result result = session.runner().fetch(iterations).run()) {
            return ((TInt64) result.get(0)).getLong();
        }
    }

    /**
     * Writes every variable (weights, optimizer slots, the iteration count) as a TensorFlow
     * checkpoint with the file prefix {@code prefix} ({@code prefix.index},
     * {@code prefix.data-00000-of-00001}).
     */
    public void save(java.nio.file.Path prefix) { runSaver(prefix, saver().save()); }

    /**
     * Reads back every variable {@link #save} wrote, by its name: a weight kept as column blocks
     * reads its blocks' slices of the whole tensor, so a checkpoint is the same whatever the
     * blocks of the graph that wrote it or of the one that reads it.
     */
    public void restore(java.nio.file.Path prefix) { runSaver(prefix, saver().restore()); }

    private void runSaver(java.nio.file.Path prefix, Op target) {
        try (org.tensorflow.types.TString name = org.tensorflow.types.TString.scalarOf(prefix.toString())) {
            session.runner().feed(saver().prefix(), name).addTarget(target).run().close();
        }
    }

    /**
     * One {@code SaveV2} and one {@code RestoreV2} over every variable of the graph (weights,
     * optimizer slots, the iteration count), each under its own name as TensorFlow Java's
     * {@code Session.save} writes it, except that a column block's variable (and each of its
     * slots) is written as its slice of the whole weight's tensor (and slot), under the whole
     * one's name: TensorFlow's checkpoints hold a tensor in slices and read any slice of a tensor
     * written whole or in slices.
     */
    private synchronized Saver saver() {
        if (saver != null) return saver;
        List<String> names = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        List<Operand<?>> values = new ArrayList<>();
        List<Class<? extends org.tensorflow.types.family.TType>> types = new ArrayList<>();
        for (var it = graph.operations(); it.hasNext(); ) {
            org.tensorflow.GraphOperation op = it.next();
            if (!op.type().equals("VariableV2")) continue;
            Slice slice = sliceOf(op);
            names.add(slice == null ? op.name() : slice.name());
            specs.add(slice == null ? "" : slice.spec());
            values.add(op.output(0));
            types.add(op.output(0).type());
        }
        Ops tf = Ops.create(graph).withSubScope("dlm_checkpoint");
        Placeholder<org.tensorflow.types.TString> prefix = tf.placeholder(org.tensorflow.types.TString.class);
        var nameTensor = tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(names.toArray(String[]::new)));
        var specTensor = tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(specs.toArray(String[]::new)));
        Op save = tf.train.save(prefix, nameTensor, specTensor, values);
        var restored = tf.train.restore(prefix, nameTensor, specTensor, types);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) assigns.add(assignRaw(tf, values.get(i), restored.tensors().get(i)));
        saver = new Saver(prefix, save, tf.withControlDependencies(assigns).noOp());
        return saver;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Op assignRaw(Ops tf, Operand<?> variable, Operand<?> value) {
        return tf.assign((Operand) variable, (Operand) value);
    }

    /**
     * The slice of a whole tensor that {@code variable} holds: a column block's, or a slot of
     * one (named after its variable: {@code <block>_<role>}, its shape); null for a whole one.
     */
    private Slice sliceOf(org.tensorflow.GraphOperation variable) {
        String name = variable.name();
        Slice block = blockSlices.get(name);
        if (block != null) return block;
        for (var e : blockSlices.entrySet()) {
            if (!name.startsWith(e.getKey() + "_")) continue;
            Slice of = e.getValue();
            long[] own = variable.output(0).shape().asArray();
            long[] expected = of.shape().clone();
            expected[expected.length - 1] = of.size();
            if (!java.util.Arrays.equals(own, expected)) {
                throw new IllegalStateException("internal error: variable " + name + " of shape " + java.util.Arrays.toString(own)
                        + " is not a slot of the column block " + e.getKey());
            }
            return new Slice(of.name() + name.substring(e.getKey().length()), of.shape(), of.begin(), of.size());
        }
        return null;
    }

    public Operand<TFloat32> prediction() { return prediction; }

    /** The flat variable names of all weights, in layer order. */
    public List<String> weightNames() { return List.copyOf(weights.keySet()); }

    /** Sets every weight to its initializer's values (seeded per weight) and resets the optimizer. */
    public void initialize(long seed) {
        List<TFloat32> values = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            int index = 0;
            for (Weight w : weights.values()) {
                long weightSeed = new SplittableRandom(seed + index++).nextLong();
                TFloat32 value = tensor(w.spec().shape(), initialValues(w, weightSeed));
                values.add(value);
                runner.feed(w.newValue(), value).addTarget(w.assign());
            }
            for (Op init : optimizerInitializers) runner.addTarget(init);
            runner.run().close();
        } finally {
            values.forEach(TFloat32::close);
        }
    }

    private static float[] initialValues(Weight w, long seed) {
        return Initializers.values(w.spec().initializer(), w.spec().shape(), seed);
    }

    /** The current values of a weight, row-major. */
    public float[] weight(String name) {
        try (Result result = session.runner().fetch(require(name).value()).run()) {
            return toArray((TFloat32) result.get(0));
        }
    }

    /** Overwrites a weight with {@code values} (row-major, its full size). */
    public void setWeight(String name, float[] values) {
        Weight w = require(name);
        try (TFloat32 value = tensor(w.spec().shape(), values)) {
            session.runner().feed(w.newValue(), value).addTarget(w.assign()).run().close();
        }
    }

    /** The model's prediction for {@code count} samples (row-major), with training off. */
    public float[] predict(float[] x, int count) { return predict(x, count, false); }

    /** The model's prediction with training on (dropout active, batch statistics) or off; updates nothing. */
    public float[] predict(float[] x, int count, boolean training) {
        try (TFloat32 input = batch(samples, x, count);
             TBool mode = TBool.scalarOf(training);
             Result result = session.runner().feed(samples, input).feed(this.training, mode).fetch(prediction).run()) {
            return toArray((TFloat32) result.get(0));
        }
    }

    /**
     * The loss on one batch and its gradient with respect to every trainable weight, without
     * updating anything; {@code training} switches dropout and batch statistics on.
     */
    public LossAndGradients lossAndGradients(float[] x, float[] y, int count, boolean training) {
        try (TFloat32 input = batch(samples, x, count);
             TFloat32 target = batch(targets, y, count);
             TBool mode = TBool.scalarOf(training)) {
            Session.Runner runner = session.runner().feed(samples, input).feed(targets, target)
                    .feed(this.training, mode).fetch(loss);
            gradients.values().forEach(runner::fetch);
            try (Result result = runner.run()) {
                Map<String, float[]> byName = new LinkedHashMap<>();
                int i = 1;
                for (String name : gradients.keySet()) byName.put(name, toArray((TFloat32) result.get(i++)));
                return new LossAndGradients(((TFloat32) result.get(0)).getFloat(), byName);
            }
        }
    }

    /** A loss value and the gradient of each trainable weight by variable name. */
    public record LossAndGradients(double loss, Map<String, float[]> gradients) {}

    @Override
    public void close() {
        try {
            if (maskDrawer != null) maskDrawer.close();
        } finally {
            try {
                session.close();
            } finally {
                graph.close();
            }
        }
    }

    /**
     * The variable of {@code layer}'s weight {@code spec}, or {@code blocks} variables, each a
     * block of its last axis' columns ({@code <name>.block<i>}, the first blocks one column wider
     * when they do not divide evenly).
     */
    private Weight createWeight(Ops tf, CheckedLayer layer, ParamSpec spec, int blocks) {
        String name = layer.name() + "_" + spec.name();
        if (name.contains("/")) throw new IllegalArgumentException("internal error: variable name with '/': " + name);
        long[] dims = spec.shape().stream().mapToLong(Long::longValue).toArray();
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
        Placeholder<TFloat32> newValue = tf.withName(name + "_value").placeholder(TFloat32.class, Placeholder.shape(shape));
        Weight weight;
        if (blocks == 1) {
            Variable<TFloat32> variable = tf.withName(name).variable(shape, TFloat32.class);
            Op assign = tf.withName(name + "_assign").assign(variable, newValue);
            weight = new Weight(layer, spec, List.of(variable), variable, newValue, assign);
        } else {
            int axis = dims.length - 1;
            long columns = dims[axis];
            List<Variable<TFloat32>> parts = new ArrayList<>();
            List<Op> assigns = new ArrayList<>();
            long begin = 0;
            for (int b = 0; b < blocks; b++) {
                long size = columns / blocks + (b < columns % blocks ? 1 : 0);
                long[] partDims = dims.clone();
                partDims[axis] = size;
                long[] start = new long[dims.length];
                start[axis] = begin;
                Variable<TFloat32> part = tf.withName(name + ".block" + b).variable(org.tensorflow.ndarray.Shape.of(partDims), TFloat32.class);
                assigns.add(tf.assign(part, tf.slice(newValue, tf.constant(start), tf.constant(partDims))));
                blockSlices.put(part.op().name(), new Slice(name, dims, begin, size));
                parts.add(part);
                begin += size;
            }
            Op assign = tf.withName(name + "_assign").withControlDependencies(assigns).noOp();
            weight = new Weight(layer, spec, List.copyOf(parts), tf.concat(List.<Operand<TFloat32>>copyOf(parts), tf.constant(axis)), newValue, assign);
        }
        weights.put(name, weight);
        return weight;
    }

    /**
     * Fills {@link #gradients}, by weight, from each trainable variable's gradient ({@code grads},
     * in {@code trainable}'s order): a weight kept as column blocks gets its blocks' gradients
     * side by side.
     */
    private void wholeGradients(Ops tf, List<Variable<TFloat32>> trainable, List<Operand<TFloat32>> grads) {
        Map<String, Operand<TFloat32>> byVariable = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) byVariable.put(trainable.get(i).op().name(), grads.get(i));
        weights.forEach((name, w) -> {
            if (!w.spec().trainable()) return;
            List<Operand<TFloat32>> parts = w.parts().stream().map(v -> byVariable.get(v.op().name())).toList();
            gradients.put(name, parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(w.spec().shape().size() - 1)));
        });
    }

    /** Keras's regularization: {@code l1 sum|w| + l2 sum w^2} per regularized weight, summed. */
    private Operand<TFloat32> penalties(Ops tf) {
        Operand<TFloat32> total = tf.constant(0f);
        for (Weight w : weights.values()) {
            Regularizer r = w.spec().regularizer();
            if (r == null) continue;
            Operand<org.tensorflow.types.TInt32> all = tf.constant(allAxes(w.spec().shape().size()));
            // Read the variable first: TensorFlow's C++ Square gradient crashes on a ref-typed input.
            Operand<TFloat32> value = tf.identity(w.value());
            if (r.l1() != 0) {
                total = tf.math.add(total, tf.math.mul(tf.constant((float) r.l1()), tf.sum(tf.math.abs(value), all)));
            }
            if (r.l2() != 0) {
                total = tf.math.add(total, tf.math.mul(tf.constant((float) r.l2()), tf.sum(tf.math.square(value), all)));
            }
        }
        return total;
    }

    /**
     * The loss's gradient with respect to each trainable weight, in {@code trainable}'s order.
     * A weight the emitters used in recorded products ({@link EmitContext#product}, the
     * recurrent kernels, read there through {@code StopGradient}) gets, besides what autodiff
     * gives it from its other uses, {@code concat(a_t)^T . concat(dO_t)} over its products
     * {@code o_t = a_t . W}: one matrix product over all steps where autodiff would make one
     * per step and sum them; or, where the emitter recorded {@link EmitContext.RowProducts}
     * (each {@code o_t} added to its step's rows of the input projection), {@code left^T} times
     * those rows of the projection's gradient, which autodiff forms anyway. A bias recorded by
     * {@link EmitContext#convolutionBias} (a {@code BiasAdd} read through {@code StopGradient})
     * gets its sum's gradient summed over every axis but the last. The {@code dO_t}, the
     * projection's and the sums' gradients come from the same backward pass as the weights'
     * gradients (one {@code addGradients} call for all).
     */
    @SuppressWarnings("unchecked")
    private List<Operand<TFloat32>> differentiate(Ops tf, List<Variable<TFloat32>> trainable,
                                                  List<EmitContext.RecordedProduct> recorded,
                                                  List<EmitContext.RowProducts> recordedRows,
                                                  List<EmitContext.RecordedBias> recordedBiases, int columnBlocks) {
        if (trainable.isEmpty()) return List.of();
        java.util.Set<String> trainableNames = new java.util.HashSet<>();
        for (Variable<TFloat32> v : trainable) trainableNames.add(v.op().name());
        // A frozen weight's products need no gradient.
        List<EmitContext.RecordedProduct> products = recorded.stream()
                .filter(p -> trainableNames.contains(p.weight().op().name())).toList();
        List<EmitContext.RowProducts> rows = recordedRows.stream()
                .filter(p -> trainableNames.contains(p.weight().op().name())).toList();
        List<EmitContext.RecordedBias> biases = recordedBiases.stream()
                .filter(b -> trainableNames.contains(b.bias().op().name())).toList();
        // addGradients refuses a weight the loss does not read at all (a one-step recurrent
        // layer's recurrent kernel: its first step has no previous state to multiply); Keras's
        // gradient of such a weight is zero (its step multiplies a zero state), and so is dlm's.
        java.util.Set<String> read = opsReadBy(loss);
        List<Variable<TFloat32>> reached = trainable.stream().filter(v -> read.contains(v.op().name())).toList();
        List<Output<?>> xs = new ArrayList<>();
        reached.forEach(v -> xs.add(v.asOutput()));
        products.forEach(p -> xs.add(p.product().asOutput()));
        rows.forEach(p -> xs.add(p.whole().asOutput()));
        biases.forEach(b -> xs.add(b.sum().asOutput()));
        Output<?>[] found = graph.addGradients(loss.asOutput(), xs.toArray(Output<?>[]::new));
        // In trainable's order, null where the loss does not read the weight, then the products', rows' and biases' gradients.
        Output<?>[] dys = new Output<?>[trainable.size() + products.size() + rows.size() + biases.size()];
        for (int i = 0, r = 0; i < trainable.size(); i++) {
            if (read.contains(trainable.get(i).op().name())) dys[i] = found[r++];
        }
        System.arraycopy(found, reached.size(), dys, trainable.size(), products.size() + rows.size() + biases.size());

        // Per weight and column block: the products' left operands and output gradients, in emission order.
        Map<String, Map<Integer, List<Operand<TFloat32>[]>>> pairs = new LinkedHashMap<>();
        for (int k = 0; k < products.size(); k++) {
            EmitContext.RecordedProduct p = products.get(k);
            pairs.computeIfAbsent(p.weight().op().name(), n -> new java.util.TreeMap<>())
                    .computeIfAbsent(p.block(), b -> new ArrayList<>())
                    .add(new Operand[] {p.left(), (Operand<TFloat32>) dys[trainable.size() + k]});
        }
        // A weight's row products (one per lane of a recurrence) share the column blocks: two lanes' products already run side by side.
        Map<String, Long> rowsPerWeight = rows.stream().collect(java.util.stream.Collectors.groupingBy(
                p -> p.weight().op().name(), java.util.stream.Collectors.counting()));
        Map<String, List<Operand<TFloat32>>> shares = new LinkedHashMap<>();
        for (int k = 0; k < rows.size(); k++) {
            EmitContext.RowProducts p = rows.get(k);
            Operand<TFloat32> dWhole = (Operand<TFloat32>) dys[trainable.size() + products.size() + k];
            int blocks = Math.max(1, columnBlocks / Math.toIntExact(rowsPerWeight.get(p.weight().op().name())));
            shares.computeIfAbsent(p.weight().op().name(), n -> new ArrayList<>())
                    .add(overTime(tf, p.left(), tf.slice(dWhole, p.begin(), p.size()), p.weight().shape().size(1), blocks));
        }
        // A recorded bias's share: its sum's gradient over every axis but the last, the Sum that
        // autodiff gives the bias of a broadcast Add (each lane's in turn, in emission order).
        for (int k = 0; k < biases.size(); k++) {
            EmitContext.RecordedBias b = biases.get(k);
            Operand<TFloat32> dSum = (Operand<TFloat32>) dys[trainable.size() + products.size() + rows.size() + k];
            int rank = b.sum().shape().numDimensions();
            if (rank < 2) throw new IllegalStateException("internal error: a recorded bias's sum of rank " + rank);
            int[] axes = java.util.stream.IntStream.range(0, rank - 1).toArray();
            shares.computeIfAbsent(b.bias().op().name(), n -> new ArrayList<>()).add(tf.sum(dSum, tf.constant(axes)));
        }
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < trainable.size(); i++) {
            Operand<TFloat32> dy = (Operand<TFloat32>) dys[i];
            String name = trainable.get(i).op().name();
            var byBlock = pairs.get(name);
            for (Operand<TFloat32> share : shares.getOrDefault(name, List.of())) dy = plus(tf, dy, share);
            if (byBlock != null) {
                int blocks = products.stream().filter(p -> p.weight().op().name().equals(name)).findFirst().orElseThrow().blocks();
                if (byBlock.size() != blocks) {
                    throw new IllegalStateException("internal error: products of " + name
                            + " cover " + byBlock.size() + " of its " + blocks + " column blocks");
                }
                List<Operand<TFloat32>> columns = new ArrayList<>();
                for (List<Operand<TFloat32>[]> blockPairs : byBlock.values()) {
                    List<Operand<TFloat32>> lefts = blockPairs.stream().map(a -> a[0]).toList();
                    List<Operand<TFloat32>> grads = blockPairs.stream().map(a -> a[1]).toList();
                    // One gate block (GRU's three gates in one product) is shared by the threads in
                    // column blocks; several gate blocks already are products of their own.
                    columns.add(overTime(tf, concatRows(tf, lefts), concatRows(tf, grads),
                            trainable.get(i).shape().size(1) / blocks, blocks == 1 ? columnBlocks : 1));
                }
                dy = plus(tf, dy, columns.size() == 1 ? columns.get(0) : tf.concat(columns, tf.constant(1)));
            }
            if (isNull(dy)) dy = tf.zeros(tf.constant(trainable.get(i).shape().asArray()), TFloat32.class);
            out.add(dy);
        }
        return out;
    }

    /**
     * {@code left^T . right}, in {@code blocks} blocks of the right operand's {@code columns}
     * columns when they divide evenly: oneDNN takes such a product on one thread whatever the
     * intra-op count, so the blocks are what lets the inter-op threads share it (a weight with
     * one row product per lane needs none: the lanes' products share them). Each column's sum
     * runs over the same rows in the same order either way.
     */
    private static Operand<TFloat32> overTime(Ops tf, Operand<TFloat32> left, Operand<TFloat32> right, long columns, int blocks) {
        if (blocks == 1 || columns % blocks != 0) {
            return tf.linalg.matMul(left, right, org.tensorflow.op.linalg.MatMul.transposeA(true));
        }
        List<Operand<TFloat32>> products = new ArrayList<>();
        for (Output<TFloat32> block : tf.split(tf.constant(1), right, (long) blocks).output()) {
            products.add(tf.linalg.matMul(left, block, org.tensorflow.op.linalg.MatMul.transposeA(true)));
        }
        return tf.concat(products, tf.constant(1));
    }

    /** The names of the operations {@code root} reads, directly or through others (data inputs), itself included. */
    private static java.util.Set<String> opsReadBy(Operand<?> root) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<org.tensorflow.GraphOperation> todo = new java.util.ArrayDeque<>();
        todo.add((org.tensorflow.GraphOperation) root.op());
        while (!todo.isEmpty()) {
            org.tensorflow.GraphOperation op = todo.pop();
            if (!seen.add(op.name())) continue;
            for (Operand<?> in : op.inputs()) todo.push((org.tensorflow.GraphOperation) in.op());
        }
        return seen;
    }

    /** Whether {@code gradient} is no tensor: none given, or addGradients' output with a null handle (a weight read only through StopGradient). */
    private static boolean isNull(Operand<TFloat32> gradient) {
        var handle = gradient == null ? null : ((org.tensorflow.GraphOperation) gradient.op()).getUnsafeNativeHandle();
        return handle == null || handle.isNull();
    }

    /**
     * {@code gradient + share}, or {@code share} where {@code addGradients} gave the weight no
     * gradient (read only through StopGradient): an output whose operation has a null handle.
     */
    private static Operand<TFloat32> plus(Ops tf, Operand<TFloat32> gradient, Operand<TFloat32> share) {
        return isNull(gradient) ? share : tf.math.add(gradient, share);
    }

    private static Operand<TFloat32> concatRows(Ops tf, List<Operand<TFloat32>> parts) {
        return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
    }

    /**
     * A model output from its lanes' values. An output that ends in a softmax or a sigmoid is
     * that activation of the lanes' inputs to it, taken whole: the loss reads the logits from
     * the activation's input as Keras does ({@link Losses}), and each row's values are the
     * lane's.
     */
    private static Operand<TFloat32> wholeBatchOutput(Ops tf, EmitContext ctx, List<Operand<TFloat32>> lanes, Operand<TInt32> batch) {
        String type = ((org.tensorflow.GraphOperation) lanes.get(0).op()).type();
        boolean same = lanes.stream().allMatch(l -> ((org.tensorflow.GraphOperation) l.op()).type().equals(type));
        if (same && (type.equals("Softmax") || type.equals("Sigmoid"))) {
            List<Operand<TFloat32>> inputs = new ArrayList<>();
            for (Operand<TFloat32> lane : lanes) inputs.add((Operand<TFloat32>) ((org.tensorflow.GraphOperation) lane.op()).input(0));
            Operand<TFloat32> logits = ctx.wholeBatch(inputs, batch);
            return type.equals("Softmax") ? tf.nn.softmax(logits) : tf.math.sigmoid(logits);
        }
        return ctx.wholeBatch(lanes, batch);
    }

    /**
     * Emits every layer node of the model on {@code samples} (the fed samples, or one lane's
     * rows of them), creating each layer's weights at its first use in {@code paramsByLayer},
     * each pooling of {@code pooledFirst} before its convolution's activation ({@link PoolFirst});
     * returns every node's output by name.
     */
    private Map<String, Operand<TFloat32>> emitLayers(Ops tf, EmitContext ctx, Map<String, LayerNode> pooledFirst,
                                                      Operand<TFloat32> samples, Shape sample, Map<String, LayerParams> paramsByLayer) {
        Map<String, Operand<TFloat32>> tensors = new LinkedHashMap<>();
        for (var input : model.graph().inputs()) {
            Operand<TFloat32> in = samples;
            if (!input.shape().equals(sample)) in = tf.reshape(in, tf.constant(batchedInts(input.shape())));
            tensors.put(input.name(), in);
        }
        java.util.Set<String> convolutionsPooledFirst = new java.util.HashSet<>();
        pooledFirst.values().forEach(conv -> convolutionsPooledFirst.add(conv.name()));
        for (LayerNode node : model.graph().nodes()) {
            CheckedLayer layer = node.layer();
            LayerParams params = paramsByLayer.computeIfAbsent(layer.name(), n -> {
                Map<String, Operand<TFloat32>> created = new LinkedHashMap<>();
                Map<String, List<Operand<TFloat32>>> blocks = new LinkedHashMap<>();
                for (ParamSpec spec : layer.params()) {
                    boolean blocked = blockedLayers.contains(layer.name()) && (spec.name().equals("kernel") || spec.name().equals("bias"));
                    Weight w = createWeight(tf, layer, spec, blocked ? denseBlocks : 1);
                    created.put(spec.name(), w.value());
                    if (w.parts().size() > 1) blocks.put(spec.name(), List.copyOf(w.parts()));
                }
                return new LayerParams(created, blocks);
            });
            List<Operand<TFloat32>> in = node.inputs().stream().map(tensors::get).toList();
            Operand<TFloat32> y = convolutionsPooledFirst.contains(node.name())
                    ? PoolFirst.convolve(ctx, layer, params, in.get(0))
                    : Emitters.forKind(layer.kind()).emit(ctx, layer, params, in);
            LayerNode conv = pooledFirst.get(node.name());
            if (conv != null) y = PoolFirst.finish(ctx, conv.layer(), y);
            requireShape(layer, y);
            tensors.put(node.name(), y);
        }
        return tensors;
    }

    /**
     * The max pooling nodes whose input convolution gets its activation after the pooling
     * ({@link PoolFirst}), each with that convolution node: the pooling reads the convolution
     * alone, and nothing else reads the convolution's output (no other layer, no model output),
     * so the unpooled activation is never needed. Only the training graph does
     * this; the inference graph, summaries and exports see the layers as written.
     */
    private static Map<String, LayerNode> poolFirstPairs(CheckedModel model) {
        Map<String, Integer> readers = new LinkedHashMap<>();
        for (LayerNode node : model.graph().nodes()) for (String in : node.inputs()) readers.merge(in, 1, Integer::sum);
        for (String out : model.graph().outputs()) readers.merge(out, 1, Integer::sum);
        Map<String, LayerNode> byName = new LinkedHashMap<>();
        for (LayerNode node : model.graph().nodes()) byName.put(node.name(), node);
        Map<String, LayerNode> pairs = new LinkedHashMap<>();
        for (LayerNode pool : model.graph().nodes()) {
            if (pool.inputs().size() != 1) continue;
            LayerNode conv = byName.get(pool.inputs().get(0));
            if (conv == null || readers.get(conv.name()) != 1) continue;
            if (PoolFirst.applies(conv.layer(), pool.layer())) pairs.put(pool.name(), conv);
        }
        return pairs;
    }

    /** The IR is the contract: TensorFlow's static shape of each layer must equal the checked one. */
    private static void requireShape(CheckedLayer layer, Operand<TFloat32> output) {
        long[] actual = output.shape().asArray();
        long[] expected = batchedLongs(layer.output());
        if (!java.util.Arrays.equals(actual, expected)) {
            throw new IllegalStateException("internal error: layer " + layer.name() + " (" + layer.kind()
                    + ") has TensorFlow shape " + output.shape() + " but the checker computed " + layer.output().keras());
        }
    }

    private Weight require(String name) {
        Weight w = weights.get(name);
        if (w == null) throw new IllegalArgumentException("no weight " + name + "; weights are " + weights.keySet());
        return w;
    }

    static org.tensorflow.ndarray.Shape batched(Shape sample) {
        return org.tensorflow.ndarray.Shape.of(batchedLongs(sample));
    }

    private static long[] batchedLongs(Shape sample) {
        long[] dims = new long[sample.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < sample.rank(); i++) dims[i + 1] = sample.dim(i);
        return dims;
    }

    private static int[] batchedInts(Shape sample) {
        return java.util.Arrays.stream(batchedLongs(sample)).mapToInt(Math::toIntExact).toArray();
    }

    private static int[] allAxes(int rank) {
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) axes[i] = i;
        return axes;
    }

    /** A tensor of {@code count} rows shaped like the placeholder's, filled from {@code values}. */
    static TFloat32 batch(Placeholder<TFloat32> placeholder, float[] values, int count) {
        long[] dims = placeholder.shape().asArray();
        dims[0] = count;
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
        TFloat32 tensor = TFloat32.tensorOf(shape);
        tensor.copyFrom(DataBuffers.of(values, true, false).narrow(shape.size()));
        return tensor;
    }

    private static TFloat32 tensor(List<Long> dims, float[] values) {
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        TFloat32 tensor = TFloat32.tensorOf(shape);
        tensor.copyFrom(DataBuffers.of(values, true, false));
        return tensor;
    }

    static float[] toArray(TFloat32 tensor) {
        float[] out = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(out, false, false));
        return out;
    }
}
