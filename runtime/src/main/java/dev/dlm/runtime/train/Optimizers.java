package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's optimizers as update ops over an explicit list of trainable variables and their
 * gradients (never {@code Optimizer.minimize()}, which would train every variable of the
 * graph). The update rules are those of Keras's current optimizers:
 * <ul>
 * <li>sgd: {@code v = momentum v - lr g; w += v} (nesterov: {@code w += momentum v - lr g}),
 *     plain {@code w -= lr g} without momentum;</li>
 * <li>adam: {@code m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
 *     w -= m lr sqrt(1 - b2^t) / (1 - b1^t) / (sqrt(v) + eps)} (amsgrad uses the running max of v);</li>
 * <li>rmsprop: {@code ms = rho ms + (1 - rho) g^2; w -= lr g / sqrt(ms + eps)} (centered subtracts
 *     the squared mean gradient inside the root; momentum accumulates the step);</li>
 * <li>adagrad: {@code a += g^2; w -= lr g / sqrt(a + eps)}, {@code a} starting at
 *     {@code initial_accumulator_value}.</li>
 * </ul>
 * Adam and RMSprop are written op for op as Keras 3 writes them, with constants such as
 * {@code 1 - beta_1} computed in double and rounded once, as Python computes them: the loss
 * then follows Keras's step by step (StepParityTest). The iteration counter {@code t} increments after, and control-dependent on, every update.
 * The learning rate is an input of the graph (the trainer feeds each step's rate from the
 * schedule or ReduceLROnPlateau), and the iteration variable is the model graph's (it also keys
 * the dropout masks), so a checkpoint carries both.
 */
final class Optimizers {

    /** One training step's update op and the ops that set the optimizer's slots to their start values. */
    record Update(Op step, List<Op> initializers) {}

    private final Ops tf;
    private final List<Op> initializers = new ArrayList<>();

    private Optimizers(Ops tf) { this.tf = tf; }

    /**
     * The update ops of {@code weights}. None of them runs before every op in {@code gates}
     * (all gradients, the fetched loss and metrics) has run: weights are ref variables updated
     * in place, and an op still reading a weight (such as the gradient of the input of a
     * matrix product, which reads the kernel) must not see it half-way through the update.
     * This is TensorFlow 1's {@code GATE_GRAPH}.
     */
    static Update build(Ops tf, Optimizer spec, Variable<TInt64> iterations, Operand<TFloat32> learningRate,
                        List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients, List<Op> gates) {
        List<Operand<TFloat32>> gated = new ArrayList<>();
        Ops afterGates = tf.withControlDependencies(gates);
        for (Operand<TFloat32> g : gradients) gated.add(afterGates.identity(g));
        return new Optimizers(tf).update(spec, iterations, learningRate, weights, gated);
    }

