package dev.dlm.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code evaluate}: mean loss (regularization included) and accuracy over a split,
 * and the other metrics of the {@code train} block by their Keras names.
 */
public record Evaluation(double loss, double accuracy, Map<String, Double> metrics) {

    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
    }

    public Evaluation(double loss, double accuracy) { this(loss, accuracy, Map.of()); }
}
