package dev.dlm.runtime.emit;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.util.SplittableRandom;

import java.util.ArrayList;
import java.util.List;

/**
 * What every layer emitter shares while one model is emitted: the op factory, the scalar
 * {@code training} switch (false unless fed), the seed of the model's random ops, the
 * optimizer's iteration count (the global step, which keys the dropout masks), and the state
 * updates (batch-norm moving statistics) a training step must run.
 *
 * <p>In a training graph it also records the products {@code a_t . W} of a weight used at
 * every step of an unrolled recurrence ({@link #product}): autodiff would give {@code W} one
 * small matrix product per step and sum them ({@code AddN}); {@code ModelGraph} instead forms
 * {@code W}'s gradient as one product over all steps, {@code concat(a_t)^T . concat(dO_t)}.
 */
public final class EmitContext {

    private final Ops tf;
    private final Operand<TBool> training;
    private final long seed;
    private final Operand<TInt64> step;
    private final List<Op> trainingUpdates = new ArrayList<>();
    /** Whether {@link #product} records its products (a graph that is differentiated); else it is a plain MatMul. */
    private final boolean recordsProducts;
    /** See {@link #forInference}. */
    private final boolean inference;
    private final List<RecordedProduct> products = new ArrayList<>();
    private final List<RowProducts> rowProducts = new ArrayList<>();
    private final List<RecordedBias> biases = new ArrayList<>();
    private long randomOps;
    /** See {@link #feedMasks}. */
    private boolean feedsMasks;
    private final List<FedMask> fedMasks = new ArrayList<>();
    /** How many wrappers that fold steps into the batch (TimeDistributed) enclose what is emitted now. */
    private int foldedBatch;
    /** See {@link #runRecurrencesInLanes}. */
    private int recurrentLanes = 1;
    /** See {@link #beginLane}: the lanes of the batch the layers are emitted for, 1 when the batch is whole. */
    private int batchLanes = 1;
    private int lane;
    private List<Operand<TInt32>> laneRows;
    private Operand<TInt32> fullBatch;
    /** Per Dropout mask drawn in lane 0 (for the whole batch), its lanes' rows; the other lanes take theirs in turn. */
    private final List<List<Operand<TFloat32>>> laneMasks = new ArrayList<>();
    private int laneMaskIndex;

    /** A context for a graph that is not differentiated: {@link #product} records nothing. */
    public EmitContext(Ops tf, Operand<TBool> training, long seed, Operand<TInt64> step) {
        this(tf, training, seed, step, false);
    }

    /**
     * {@code recordsProducts}: whether {@link #product} leaves its weight to
     * {@link #products}, and {@link #convolutionBias} its bias to {@link #biases} (whoever
     * differentiates the graph must then give those weights their gradient from the records)
     * instead of to TensorFlow's autodiff.
     */
    public EmitContext(Ops tf, Operand<TBool> training, long seed, Operand<TInt64> step, boolean recordsProducts) {
        this(tf, training, seed, step, recordsProducts, false);
    }

    private EmitContext(Ops tf, Operand<TBool> training, long seed, Operand<TInt64> step, boolean recordsProducts,
                        boolean inference) {
        this.tf = tf;
        this.training = training;
        this.seed = seed;
        this.step = step;
        this.recordsProducts = recordsProducts;
        this.inference = inference;
    }

    /**
     * The context of an inference-only graph (predict, export): training is off for good, so
     * dropout and noise layers are the identity and draw no random numbers at all, where a
     * training graph's switch only selects their "off" values after drawing.
     */
    public static EmitContext forInference(Ops tf) {
        return new EmitContext(tf, tf.constant(false), 0, tf.constant(0L), false, true);
    }

    /** Whether training is off for good (an inference-only graph: {@link #forInference}). */
    public boolean inference() { return inference; }

    /**
     * From here on, Dropout masks of a known sample shape become {@link FedMask}s: the step may
     * be fed masks drawn elsewhere (on another thread, ahead of the step), and computes them
     * itself when it is not. Returns this context.
     */
    public EmitContext feedMasks() {
        if (inference) throw new IllegalStateException("internal error: an inference graph draws no masks");
        feedsMasks = true;
        return this;
    }

