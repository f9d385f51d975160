package dev.dlm.compiler.layers;

import dev.dlm.compiler.ir.Initializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Keras's names for activations, initializers, losses, optimizers and metrics, with aliases. */
public final class Catalogs {
    private Catalogs() {}

    public static final List<String> ACTIVATIONS = List.of(
            "relu", "elu", "selu", "softplus", "softsign", "sigmoid", "hard_sigmoid", "tanh", "softmax",
            "linear", "swish", "gelu", "exponential", "relu6");

    /** The canonical activation name, or null if unknown. {@code silu} is Keras's alias of swish. */
    public static String activation(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("silu")) return "swish";
        return ACTIVATIONS.contains(n) ? n : null;
    }

    public static final Map<String, Initializer> INITIALIZERS = new LinkedHashMap<>();

    static {
        for (Initializer i : List.of(Initializer.GLOROT_UNIFORM, Initializer.GLOROT_NORMAL, Initializer.HE_UNIFORM,
                Initializer.HE_NORMAL, Initializer.LECUN_UNIFORM, Initializer.LECUN_NORMAL, Initializer.ORTHOGONAL,
                Initializer.ZEROS, Initializer.ONES)) {
            INITIALIZERS.put(i.name(), i);
        }
        INITIALIZERS.put("random_uniform", Initializer.EMBEDDING_UNIFORM);
        INITIALIZERS.put("uniform", Initializer.EMBEDDING_UNIFORM);
    }

    public static Initializer initializer(String name) {
        return INITIALIZERS.get(name.toLowerCase(Locale.ROOT));
    }

    /** Canonical loss names by every alias Keras accepts. */
    public static final Map<String, String> LOSSES = new LinkedHashMap<>();

    static {
        LOSSES.put("categorical_crossentropy", "categorical_crossentropy");
        LOSSES.put("sparse_categorical_crossentropy", "sparse_categorical_crossentropy");
        LOSSES.put("binary_crossentropy", "binary_crossentropy");
        LOSSES.put("mean_squared_error", "mean_squared_error");
        LOSSES.put("mean_absolute_error", "mean_absolute_error");
        LOSSES.put("mse", "mean_squared_error");
        LOSSES.put("mae", "mean_absolute_error");
    }

    public static String loss(String name) {
        return LOSSES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Keras's optimizers with every hyper-parameter's default (booleans as 0/1). */
    public static final Map<String, Map<String, Double>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("sgd", ordered("learning_rate", 0.01, "momentum", 0.0, "nesterov", 0.0));
        OPTIMIZERS.put("adam", ordered("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7,
                "amsgrad", 0.0));
        OPTIMIZERS.put("rmsprop", ordered("learning_rate", 0.001, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7,
                "centered", 0.0));
        OPTIMIZERS.put("adagrad", ordered("learning_rate", 0.001, "initial_accumulator_value", 0.1, "epsilon", 1e-7));
    }

    /** Boolean hyper-parameters (stored as 0/1). */
    public static final List<String> OPTIMIZER_FLAGS = List.of("nesterov", "amsgrad", "centered");

    public static final List<String> METRICS = List.of("accuracy");

    /** The canonical metric name: Keras accepts {@code acc} for accuracy. */
    public static String metric(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("acc") || n.equals("accuracy") ? "accuracy" : null;
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Double) kv[i + 1]);
        return m;
    }
}
