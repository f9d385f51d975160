package dev.dlm.runtime.emit;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * What every layer emitter shares while one model is emitted: the op factory, the scalar
 * {@code training} switch (false unless fed), the seed of the model's random ops, and the
 * state updates (batch-norm moving statistics) a training step must run.
 */
public final class EmitContext {

    private final Ops tf;
    private final Operand<TBool> training;
    private final long seed;
    private final List<Op> trainingUpdates = new ArrayList<>();
    private long randomOps;

    public EmitContext(Ops tf, Operand<TBool> training, long seed) {
        this.tf = tf;
        this.training = training;
        this.seed = seed;
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
     * uniform in [0, 1) while training, one otherwise. Each call gets its own seeded
     * random op, so the same model seed gives the same masks.
     */
    public Operand<TFloat32> dropoutMask(Operand<TInt32> shape, double rate, Long layerSeed) {
        randomOps++;
        long opSeed = layerSeed != null ? layerSeed : seed;
        Operand<TFloat32> uniform = tf.random.randomUniform(shape, TFloat32.class,
                RandomUniform.seed(opSeed), RandomUniform.seed2(randomOps));
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, scalar(rate)), TFloat32.class);
        Operand<TFloat32> scaled = tf.math.div(keep, scalar(1 - rate));
        // A scalar one broadcast by SelectV2: OnesLike would put a gradient-less op on the path
        // from the weights (through the mask's dynamic shape) to the loss.
        return tf.select(training, scaled, scalar(1));
    }
}