    /**
     * From here on, recurrent layers run their recurrence in {@code lanes} independent groups of
     * the batch's rows, each its own input projection and chain of small products, so that a
     * session with as many inter-op threads runs the lanes side by side (oneDNN runs a product
     * of a step's size on one thread whatever the intra-op count): a row's recurrence reads only
     * that row, so every output is the one the whole batch's chain gives, bit for bit; the
     * layer's own weights' gradients sum the lanes' rows, within rounding of the whole batch's.
     * Returns this context.
     */
    public EmitContext runRecurrencesInLanes(int lanes) {
        if (lanes < 1) throw new IllegalArgumentException("lanes must be positive");
        recurrentLanes = lanes;
        return this;
    }

    /** The groups of rows a recurrence runs in ({@link #runRecurrencesInLanes}; 1 by default). */
    int recurrentLanes() { return recurrentLanes; }

    /**
     * The rows of each of {@code lanes} lanes of a batch of {@code batch} rows ({@code [1]}):
     * {@code batch / lanes} each, the first lane also the remainder. A lane may be empty (a
     * batch smaller than the lanes), which a recurrence's products take in their stride; the
     * lanes of a whole model take {@link #laneRows}, never empty.
     */
    Operand<TInt32> laneSizes(Operand<TInt32> batch, int lanes) {
        Operand<TInt32> rest = tf.math.floorDiv(batch, ints(lanes));
        List<Operand<TInt32>> sizes = new ArrayList<>();
        sizes.add(tf.math.sub(batch, tf.math.mul(rest, ints(lanes - 1))));
        for (int l = 1; l < lanes; l++) sizes.add(rest);
        return tf.concat(sizes, axis(0));
    }

    /**
     * The rows of a batch of {@code batch} rows ({@code [1]}) that each of {@code lanes} lanes
     * takes, in order: {@code batch / lanes} each, the first lane also the remainder. A lane that
     * would be empty (a batch smaller than the lanes) takes the batch's last row once more: an
     * empty convolution fails in oneDNN. Its output is then past the batch's rows, and
     * {@link #wholeBatch} leaves it out, so nothing of it reaches the loss or a gradient.
     */
    public List<Operand<TInt32>> laneRows(Operand<TInt32> batch, int lanes) {
        Operand<TInt32> rest = tf.math.floorDiv(batch, ints(lanes));
        Operand<TInt32> begin = ints(0);
        List<Operand<TInt32>> rows = new ArrayList<>();
        for (int l = 0; l < lanes; l++) {
            Operand<TInt32> size = l == 0 ? tf.math.sub(batch, tf.math.mul(rest, ints(lanes - 1))) : rest;
            Operand<TInt32> end = tf.math.add(begin, tf.math.maximum(size, ints(1)));
            Operand<TInt32> range = tf.range(tf.reshape(begin, ints()), tf.reshape(end, ints()), tf.constant(1));
            rows.add(tf.math.minimum(range, tf.reshape(tf.math.sub(batch, ints(1)), ints())));
            begin = tf.math.add(begin, size);
        }
        return rows;
    }

    /** The lanes' outputs ({@link #laneRows}'s rows each) as the whole batch's {@code batch} rows. */
    public Operand<TFloat32> wholeBatch(List<Operand<TFloat32>> lanes, Operand<TInt32> batch) {
        Operand<TFloat32> all = tf.concat(lanes, axis(0));
        Operand<TInt32> rank = tf.rank(all);
        Operand<TInt32> begin = tf.fill(tf.reshape(rank, ints(1)), tf.constant(0));
        Operand<TInt32> size = tf.concat(List.of(batch, tf.fill(tf.reshape(tf.math.sub(rank, tf.constant(1)), ints(1)), tf.constant(-1))), axis(0));
        // The slice's static shape is unknown: a reshape to the lanes' restores it (shape checks
        // and the loss read it); the lanes' rows after the batch's are a lane's stand-in row.
        long[] dims = lanes.get(0).shape().asArray();
        int[] target = new int[dims.length];
        target[0] = -1;
        for (int i = 1; i < dims.length; i++) target[i] = Math.toIntExact(dims[i]);
        return tf.reshape(tf.slice(all, begin, size), tf.constant(target));
    }