    private Update update(Optimizer spec, Variable<TInt64> iterations, Operand<TFloat32> lr,
                          List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients) {
        initializers.add(tf.assign(iterations, tf.constant(0L)));
        Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(iterations, tf.constant(1L)), TFloat32.class);
        List<Op> applies = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Variable<TFloat32> w = weights.get(i);
            Operand<TFloat32> g = gradients.get(i);
            applies.add(apply(spec, w, g, lr, t));
        }
        Op step = tf.withControlDependencies(applies).assignAdd(iterations, tf.constant(1L));
        return new Update(step, List.copyOf(initializers));
    }

    /** One weight's update; the optimizer records are sealed, so the chain covers them all (a test checks). */
    private Op apply(Optimizer spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        if (spec instanceof Optimizer.Sgd sgd) return sgd(sgd, w, g, lr);
        if (spec instanceof Optimizer.Adam adam) return adam(adam, w, g, lr, t);
        if (spec instanceof Optimizer.RmsProp rmsprop) return rmsprop(rmsprop, w, g, lr);
        if (spec instanceof Optimizer.Adagrad adagrad) return adagrad(adagrad, w, g, lr);
        throw new AssertionError("unreachable: Optimizer is sealed, found " + spec);
    }

    private Op sgd(Optimizer.Sgd spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr) {
        double momentum = spec.momentum();
        if (momentum == 0) return tf.train.applyGradientDescent(w, lr, g);
        Operand<TFloat32> mu = constant(momentum);
        Variable<TFloat32> velocity = slot(w, "momentum", 0);
        Operand<TFloat32> v = tf.assign(velocity, tf.math.sub(tf.math.mul(velocity, mu), tf.math.mul(lr, g)));
        Operand<TFloat32> delta = spec.nesterov()
                ? tf.math.sub(tf.math.mul(v, mu), tf.math.mul(lr, g)) : v;
        return tf.assignAdd(w, delta);
    }

    /**
     * Keras 3's {@code Adam.update_step}, op for op: Keras's {@code 1 - beta_1} is computed in
     * Python's double and then rounded to float32 (0.1f), where TensorFlow's fused
     * {@code ApplyAdam} computes {@code 1f - 0.9f} in float32 (0.100000024f; and 1 - 0.999 is
     * 1.3e-5 off): enough to move the loss by 1e-3 within 200 steps (docs/keras-compatibility.md).
     */
    private Op adam(Optimizer.Adam spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        Operand<TFloat32> one = constant(1);
        Operand<TFloat32> beta1Power = tf.math.pow(constant(spec.beta1()), t);
        Operand<TFloat32> beta2Power = tf.math.pow(constant(spec.beta2()), t);
        Variable<TFloat32> m = slot(w, "m", 0);
        Variable<TFloat32> v = slot(w, "v", 0);
        Operand<TFloat32> alpha = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, beta2Power))),
                tf.math.sub(one, beta1Power));
        Operand<TFloat32> mNew = tf.assignAdd(m, tf.math.mul(tf.math.sub(g, m), constant(1 - spec.beta1())));
        Operand<TFloat32> vNew = tf.assignAdd(v, tf.math.mul(tf.math.sub(tf.math.square(g), v), constant(1 - spec.beta2())));
        if (spec.amsgrad()) {
            Variable<TFloat32> vMax = slot(w, "vhat", 0);
            vNew = tf.assign(vMax, tf.math.maximum(vMax, vNew));
        }
        return tf.assignSub(w, tf.math.div(tf.math.mul(mNew, alpha), tf.math.add(tf.math.sqrt(vNew), constant(spec.epsilon()))));
    }

    /**
     * Keras 3's {@code RMSprop.update_step}, op for op ({@code rho ms + (1 - rho) g^2} with
     * {@code 1 - rho} rounded from double, as for Adam; TensorFlow's fused ops compute
     * {@code ms + (g^2 - ms)(1 - rho)} in float32 and part from Keras within 200 steps).
     */
    private Op rmsprop(Optimizer.RmsProp spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr) {
        Operand<TFloat32> rho = constant(spec.rho());
        Operand<TFloat32> oneMinusRho = constant(1 - spec.rho());
        Variable<TFloat32> meanSquare = slot(w, "rms", 0);
        Variable<TFloat32> step = slot(w, "momentum", 0);
        Operand<TFloat32> ms = tf.assign(meanSquare, tf.math.add(tf.math.mul(rho, meanSquare), tf.math.mul(oneMinusRho, tf.math.square(g))));
        Operand<TFloat32> denominator;
        if (spec.centered()) {
            Variable<TFloat32> meanGradient = slot(w, "mg", 0);
            Operand<TFloat32> mg = tf.assign(meanGradient, tf.math.add(tf.math.mul(rho, meanGradient), tf.math.mul(oneMinusRho, g)));
            denominator = tf.math.add(tf.math.sub(ms, tf.math.square(mg)), constant(spec.epsilon()));
        } else {
            denominator = tf.math.add(ms, constant(spec.epsilon()));
        }
        Operand<TFloat32> increment = tf.math.div(tf.math.mul(lr, g), tf.math.sqrt(denominator));
        if (spec.momentum() > 0) {
            increment = tf.assign(step, tf.math.add(tf.math.mul(constant(spec.momentum()), step), increment));
        }
        return tf.assignSub(w, increment);
    }

    private Op adagrad(Optimizer.Adagrad spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr) {
        Variable<TFloat32> accumulator = slot(w, "accumulator", spec.initialAccumulatorValue());
        Operand<TFloat32> sum = tf.assignAdd(accumulator, tf.math.square(g));
        Operand<TFloat32> denominator = tf.math.sqrt(tf.math.add(sum, constant(spec.epsilon())));
        return tf.assignSub(w, tf.math.div(tf.math.mul(lr, g), denominator));
    }

    /** A per-weight optimizer variable named {@code <weight>_<role>}, starting at {@code start} everywhere. */
    private Variable<TFloat32> slot(Variable<TFloat32> weight, String role, double start) {
        Shape shape = weight.shape();
        Variable<TFloat32> slot = tf.withName(weight.op().name() + "_" + role).variable(shape, TFloat32.class);
        initializers.add(tf.assign(slot, tf.fill(tf.constant(shape), constant(start))));
        return slot;
    }

    private Operand<TFloat32> constant(double value) { return tf.constant((float) value); }
}
