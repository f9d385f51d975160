package dev.dlm.compiler.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer with every hyper-parameter resolved to Keras's default where the file is
 * silent: {@code sgd} (learning_rate, momentum, nesterov), {@code adam} (learning_rate,
 * beta_1, beta_2, epsilon, amsgrad), {@code rmsprop} (learning_rate, rho, momentum,
 * epsilon, centered), {@code adagrad} (learning_rate, initial_accumulator_value, epsilon).
 * Booleans are stored as 0.0 / 1.0.
 */
public record OptimizerSpec(String name, Map<String, Double> hyper) {

    public OptimizerSpec {
        hyper = Collections.unmodifiableMap(new LinkedHashMap<>(hyper));
    }

    public double get(String key) {
        Double v = hyper.get(key);
        if (v == null) throw new IllegalArgumentException(name + " has no hyper-parameter " + key);
        return v;
    }

    public boolean flag(String key) { return get(key) != 0.0; }
}