    /**
     * What is emitted from here until the next call (or {@link #endLanes}) is lane {@code lane}
     * of {@code lanes}: the whole model once more on that lane's rows ({@code laneRows}, of a
     * batch of {@code batch} rows), so that the inter-op threads run the lanes side by side.
     * Lanes are emitted in order, each the same layers in the same order. A Dropout mask is
     * drawn once, in lane 0, for the whole batch (the mask, its key and a {@link FedMask} are
     * the one-lane graph's), and each lane multiplies its own rows of it: every sample is
     * dropped exactly as in the whole batch. Layers that draw anything else, or mix rows
     * (batch statistics), must not be emitted in lanes.
     */
    public void beginLane(int lane, int lanes, Operand<TInt32> batch, List<Operand<TInt32>> laneRows) {
        if (lane != (batchLanes == 1 ? 0 : this.lane + 1) || lanes < 2 || laneRows.size() != lanes) {
            throw new IllegalStateException("internal error: lanes out of order");
        }
        if (lane > 0 && laneMaskIndex != laneMasks.size()) throw new IllegalStateException("internal error: a lane drew another number of masks");
        this.batchLanes = lanes;
        this.lane = lane;
        this.fullBatch = batch;
        this.laneRows = List.copyOf(laneRows);
        this.laneMaskIndex = 0;
    }

    /** The lanes begun by {@link #beginLane} are all emitted: the batch is whole again. */
    public void endLanes() {
        if (laneMaskIndex != laneMasks.size() && lane > 0) throw new IllegalStateException("internal error: a lane drew another number of masks");
        batchLanes = 1;
        lane = 0;
        laneMasks.clear();
    }

    /**
     * A Dropout mask that a training step may be fed instead of drawing it: {@code placeholder}
     * (shape {@code [batch, rest...]}) defaults to the mask the graph draws itself, so a step
     * run without the feed is unchanged. {@link #drawDropoutMask} with the key (
     * {@code opSeed}, the global step) and {@code rate}, in any graph, draws the same mask, bit
     * for bit: the same ops on the same inputs.
     */
    public record FedMask(Operand<TFloat32> placeholder, long opSeed, double rate, long[] rest) {}

    /** The masks made feedable ({@link #feedMasks}), in emission order. */
    public List<FedMask> fedMasks() { return List.copyOf(fedMasks); }

    /**
     * Marks the start of a wrapped layer whose batch axis holds more rows than the samples fed
     * (TimeDistributed's {@code batch * steps}): its masks stay in the graph, as a
     * {@link FedMask}'s rows are one per sample. Paired with {@link #exitFoldedBatch}.
     */
    void enterFoldedBatch() { foldedBatch++; }

    void exitFoldedBatch() { foldedBatch--; }

    /**
     * One product {@code left . B} where {@code B} is column block {@code block} of
     * {@code blocks} equal blocks of {@code weight} (the whole weight when {@code blocks} is
     * 1), read through {@code StopGradient}: the weight's share of the gradient through
     * {@code product} is {@code left^T . dLoss/dproduct}, which autodiff leaves out.
     */
    public record RecordedProduct(Operand<TFloat32> weight, int block, int blocks, Operand<TFloat32> left,
                                  Operand<TFloat32> product) {}

    /** The recorded products, in emission order (empty unless the context records them). */
    public List<RecordedProduct> products() { return List.copyOf(products); }

    /**
     * A bias added along the last axis by {@link #convolutionBias}, read through
     * {@code StopGradient}: its share of the gradient through {@code sum} is
     * {@code dLoss/dsum} summed over every axis but the last, which autodiff leaves out.
     */
    public record RecordedBias(Operand<TFloat32> bias, Operand<TFloat32> sum) {}

    /** The recorded biases, in emission order (empty unless the context records products). */
    public List<RecordedBias> biases() { return List.copyOf(biases); }

    /**
     * {@code value + bias}, the bias along the last axis, for a convolution's output. As a
     * {@code BiasAdd}, oneDNN computes it inside the convolution (TensorFlow's remapper fuses
     * the two), where a broadcast {@code Add} is one more pass over the output; the values are
     * the same. But autodiff would take a {@code BiasAdd}'s bias gradient with
     * {@code BiasAddGrad}, which oneDNN's graph pass fuses into the kernel's gradient as
     * {@code _MklNativeConv2DBackpropFilterWithBias}, several times slower than the two apart on
     * TensorFlow Java's runtime (docs/benchmarks.md). So a graph that records products reads
     * the bias through {@code StopGradient} and records it ({@link #biases}), and whoever
     * differentiates the graph sums the output's gradient for it, the {@code Sum} an
     * {@code Add}'s gradient is; an inference graph has no gradient and takes the
     * {@code BiasAdd}; any other graph (one differentiated by autodiff alone) keeps the
     * {@code Add}.
     */
    public Operand<TFloat32> convolutionBias(Operand<TFloat32> value, Operand<TFloat32> bias) {
        if (recordsProducts) {
            Operand<TFloat32> sum = tf.nn.biasAdd(value, tf.stopGradient(bias));
            biases.add(new RecordedBias(bias, sum));
            return sum;
        }
        return inference ? tf.nn.biasAdd(value, bias) : tf.math.add(value, bias);
    }

