package dev.dlm.runtime.train;

/**
 * How a model runs: the device ({@code cpu} or {@code gpu}), TensorFlow's intra- and inter-op
 * thread pools, and a seed that overrides the model's own (null keeps the model's seed, or a
 * random one when the model has none).
 */
public record RunOptions(String device, int intraOpThreads, int interOpThreads, Long seed) {

    public RunOptions {
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be cpu or gpu, not " + device);
        }
        if (intraOpThreads < 1 || interOpThreads < 1) throw new IllegalArgumentException("thread counts must be positive");
    }

    /** CPU, as many threads as cores, the model's seed. */
    public static RunOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new RunOptions("cpu", cores, cores, null);
    }

    /**
     * Forward FLOPs of one training step (per sample × batch size) below which the default is
     * one thread: such a step is too small to share, and TensorFlow's pools cost more than they
     * give. Measured on 2 cores (docs/benchmarks.md, "Threads for small steps"): the book's MLP
     * (69 MFLOP a step) trains 1.6× faster on one thread than on two; the SimpleRNN (521 MFLOP)
     * the same on both and the CNN (1.3 GFLOP) 1.45× faster on two, before they ran in lanes
     * (with lanes: 1.27× and 1.79× faster on two; docs/benchmarks.md, "`bench/run scaling` at
     * the end of the 2026-12-03 session). The MLP, its first layer in two column blocks
     * ({@link #denseInColumnBlocks}), now trains faster at one intra- and two inter-op threads.
     */
    public static final long ONE_THREAD_BELOW_FLOPS_PER_STEP = 250_000_000L;

    /**
     * {@link #defaults()}, but one intra- and one inter-op thread for a model whose training step
     * is small (see above) unless a Dense layer of it trains in column blocks
     * ({@link #denseInColumnBlocks}), and the cores split as {@link #withThreadsFor} does otherwise.
     */
    public static RunOptions defaultsFor(dev.dlm.compiler.ir.CheckedModel model) {
        RunOptions d = defaults();
        if (model.train() == null) return d;
        if (smallStep(model) && denseInColumnBlocks(model).isEmpty()) return d.withThreads(1, 1);
        return d.withThreadsFor(model, d.threads());
    }

    /** Whether {@code model}'s training step is under {@link #ONE_THREAD_BELOW_FLOPS_PER_STEP}. */
    public static boolean smallStep(dev.dlm.compiler.ir.CheckedModel model) {
        return model.train() != null
                && (double) model.flopsPerSample() * model.train().batchSize() < ONE_THREAD_BELOW_FLOPS_PER_STEP;
    }

    /**
     * How {@code model} runs on {@code device} with {@code threads} threads (null: its default,
     * {@link #defaultsFor}) and {@code seed} (null: the model's): what {@code dlmc run} uses.
     * The device is set before the threads are split, so that a GPU run keeps as many intra- as
     * inter-op threads.
     */
    public static RunOptions forRun(dev.dlm.compiler.ir.CheckedModel model, String device, Integer threads, Long seed) {
        int count = threads != null ? threads : defaultsFor(model).threads();
        return defaults().withDevice(device).withSeed(seed).withThreadsFor(model, count);
    }

    /**
     * These options with {@code threads} threads for {@code model}: as many intra- as inter-op
     * threads, except on the CPU for a model that runs in lanes, which gets one intra-op thread
     * and {@code threads} inter-op threads: a model whose forward FLOPs are mostly in recurrent
     * layers, or whose batch lanes ({@link #lanesTheBatch}). Its recurrences, or its whole
     * batch, then run in lanes side by side on the inter-op threads ({@code ModelGraph.Rewrites}),
     * and a recurrent step's product is too small for oneDNN to share between intra-op threads
     * anyway: the book's SimpleRNN trained 10-15 % faster a step at 1/2 than at 2/2, its LSTM
     * variant 23 %, the CNN in lanes 8 % (docs/benchmarks.md, "SimpleRNN: the recurrence in two
     * lanes", "CNN: the batch in two lanes").
     */
    public RunOptions withThreadsFor(dev.dlm.compiler.ir.CheckedModel model, int threads) {
        boolean lanes = device.equals("cpu") && threads > 1
                && (mostlyRecurrent(model) || lanesTheBatch(model) || !denseInColumnBlocks(model).isEmpty());
        return withThreads(lanes ? 1 : threads, threads);
    }

    /**
     * The fewest elements of a Dense kernel that trains in column blocks ({@link #denseInColumnBlocks}).
     * The book's MLP's first kernel (784 x 256, 200,704 elements) trained 15 % faster a step in
     * two blocks at 1/2 threads than whole at 1/1 (docs/benchmarks.md, "MLP: the first Dense
     * layer in two column blocks"); a block's products and update must outweigh the hand-off
     * of its work to the other thread.
     */
    public static final long COLUMN_BLOCKS_FROM_ELEMENTS = 1L << 17;

    /**
     * The Dense layers of {@code model} whose kernel and bias train as column blocks on a CPU
     * session of several inter-op threads ({@code ModelGraph.Rewrites}): each block is its own
     * variable (its own product, gradient product and optimizer update, which the inter-op
     * threads run side by side), and each output column is computed as the whole kernel's is.
     * A layer qualifies when nothing before it has a trainable weight (its input needs no
     * gradient: the input gradient, a sum over the kernel's columns, would otherwise sum the
     * blocks' shares in another order than Keras), it is used at one node, it has at least
     * 64 units, its kernel is trainable and holds at least {@link #COLUMN_BLOCKS_FROM_ELEMENTS}
     * elements. A model whose batch or recurrences run in lanes has none (the lanes share the
     * threads already).
     */
    public static java.util.Set<String> denseInColumnBlocks(dev.dlm.compiler.ir.CheckedModel model) {
        if (model.train() == null || mostlyRecurrent(model) || lanesTheBatch(model)) return java.util.Set.of();
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        for (var node : model.graph().nodes()) uses.merge(node.layer().name(), 1, Integer::sum);
        // The nodes whose output depends on a trainable weight (directly or through their inputs).
        java.util.Set<String> trained = new java.util.HashSet<>();
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        for (var node : model.graph().nodes()) {
            var layer = node.layer();
            boolean upstream = node.inputs().stream().anyMatch(trained::contains);
            boolean own = layer.params().stream().anyMatch(dev.dlm.compiler.ir.ParamSpec::trainable);
            if (upstream || own) trained.add(node.name());
            if (upstream || layer.kind() != dev.dlm.compiler.ir.LayerKind.DENSE || uses.get(layer.name()) != 1) continue;
            var kernel = layer.params().stream().filter(p -> p.name().equals("kernel")).findFirst().orElse(null);
            if (kernel == null || !kernel.trainable() || kernel.shape().size() != 2) continue;
            if (kernel.shape().get(1) >= 64 && kernel.count() >= COLUMN_BLOCKS_FROM_ELEMENTS) chosen.add(layer.name());
        }
        return chosen;
    }

    /** The threads these options use: the larger of the two pools. */
    public int threads() { return Math.max(intraOpThreads, interOpThreads); }

    /**
     * Whether {@code model}'s batch is emitted in lanes of rows on a CPU session of several
     * inter-op threads ({@code ModelGraph.Rewrites}): its convolutions hold more than half of
     * its forward FLOPs, and every layer treats each sample on its own (no batch statistics)
     * and draws nothing random but Dropout masks, which lanes take from one whole-batch draw.
     * The book's CNN trained 1.3x faster a step in two lanes at 1/2 threads than whole at 2/2
     * (docs/benchmarks.md, "CNN: the batch in two lanes"); its MLP, whose products oneDNN
     * shares between intra-op threads already, did not gain, and is not convolutional.
     */
    public static boolean lanesTheBatch(dev.dlm.compiler.ir.CheckedModel model) {
        long convolutional = 0;
        for (var layer : model.layers()) {
            switch (layer.kind()) {
                case CONV1D, CONV2D, DEPTHWISE_CONV2D, SEPARABLE_CONV2D, CONV2D_TRANSPOSE -> convolutional += layer.cost().flops();
                case DENSE, ACTIVATION, DROPOUT, FLATTEN, RESHAPE, PERMUTE, REPEAT_VECTOR, LEAKY_RELU, RELU, ELU, SOFTMAX,
                     MAX_POOLING1D, MAX_POOLING2D, AVERAGE_POOLING1D, AVERAGE_POOLING2D, GLOBAL_MAX_POOLING1D,
                     GLOBAL_AVERAGE_POOLING1D, GLOBAL_MAX_POOLING2D, GLOBAL_AVERAGE_POOLING2D, UP_SAMPLING2D,
                     CONCATENATE, ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, ZERO_PADDING2D, CROPPING2D,
                     SPATIAL_DROPOUT1D, SPATIAL_DROPOUT2D -> { }
                default -> { return false; }
            }
        }
        return convolutional > model.flopsPerSample() / 2;
    }

    /** Whether recurrent layers (Bidirectional ones included) hold more than half of {@code model}'s forward FLOPs. */
    static boolean mostlyRecurrent(dev.dlm.compiler.ir.CheckedModel model) {
        long recurrent = 0;
        for (var layer : model.layers()) {
            switch (layer.kind()) {
                case SIMPLE_RNN, LSTM, GRU, BIDIRECTIONAL -> recurrent += layer.cost().flops();
                default -> { }
            }
        }
        return recurrent > model.flopsPerSample() / 2;
    }

    public RunOptions withDevice(String newDevice) { return new RunOptions(newDevice, intraOpThreads, interOpThreads, seed); }

    public RunOptions withThreads(int intra, int inter) { return new RunOptions(device, intra, inter, seed); }

    public RunOptions withSeed(Long newSeed) { return new RunOptions(device, intraOpThreads, interOpThreads, newSeed); }
}
