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
 *     {@code initial_accumulator_value};</li>
 * <li>adamw: Keras's decoupled weight decay {@code w -= w (weight_decay lr)} (the step's rate), then
 *     adam's update of the decayed weight;</li>
 * <li>nadam: {@code u_t = b1 (1 - 0.5 0.96^t)}, a running product {@code P_t = u_1 ... u_t} (one
 *     variable, updated once per step before the weights), {@code m}, {@code v} as adam,
 *     {@code m^ = u_{t+1} m / (1 - P_t u_{t+1}) + (1 - u_t) g / (1 - P_t)},
 *     {@code w -= lr m^ / (sqrt(v / (1 - b2^t)) + eps)};</li>
 * <li>adamax: {@code m} as adam, {@code u = max(b2 u, |g|)}, {@code w -= lr m / ((1 - b1^t)(u + eps))};</li>
 * <li>ftrl: {@code n' = n + g^2}, {@code z += g + 2 l2s w - (n'^-p - n^-p) / lr w},
 *     {@code w = (clip(z, -l1, l1) - z) / (n'^-p / lr + 2 (l2 + beta / (2 lr)))}, {@code n = n'}
 *     ({@code p} = {@code learning_rate_power}, {@code n} starting at {@code initial_accumulator_value}).</li>
 * </ul>
 * Keras 3 computes these in the weight's dtype (float32), as here. Adam and RMSprop are written
 * op for op as Keras 3 writes them, with constants such as {@code 1 - beta_1} computed in double
 * and rounded once, as Python computes them: the loss then follows Keras's step by step
 * (StepParityTest). Where a fused TensorFlow kernel computes the same float32 expression, it
 * runs instead of Keras's separate ops (fewer passes over a large kernel): the slots' moving
 * averages ({@link #moveTowards}) and Adam's weight step ({@link #weightStep}), bit for bit
 * (OptimizersBitsTest). The iteration counter {@code t} increments after, and control-dependent
 * on, every update.
 * The learning rate is an input of the graph (the trainer feeds each step's rate from the
 * schedule or ReduceLROnPlateau), and the iteration variable is the model graph's (it also keys
 * the dropout masks), so a checkpoint carries both.
 */
final class Optimizers {

    /** One training step's update op and the ops that set the optimizer's slots to their start values. */
    record Update(Op step, List<Op> initializers) {}

    private final Ops tf;
    /**
     * {@code tf} with control dependencies on the gates: for an update that writes a weight
     * without reading a gradient (AdamW's decay), which would otherwise be free to run before
     * the forward pass reads the weight.
     */
    private final Ops afterGates;
    private final List<Op> initializers = new ArrayList<>();

    /** Nadam's momentum-schedule product {@code P_t} after this step's factor; null for other optimizers. */
    private Operand<TFloat32> nadamProduct;

    private Optimizers(Ops tf, Ops afterGates) {
        this.tf = tf;
        this.afterGates = afterGates;
    }

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
        return new Optimizers(tf, afterGates).update(spec, iterations, learningRate, weights, gated);
    }

    private Update update(Optimizer spec, Variable<TInt64> iterations, Operand<TFloat32> lr,
                          List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients) {
        initializers.add(tf.assign(iterations, tf.constant(0L)));
        Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(iterations, tf.constant(1L)), TFloat32.class);
        if (spec instanceof Optimizer.Nadam nadam) {
            // Keras updates the product once per step, before any weight's update reads it.
            Variable<TFloat32> product = tf.withName("optimizer_u_product").variable(Shape.scalar(), TFloat32.class);
            initializers.add(tf.assign(product, constant(1)));
            // Keras's order: (P * beta_1) * (1 - 0.5 * 0.96^t), not P * u_t (they round differently).
            nadamProduct = tf.assign(product, tf.math.mul(tf.math.mul(product, constant(nadam.beta1())),
                    tf.math.sub(constant(1), tf.math.mul(constant(0.5), tf.math.pow(constant(0.96), t)))));
        }
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
        if (spec instanceof Optimizer.AdamW adamw) return adamw(adamw, w, g, lr, t);
        if (spec instanceof Optimizer.Nadam nadam) return nadam(nadam, w, g, lr, t);
        if (spec instanceof Optimizer.Adamax adamax) return adamax(adamax, w, g, lr, t);
        if (spec instanceof Optimizer.Ftrl ftrl) return ftrl(ftrl, w, g, lr);
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
        return adam(tf, spec, w, g, lr, t);
    }

    /** Adam's update built with {@code tf} (which may carry control dependencies, such as AdamW's decay). */
    private Op adam(Ops tf, Optimizer.Adam spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        Operand<TFloat32> one = constant(1);
        Operand<TFloat32> beta1Power = tf.math.pow(constant(spec.beta1()), t);
        Operand<TFloat32> beta2Power = tf.math.pow(constant(spec.beta2()), t);
        Variable<TFloat32> m = slot(w, "m", 0);
        Variable<TFloat32> v = slot(w, "v", 0);
        Operand<TFloat32> alpha = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, beta2Power))),
                tf.math.sub(one, beta1Power));
        Operand<TFloat32> mNew = moveTowards(tf, m, g, constant(1 - spec.beta1()));
        Operand<TFloat32> vNew = moveTowards(tf, v, tf.math.square(g), constant(1 - spec.beta2()));
        Variable<TFloat32> denominatorSlot = v;
        if (spec.amsgrad()) {
            Variable<TFloat32> vMax = slot(w, "vhat", 0);
            vNew = tf.assign(vMax, tf.math.maximum(vMax, vNew));
            denominatorSlot = vMax;
        }
        return weightStep(tf, w, m, denominatorSlot, List.<Op>of(mNew, vNew), alpha, g, constant(spec.epsilon()));
    }

    /**
     * Keras's {@code w -= (m * alpha) / (sqrt(v) + epsilon)} with {@code m} and {@code v} the
     * slots after their update ({@code updated}), as one fused {@code ApplyAdam} instead of
     * five element-wise ops: its CPU kernel computes {@code alpha = lr sqrt(1 - beta2_power) /
     * (1 - beta1_power)}, {@code m += (g - m)(1 - beta1)}, {@code v += (g^2 - v)(1 - beta2)} and
     * then {@code var -= (m alpha) / (sqrt(v) + epsilon)}, Keras's expression. Fed
     * {@code lr = alpha} and both powers zero, its alpha is Keras's exactly ({@code alpha * 1 / 1});
     * fed {@code beta1 = beta2 = 1}, its slot updates add {@code (...) * 0}, which leaves every
     * finite slot as it was (a slot is never -0, so {@code m + (+-0) = m}), so the slots keep
     * Keras's rounding, done before by {@link #moveTowards}. OptimizersBitsTest checks the whole
     * update against IEEE float32 on a million values; StepParityTest against Keras. Where
     * {@code g^2} overflows float32 the kernel's {@code (inf - v) * 0} makes the weight NaN
     * (the run then stops at the NaN check), where Keras would freeze it at an infinite {@code v}.
     */
    static Op weightStep(Ops tf, Variable<TFloat32> w, Variable<TFloat32> m, Variable<TFloat32> v,
                                 List<Op> updated, Operand<TFloat32> alpha, Operand<TFloat32> g,
                                 Operand<TFloat32> epsilon) {
        Operand<TFloat32> zero = tf.constant(0f), one = tf.constant(1f);
        return tf.withControlDependencies(updated).train.applyAdam(w, m, v, zero, zero, alpha, one, one, epsilon, g);
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

    /**
     * Keras's {@code _apply_weight_decay} on every trainable weight, then Adam's update of the
     * decayed weight. Keras writes the decay {@code w -= w * wd * lr}, but what runs is
     * {@code w * (wd * lr)}: TensorFlow's graph optimizer (Grappler's arithmetic optimizer,
     * which minimizes broadcasts) multiplies the two scalars first, and the two orders round
     * differently (one weight of the MLP's 200,704 after the first step; step parity then
     * parted from Keras by 1e-6 within 200 steps). The decay reads no gradient, so it is
     * gated explicitly: ungated, it ran while the forward pass was still reading the weights
     * (the step's loss then saw some weights decayed: 3.7e-3 to 4.5e-2 from Keras, varying
     * with the scheduling).
     */
    private Op adamw(Optimizer.AdamW spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        Op decay = afterGates.assignSub(w, tf.math.mul(w, tf.math.mul(constant(spec.weightDecay()), lr)));
        return adam(tf.withControlDependencies(java.util.List.of(decay)), spec.adam(), w, g, lr, t);
    }

    /** Nadam's {@code u_t = beta_1 (1 - 0.5 0.96^t)}. */
    private Operand<TFloat32> momentumFactor(double beta1, Operand<TFloat32> t) {
        return tf.math.mul(constant(beta1),
                tf.math.sub(constant(1), tf.math.mul(constant(0.5), tf.math.pow(constant(0.96), t))));
    }

    private Op nadam(Optimizer.Nadam spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        Operand<TFloat32> one = constant(1);
        Operand<TFloat32> beta1 = constant(spec.beta1());
        Operand<TFloat32> beta2 = constant(spec.beta2());
        Operand<TFloat32> uT = momentumFactor(spec.beta1(), t);
        Operand<TFloat32> uNext = momentumFactor(spec.beta1(), tf.math.add(t, one));
        Operand<TFloat32> productNext = tf.math.mul(nadamProduct, uNext);
        Variable<TFloat32> m = slot(w, "momentum", 0);
        Variable<TFloat32> v = slot(w, "velocity", 0);
        Operand<TFloat32> mNew = moveTowards(tf, m, g, tf.math.sub(one, beta1));
        Operand<TFloat32> vNew = moveTowards(tf, v, tf.math.square(g), tf.math.sub(one, beta2));
        Operand<TFloat32> mHat = tf.math.add(
                tf.math.div(tf.math.mul(uNext, mNew), tf.math.sub(one, productNext)),
                tf.math.div(tf.math.mul(tf.math.sub(one, uT), g), tf.math.sub(one, nadamProduct)));
        Operand<TFloat32> vHat = tf.math.div(vNew, tf.math.sub(one, tf.math.pow(beta2, t)));
        return tf.assignSub(w, tf.math.div(tf.math.mul(mHat, lr), tf.math.add(tf.math.sqrt(vHat), constant(spec.epsilon()))));
    }

    private Op adamax(Optimizer.Adamax spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr, Operand<TFloat32> t) {
        Operand<TFloat32> one = constant(1);
        Operand<TFloat32> beta1 = constant(spec.beta1());
        Variable<TFloat32> m = slot(w, "momentum", 0);
        Variable<TFloat32> u = slot(w, "norm", 0);
        // Keras computes 1 - beta_1 in Python's double here (unlike Nadam's float32 tensor).
        Operand<TFloat32> mNew = moveTowards(tf, m, g, constant(1 - spec.beta1()));
        Operand<TFloat32> uNew = tf.assign(u, tf.math.maximum(tf.math.mul(constant(spec.beta2()), u), tf.math.abs(g)));
        Operand<TFloat32> denominator = tf.math.mul(tf.math.sub(one, tf.math.pow(beta1, t)),
                tf.math.add(uNew, constant(spec.epsilon())));
        return tf.assignSub(w, tf.math.div(tf.math.mul(lr, mNew), denominator));
    }

    private Op ftrl(Optimizer.Ftrl spec, Variable<TFloat32> w, Operand<TFloat32> g, Operand<TFloat32> lr) {
        Variable<TFloat32> accumulator = slot(w, "accumulator", spec.initialAccumulatorValue());
        Variable<TFloat32> linear = slot(w, "linear", 0);
        Operand<TFloat32> power = constant(-spec.learningRatePower());
        Operand<TFloat32> l2 = tf.math.add(constant(spec.l2RegularizationStrength()),
                tf.math.div(constant(spec.beta()), tf.math.mul(constant(2), lr)));
        Operand<TFloat32> gradient = tf.math.add(g, tf.math.mul(constant(2 * spec.l2ShrinkageRegularizationStrength()), w));
        Operand<TFloat32> oldPower = tf.math.pow(accumulator, power);
        Operand<TFloat32> newAccumulator = tf.math.add(accumulator, tf.math.square(g));
        Operand<TFloat32> newPower = tf.math.pow(newAccumulator, power);
        Operand<TFloat32> linearNew = tf.assignAdd(linear, tf.math.sub(gradient,
                tf.math.mul(tf.math.div(tf.math.sub(newPower, oldPower), lr), w)));
        Operand<TFloat32> quadratic = tf.math.add(tf.math.div(newPower, lr), tf.math.mul(constant(2), l2));
        Operand<TFloat32> l1 = constant(spec.l1RegularizationStrength());
        Operand<TFloat32> clipped = tf.clipByValue(linearNew, tf.math.neg(l1), l1);
        Op weight = tf.assign(w, tf.math.div(tf.math.sub(clipped, linearNew), quadratic));
        // The accumulator changes last: the linear term above read its old value.
        return tf.withControlDependencies(java.util.List.of(weight)).assign(accumulator, newAccumulator);
    }

    /**
     * Keras's moving average {@code slot += (target - slot) * factor} (Adam's, Nadam's and
     * Adamax's {@code m} and {@code v}), as one fused {@code ApplyGradientDescent}:
     * {@code slot -= (slot - target) * factor}. The two are equal bit for bit: {@code slot - target}
     * is exactly {@code -(target - slot)}, float multiplication and subtraction round
     * symmetrically in sign, and {@code a - b} is {@code a + (-b)}; and TensorFlow's CPU kernel
     * computes {@code var - grad * lr} without contracting it into a fused multiply-add
     * (OptimizersBitsTest checks both forms on a million values). Two passes over the slot
     * instead of three (the multiply and the update are one), which is Adam's largest cost on
     * a large kernel. Returns the slot after the update.
     */
    static Operand<TFloat32> moveTowards(Ops tf, Variable<TFloat32> slot, Operand<TFloat32> target, Operand<TFloat32> factor) {
        return tf.train.applyGradientDescent(slot, factor, tf.math.sub(slot, target));
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