    /**
     * Products {@code left_s . W} (with {@code W} read through {@link #productWeight}) each
     * added elementwise to row block {@code s} of {@code whole} and to nothing else, so that
     * the gradient of each product is the same rows of {@code whole}'s gradient: {@code W}'s
     * share is {@code left^T . slice(dLoss/dwhole, begin, size)} where {@code left} stacks the
     * {@code left_s} by rows in {@code whole}'s row order and the slice selects their rows.
     * A recurrence whose per-step input terms are row blocks of one projection records this
     * instead of one {@link RecordedProduct} per step: the products' gradients are then not
     * concatenated a second time. A recurrence in lanes records one per lane (each lane's own
     * projection); the weight's gradient sums their shares.
     */
    public record RowProducts(Operand<TFloat32> weight, Operand<TFloat32> left, Operand<TFloat32> whole,
                              Operand<TInt32> begin, Operand<TInt32> size) {}

    /** Whether {@link #product} and {@link #recordRowProducts} record (the graph is differentiated). */
    public boolean recordsProducts() { return recordsProducts; }

    /** Records {@link RowProducts}; only when {@link #recordsProducts}. */
    public void recordRowProducts(RowProducts record) {
        if (!recordsProducts) throw new IllegalStateException("internal error: products are not recorded in this graph");
        rowProducts.add(record);
    }

    /** The recorded {@link RowProducts}, in emission order. */
    public List<RowProducts> rowProducts() { return List.copyOf(rowProducts); }

    /**
     * {@code weight} as {@link #product}'s right operands must read it: through
     * {@code StopGradient} when products are recorded (autodiff then adds nothing for the
     * weight through them), as it is otherwise. Split it into column blocks for per-block
     * products.
     */
    public Operand<TFloat32> productWeight(Operand<TFloat32> weight) {
        return recordsProducts ? tf.stopGradient(weight) : weight;
    }

    /**
     * {@code left . right}, where {@code right} is column block {@code block} of {@code blocks}
     * of {@link #productWeight}{@code (weight)}; recorded for {@code weight}'s gradient when
     * the context records products.
     */
    public Operand<TFloat32> product(Operand<TFloat32> left, Operand<TFloat32> weight, Operand<TFloat32> right,
                                     int block, int blocks) {
        Operand<TFloat32> product = tf.linalg.matMul(left, right);
        if (recordsProducts) products.add(new RecordedProduct(weight, block, blocks, left, product));
        return product;
    }

    public Ops tf() { return tf; }

    public Operand<TBool> training() { return training; }

    /** Ops a training step runs besides the weight updates. */
    public List<Op> trainingUpdates() { return List.copyOf(trainingUpdates); }

    void addTrainingUpdate(Op update) { trainingUpdates.add(update); }

    public Operand<TFloat32> scalar(double value) { return tf.constant((float) value); }

    public Operand<TInt32> ints(int... values) { return tf.constant(values); }

    /** A scalar axis operand (Split, Concat and GatherV2 want a scalar, not a vector). */
    public Operand<TInt32> axis(int axis) { return tf.constant(axis); }

    /** The dynamic shape {@code [batch, rest...]}, batch read from {@code x}'s first axis. */
    public Operand<TInt32> batchShape(Operand<TFloat32> x, long... rest) {
        int[] tail = new int[rest.length];
        for (int i = 0; i < rest.length; i++) tail[i] = Math.toIntExact(rest[i]);
        Operand<TInt32> batch = tf.slice(tf.shape(x), ints(0), ints(1));
        return tf.concat(List.of(batch, ints(tail)), axis(0));
    }

