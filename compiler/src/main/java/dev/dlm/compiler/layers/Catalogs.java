package dev.dlm.compiler.layers;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.Optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The names a file may use for activations, initializers, losses, optimizers and metrics, each
 * mapped to its typed IR value. Editors' keyword lists are pinned to these by a test.
 */
public final class Catalogs {
    private Catalogs() {}

    /** Canonical activation names (aliases such as {@code silu} are accepted but not listed). */
    public static final List<String> ACTIVATIONS = Activation.names();

    /** The activation a name denotes, or null if unknown. */
    public static Activation activation(String name) { return Activation.byName(name); }

    public static final Map<String, Initializer> INITIALIZERS = Initializer.named();

    public static Initializer initializer(String name) {
        return INITIALIZERS.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every loss name, aliases included. */
    public static final Set<String> LOSSES = Loss.names();

    public static Loss loss(String name) { return Loss.byName(name); }

    /**
     * One optimizer's hyper-parameters with Keras's defaults (in Keras's order; booleans as
     * {@link Boolean}) and how to build the IR record from the resolved values.
     */
    public record OptimizerForm(Map<String, Object> defaults, Function<Map<String, Object>, Optimizer> build) {}

    /** Keras's optimizers by name. */
    public static final Map<String, OptimizerForm> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("sgd", new OptimizerForm(new Optimizer.Sgd(0.01, 0.0, false).config(),
                v -> new Optimizer.Sgd(d(v, "learning_rate"), d(v, "momentum"), b(v, "nesterov"))));
        OPTIMIZERS.put("adam", new OptimizerForm(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-7, false).config(),
                v -> new Optimizer.Adam(d(v, "learning_rate"), d(v, "beta_1"), d(v, "beta_2"), d(v, "epsilon"), b(v, "amsgrad"))));
        OPTIMIZERS.put("rmsprop", new OptimizerForm(new Optimizer.RmsProp(0.001, 0.9, 0.0, 1e-7, false).config(),
                v -> new Optimizer.RmsProp(d(v, "learning_rate"), d(v, "rho"), d(v, "momentum"), d(v, "epsilon"), b(v, "centered"))));
        OPTIMIZERS.put("adagrad", new OptimizerForm(new Optimizer.Adagrad(0.001, 0.1, 1e-7).config(),
                v -> new Optimizer.Adagrad(d(v, "learning_rate"), d(v, "initial_accumulator_value"), d(v, "epsilon"))));
        // Issue 14: Keras 3.15's defaults.
        OPTIMIZERS.put("adamw", new OptimizerForm(new Optimizer.AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, false).config(),
                v -> new Optimizer.AdamW(d(v, "learning_rate"), d(v, "weight_decay"), d(v, "beta_1"), d(v, "beta_2"),
                        d(v, "epsilon"), b(v, "amsgrad"))));
        OPTIMIZERS.put("nadam", new OptimizerForm(new Optimizer.Nadam(0.001, 0.9, 0.999, 1e-7).config(),
                v -> new Optimizer.Nadam(d(v, "learning_rate"), d(v, "beta_1"), d(v, "beta_2"), d(v, "epsilon"))));
        OPTIMIZERS.put("adamax", new OptimizerForm(new Optimizer.Adamax(0.001, 0.9, 0.999, 1e-7).config(),
                v -> new Optimizer.Adamax(d(v, "learning_rate"), d(v, "beta_1"), d(v, "beta_2"), d(v, "epsilon"))));
        OPTIMIZERS.put("ftrl", new OptimizerForm(new Optimizer.Ftrl(0.001, -0.5, 0.1, 0.0, 0.0, 0.0, 0.0).config(),
                v -> new Optimizer.Ftrl(d(v, "learning_rate"), d(v, "learning_rate_power"), d(v, "initial_accumulator_value"),
                        d(v, "l1_regularization_strength"), d(v, "l2_regularization_strength"),
                        d(v, "l2_shrinkage_regularization_strength"), d(v, "beta"))));
    }

    public static final List<String> METRICS = Metric.names();

    public static Metric metric(String name) { return Metric.byName(name); }

    private static double d(Map<String, Object> v, String key) { return ((Number) v.get(key)).doubleValue(); }

    private static boolean b(Map<String, Object> v, String key) { return (Boolean) v.get(key); }
}
