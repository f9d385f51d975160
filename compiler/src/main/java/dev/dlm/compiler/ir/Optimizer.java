package dev.dlm.compiler.ir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras optimizer with every hyper-parameter resolved (Keras's defaults where the file is
 * silent). The runtime implements each record's update rule exactly as Keras does.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam, Optimizer.RmsProp, Optimizer.Adagrad,
        Optimizer.AdamW, Optimizer.Nadam, Optimizer.Adamax, Optimizer.Ftrl {

    /** Keras's name for the optimizer: {@code sgd}, {@code adam}, {@code rmsprop}, {@code adagrad}, {@code adamw}... */
    String kerasName();

    double learningRate();

    /** Optimizer variables kept per weight element (Adam's m and v: 2), for the memory estimate. */
    int slotsPerWeight();

    /** The hyper-parameters by Keras's argument names, as Keras's {@code get_config()} lists them. */
    Map<String, Object> config();

    /** {@code v = momentum v - lr g; w += v} (nesterov: {@code w += momentum v - lr g}). */
    record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {
        public String kerasName() { return "sgd"; }
        public int slotsPerWeight() { return momentum > 0 ? 1 : 0; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "momentum", momentum, "nesterov", nesterov);
        }
    }

    /** Adam with bias correction folded into the step size; {@code amsgrad} keeps the running max of v. */
    record Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) implements Optimizer {
        public String kerasName() { return "adam"; }
        public int slotsPerWeight() { return amsgrad ? 3 : 2; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "beta_1", beta1, "beta_2", beta2, "epsilon", epsilon,
                    "amsgrad", amsgrad);
        }
    }

    /** {@code ms = rho ms + (1 - rho) g^2; w -= lr g / sqrt(ms + eps)}, optionally centered and with momentum. */
    record RmsProp(double learningRate, double rho, double momentum, double epsilon, boolean centered) implements Optimizer {
        public String kerasName() { return "rmsprop"; }
        public int slotsPerWeight() { return 2 + (centered ? 1 : 0); }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "rho", rho, "momentum", momentum, "epsilon", epsilon,
                    "centered", centered);
        }
    }

    /** {@code a += g^2; w -= lr g / sqrt(a + eps)} with {@code a} starting at {@code initial_accumulator_value}. */
    record Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) implements Optimizer {
        public String kerasName() { return "adagrad"; }
        public int slotsPerWeight() { return 1; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "initial_accumulator_value", initialAccumulatorValue,
                    "epsilon", epsilon);
        }
    }

    // Issue 14's optimizers (Keras 3's update rules; the runtime's Optimizers documents each).

    /** Adam after decoupled weight decay: {@code w -= w weight_decay lr} first, then Adam's step. */
    record AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, boolean amsgrad)
            implements Optimizer {
        public String kerasName() { return "adamw"; }
        public int slotsPerWeight() { return amsgrad ? 3 : 2; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "weight_decay", weightDecay, "beta_1", beta1, "beta_2", beta2,
                    "epsilon", epsilon, "amsgrad", amsgrad);
        }
        /** The same step without the decay. */
        public Adam adam() { return new Adam(learningRate, beta1, beta2, epsilon, amsgrad); }
    }

    /** Adam with Nesterov momentum and Keras's momentum schedule {@code u_t = beta_1 (1 - 0.5 0.96^t)}. */
    record Nadam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public String kerasName() { return "nadam"; }
        public int slotsPerWeight() { return 2; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
        }
    }

    /** Adam with the infinity norm: {@code u = max(beta_2 u, |g|); w -= lr m / ((1 - beta_1^t)(u + eps))}. */
    record Adamax(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public String kerasName() { return "adamax"; }
        public int slotsPerWeight() { return 2; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
        }
    }

    /** Follow The Regularized Leader, with its accumulator and linear term, as Keras's {@code Ftrl}. */
    record Ftrl(double learningRate, double learningRatePower, double initialAccumulatorValue, double l1RegularizationStrength,
                double l2RegularizationStrength, double l2ShrinkageRegularizationStrength, double beta) implements Optimizer {
        public String kerasName() { return "ftrl"; }
        public int slotsPerWeight() { return 2; }
        public Map<String, Object> config() {
            return ordered("learning_rate", learningRate, "learning_rate_power", learningRatePower,
                    "initial_accumulator_value", initialAccumulatorValue,
                    "l1_regularization_strength", l1RegularizationStrength,
                    "l2_regularization_strength", l2RegularizationStrength,
                    "l2_shrinkage_regularization_strength", l2ShrinkageRegularizationStrength, "beta", beta);
        }
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