    /**
     * Keras's inverted dropout mask of {@code shape}: {@code keep / (1 - rate)} while training,
     * one otherwise, where an element is kept with Keras's probability. Keras keeps an element
     * when {@code u >= rate} for {@code u} uniform in [0, 1); TensorFlow's stateless uniform
     * float is {@code k / 2^23} with {@code k} the low 23 bits of a random word, so Keras keeps
     * with probability {@code 1 - K / 2^23}, {@code K = ceil(float32(rate) 2^23)}
     * ({@link #dropThreshold}). Here an element is kept when the top 23 bits of a uniform
     * 32-bit word are at least {@code K}: the same probability, exactly, without a conversion
     * to float.
     * <p>
     * The random words are what costs (Philox, about 4 ns per word on one core: more than the
     * rest of the mask). So each word serves two elements: the first takes the word as drawn,
     * the second the word with its halves swapped (XOR-ed with the first half's sign bits, which
     * keeps it uniform). Each element's 23 bits are then uniform and its keep probability is
     * Keras's exactly; the two elements of a word are independent unless one of their 16-bit
     * halves equals {@code K}'s top 16 bits (probability 2^-15 per pair), where one's
     * tie-breaking bits are the other's. Masks are dlm's own either way: Keras's generator
     * streams differ, so no mask was ever Keras's bit for bit.
     * <p>
     * The words come from a stateless generator keyed by (the op's seed, the global step): the
     * op's seed mixes the layer's seed (else the model's) with the op's index, so every mask op
     * differs, and the step makes every step's mask differ. A stateful {@code RandomUniform}
     * would keep its position inside the op, out of a checkpoint's reach; this mask is a pure
     * function of what a checkpoint holds, so a resumed run draws the masks the uninterrupted
     * run drew.
     */
    public Operand<TFloat32> dropoutMask(Operand<TInt32> shape, double rate, Long layerSeed) {
        return dropoutMask(shape, null, rate, layerSeed);
    }

    /**
     * As {@link #dropoutMask(Operand, double, Long)}, for a mask of shape {@code [batch, rest...]}
     * with {@code rest} known (null when it is not): after {@link #feedMasks}, such a mask is a
     * {@link FedMask}.
     */
    public Operand<TFloat32> dropoutMask(Operand<TInt32> shape, long[] rest, double rate, Long layerSeed) {
        if (inference) return tf.fill(shape, scalar(1));  // what the mask is with training off, without the draw
        if (batchLanes > 1) {
            if (lane > 0) return laneMasks.get(laneMaskIndex++).get(lane);
            Operand<TInt32> whole = tf.concat(List.of(fullBatch, tf.slice(shape, ints(1), ints(-1))), axis(0));
            Operand<TFloat32> mask = wholeBatchMask(whole, rest, rate, layerSeed);
            List<Operand<TFloat32>> rows = new ArrayList<>();
            for (Operand<TInt32> r : laneRows) rows.add(tf.gather(mask, r, axis(0)));
            laneMasks.add(rows);
            laneMaskIndex++;
            return rows.get(0);
        }
        return wholeBatchMask(shape, rest, rate, layerSeed);
    }

    private Operand<TFloat32> wholeBatchMask(Operand<TInt32> shape, long[] rest, double rate, Long layerSeed) {
        long opSeed = nextOpSeed(layerSeed);
        Operand<TFloat32> drawn = drawDropoutMask(tf, shape, tf.stack(List.of(tf.constant(opSeed), step)), training, rate);
        if (!feedsMasks || rest == null || foldedBatch > 0) return drawn;
        long[] dims = new long[rest.length + 1];
        dims[0] = org.tensorflow.ndarray.Shape.UNKNOWN_SIZE;
        System.arraycopy(rest, 0, dims, 1, rest.length);
        Operand<TFloat32> fed = tf.withName("dropout_mask_" + fedMasks.size())
                .placeholderWithDefault(drawn, org.tensorflow.ndarray.Shape.of(dims));
        fedMasks.add(new FedMask(fed, opSeed, rate, rest.clone()));
        // TensorFlow's C++ autodiff has no gradient for PlaceholderWithDefault; the mask has none.
        return tf.stopGradient(fed);
    }

