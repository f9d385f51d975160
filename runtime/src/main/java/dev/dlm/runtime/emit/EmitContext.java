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
    private final List<RecordedProduct> products = new ArrayList<>();
    private final List<RowProducts> rowProducts = new ArrayList<>();
    private long randomOps;

    /** A context for a graph that is not differentiated: {@link #product} records nothing. */
    public EmitContext(Ops tf, Operand<TBool> training, long seed, Operand<TInt64> step) {
        this(tf, training, seed, step, false);
    }

    /**
     * {@code recordsProducts}: whether {@link #product} leaves its weight to
     * {@link #products} (whoever differentiates the graph must then give that weight its
     * gradient from them) instead of to TensorFlow's autodiff.
     */
    public EmitContext(Ops tf, Operand<TBool> training, long seed, Operand<TInt64> step, boolean recordsProducts) {
        this.tf = tf;
        this.training = training;
        this.seed = seed;
        this.step = step;
        this.recordsProducts = recordsProducts;
    }

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
     * Products {@code left_s . W} (with {@code W} read through {@link #productWeight}) each
     * added elementwise to row block {@code s} of {@code whole} and to nothing else, so that
     * the gradient of each product is the same rows of {@code whole}'s gradient: {@code W}'s
     * share is {@code left^T . slice(dLoss/dwhole, begin, size)} where {@code left} stacks the
     * {@code left_s} by rows in {@code whole}'s row order and the slice selects their rows.
     * A recurrence whose per-step input terms are row blocks of one projection records this
     * instead of one {@link RecordedProduct} per step: the products' gradients are then not
     * concatenated a second time.
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
     * Keras's inverted dropout mask of {@code shape}: {@code (u >= rate) / (1 - rate)} with u
     * uniform in [0, 1) while training, one otherwise. The uniform numbers come from a
     * stateless generator keyed by (the op's seed, the global step): the op's seed mixes the
     * layer's seed (else the model's) with the op's index, so every mask op differs, and the
     * step makes every step's mask differ. A stateful {@code RandomUniform} would keep its
     * position inside the op, out of a checkpoint's reach; this mask is a pure function of
     * what a checkpoint holds, so a resumed run draws the masks the uninterrupted run drew.
     */
    public Operand<TFloat32> dropoutMask(Operand<TInt32> shape, double rate, Long layerSeed) {
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(shape, randomKey(layerSeed), TFloat32.class);
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, scalar(rate)), TFloat32.class);
        Operand<TFloat32> scaled = tf.math.div(keep, scalar(1 - rate));
        // A scalar one broadcast by SelectV2: OnesLike would put a gradient-less op on the path
        // from the weights (through the mask's dynamic shape) to the loss.
        return tf.select(training, scaled, scalar(1));
    }

    /**
     * Keras's GaussianNoise of {@code shape}: normal numbers of standard deviation
     * {@code stddev} while training, zero otherwise; keyed as {@link #dropoutMask}'s are.
     */
    public Operand<TFloat32> gaussianNoise(Operand<TInt32> shape, double stddev, Long layerSeed) {
        // StopGradient: TensorFlow has no gradient for StatelessRandomNormal, which the backward pass
        // reaches through the noise's dynamic shape (the noise itself does not depend on the weights).
        Operand<TFloat32> normal = tf.stopGradient(tf.random.statelessRandomNormal(shape, randomKey(layerSeed), TFloat32.class));
        return tf.select(training, tf.math.mul(normal, scalar(stddev)), scalar(0));
    }

    /** The stateless key of the next random op: (the op's seed, the global step). */
    private Operand<TInt64> randomKey(Long layerSeed) {
        randomOps++;
        long opSeed = new SplittableRandom((layerSeed != null ? layerSeed : seed) * 31 + randomOps).nextLong();
        return tf.stack(List.of(tf.constant(opSeed), step));
    }
}
