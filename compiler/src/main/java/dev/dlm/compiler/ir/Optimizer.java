package dev.dlm.compiler.ir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras optimizer with every hyper-parameter resolved (Keras's defaults where the file is
 * silent). The runtime implements each record's update rule exactly as Keras does.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam, Optimizer.RmsProp, Optimizer.Adagrad {

    /** Keras's name for the optimizer: {@code sgd}, {@code adam}, {@code rmsprop}, {@code adagrad}. */
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

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