    /**
     * The ops of {@link #dropoutMask}'s draw, in {@code tf}'s graph: the mask of {@code shape}
     * for the stateless key {@code key} ({@code [op seed, global step]}), with training on or
     * off as {@code training} says.
     */
    public static Operand<TFloat32> drawDropoutMask(Ops tf, Operand<TInt32> shape, Operand<TInt64> key,
                                                    Operand<TBool> training, double rate) {
        Operand<TInt32> count = tf.reshape(tf.prod(shape, tf.constant(0)), tf.constant(new int[] {1}));
        Operand<TInt32> pairs = tf.math.floorDiv(tf.math.add(count, tf.constant(new int[] {1})), tf.constant(new int[] {2}));
        Operand<TInt32> words = tf.random.statelessRandomUniformFullInt(pairs, key, TInt32.class);
        Operand<TInt32> swapped = tf.bitwise.bitwiseXor(tf.bitwise.leftShift(words, tf.constant(16)),
                tf.bitwise.rightShift(words, tf.constant(16)));
        // The slice is the identity (no copy) unless the count is odd.
        Operand<TInt32> bits = tf.reshape(tf.slice(tf.concat(List.of(words, swapped), tf.constant(0)),
                tf.constant(new int[] {0}), count), shape);
        // A word's top 23 bits, read as an unsigned number, are >= K exactly when the word, read
        // as a signed one with its sign bit flipped, is >= K 2^9 - 2^31. Flipping a uniform bit
        // changes no probability, so the signed word is compared directly. Not training: every
        // word is >= the smallest int, and the scale is one.
        // A rate within 2^-24 of one drops everything in Keras (no u reaches it): K = 2^23, no
        // such word; every element is then "kept" at scale zero (as Keras's, in the float32
        // of a rate rounding to 1; its scale would be infinite or huge).
        boolean dropsAll = dropThreshold(rate) == 1 << 23;
        Operand<TInt32> threshold = tf.select(training, tf.constant(dropsAll ? Integer.MIN_VALUE : signedThreshold(rate)),
                tf.constant(Integer.MIN_VALUE));
        Operand<TFloat32> scale = tf.select(training, tf.constant((float) (dropsAll ? 0 : 1 / (1 - rate))), tf.constant(1f));
        return tf.math.mul(tf.dtypes.cast(tf.math.greaterEqual(bits, threshold), TFloat32.class), scale);
    }

    /**
     * Keras's drop threshold for {@code rate} on the 23-bit grid of TensorFlow's uniform floats:
     * {@code u = k / 2^23 >= float32(rate)} exactly when {@code k >= K}. A rate that rounds to
     * 0 in float32 keeps everything (K = 0), one that rounds to 1 drops everything (K = 2^23).
     */
    static long dropThreshold(double rate) {
        float r = (float) rate;
        if (r <= 0) return 0;
        if (r >= 1) return 1 << 23;
        return (long) Math.ceil((double) r * (1 << 23));
    }

    /** {@link #dropThreshold} for a signed 32-bit word whose top 23 bits (sign bit flipped) are compared. */
    static int signedThreshold(double rate) {
        return Math.toIntExact((dropThreshold(rate) << 9) - (1L << 31));
    }

    /**
     * Keras's GaussianNoise of {@code shape}: normal numbers of standard deviation
     * {@code stddev} while training, zero otherwise; keyed as {@link #dropoutMask}'s are.
     */
    public Operand<TFloat32> gaussianNoise(Operand<TInt32> shape, double stddev, Long layerSeed) {
        if (batchLanes > 1) throw new IllegalStateException("internal error: GaussianNoise is not emitted in lanes");
        // StopGradient: TensorFlow has no gradient for StatelessRandomNormal, which the backward pass
        // reaches through the noise's dynamic shape (the noise itself does not depend on the weights).
        Operand<TFloat32> normal = tf.stopGradient(tf.random.statelessRandomNormal(shape, randomKey(layerSeed), TFloat32.class));
        return tf.select(training, tf.math.mul(normal, scalar(stddev)), scalar(0));
    }

    /** The stateless key of the next random op: (the op's seed, the global step). */
    private Operand<TInt64> randomKey(Long layerSeed) {
        return tf.stack(List.of(tf.constant(nextOpSeed(layerSeed)), step));
    }

    /** The seed of the next random op: the layer's seed (else the model's) mixed with the op's index. */
    private long nextOpSeed(Long layerSeed) {
        randomOps++;
        return new SplittableRandom((layerSeed != null ? layerSeed : seed) * 31 + randomOps).nextLong();
    }
}
