package dev.dlm.compiler.keras;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import dev.dlm.compiler.shape.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one table between dlm's checked layers and Keras: a layer's Keras class and
 * configuration (in Keras 3's form, or in the Keras 2 form TensorFlow.js reads), the HDF5
 * groups Keras 3 keeps its weights in, TensorFlow.js's weight names, and the Keras arguments
 * dlm does not model but accepts at their default value when importing. dlm's layer kinds and
 * argument names are Keras's, so most of the mapping is by name; the exceptions live here.
 */
public final class KerasLayers {
    private KerasLayers() {}

    /** Which reader a configuration is written for. */
    public enum Flavour {
        /** Keras 3's {@code .keras} config: {@code module} and {@code registered_name} on every object. */
        KERAS3,
        /** Keras 2's config, which TensorFlow.js's {@code loadLayersModel} reads. */
        TFJS
    }

    /** The Keras version dlm writes into exported files' metadata. */
    public static final String KERAS_VERSION = "3.15.1";

    /** The layer arguments that only declare the model's input (exported as an InputLayer instead). */
    private static final Set<String> INPUT_ARGS = Set.of("input_shape", "input_dim", "input_length");

    /**
     * Keras arguments dlm has no counterpart for, with the value at which they change nothing
     * ({@link #ANY} when every value computes the same function, as LSTM's {@code implementation}).
     * An imported layer with any other value is refused rather than silently changed.
     */
    public static final Map<String, Object> NEUTRAL_ARGS = new HashMap<>();
    /** Marks an argument of {@link #NEUTRAL_ARGS} whose every value is neutral. */
    public static final Object ANY = new Object();

    static {
        for (String k : List.of("kernel_constraint", "bias_constraint", "activity_regularizer",
                "recurrent_constraint", "beta_constraint", "gamma_constraint", "embeddings_constraint",
                "lora_rank", "renorm_clipping", "fused", "adjustment", "virtual_batch_size", "quantization_config",
                "noise_shape", "seed")) {
            NEUTRAL_ARGS.put(k, null);
        }
        for (String k : List.of("synchronized", "renorm", "time_major", "zero_output_for_mask", "sparse", "ragged",
                "use_cudnn")) {
            NEUTRAL_ARGS.put(k, false);
        }
        // Keras 3 writes Bidirectional's backward_layer out even when it made it as the mirror of
        // the forward layer, which is the only backward layer dlm has.
        for (String k : List.of("backward_layer", "dtype", "implementation", "renorm_momentum", "lora_alpha", "build_config",
                "batch_size", "autocast", "input_dtype", "trainable")) {
            NEUTRAL_ARGS.put(k, ANY);
        }
        NEUTRAL_ARGS.put("groups", 1L);
    }

    /** Keras's class name of a layer: dlm's layer kinds are Keras's class names. */
    public static String className(CheckedLayer layer) { return layer.kind().kerasName(); }

    /** Keras's snake-case name of a class ({@code MaxPooling2D} -> {@code max_pooling2d}), as its naming module makes it. */
    public static String snakeName(LayerKind kind) {
        LayerRule rule = LayerCatalogue.rule(kind);
        return rule != null ? rule.namePrefix() : kind.kerasName().toLowerCase(Locale.ROOT);
    }

    /** Keras's InputLayer entry of a Sequential model with sample shape {@code input}. */
    public static Map<String, Object> inputLayer(Shape input) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_shape", batchShape(input));
        config.put("dtype", "float32");
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", "input_layer");
        return object("keras.layers", "InputLayer", config, Flavour.KERAS3);
    }

    /** {@code [null, d1, d2, ...]}: a sample shape with Keras's unknown batch axis. */
    public static List<Object> batchShape(Shape sample) {
        List<Object> dims = new ArrayList<>();
        dims.add(null);
        for (int i = 0; i < sample.rank(); i++) dims.add(sample.dim(i));
        return dims;
    }

    /**
     * The layer as Keras's {@code {"class_name", "config"}} object: its name, every argument of
     * its rule in Keras's spelling, and, for TF.js's first layer, {@code batch_input_shape}.
     */
    public static Map<String, Object> layer(CheckedLayer layer, Flavour flavour, boolean first) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", layer.name());
        config.put("trainable", layer.config().values().getOrDefault("trainable", true) instanceof Boolean b ? b : true);
        config.put("dtype", "float32");
        if (first && flavour == Flavour.TFJS) config.put("batch_input_shape", batchShape(layer.input()));
        LayerRule rule = LayerCatalogue.rule(layer.kind());
        for (ArgSpec arg : rule.signature()) {
            if (arg.type() == ArgType.IGNORED || INPUT_ARGS.contains(arg.name())) continue;
            Object value = layer.config().values().get(arg.name());
            if (flavour == Flavour.TFJS && arg.name().equals("keepdims") && Boolean.FALSE.equals(value)) continue;
            config.put(arg.name(), toKeras(value, flavour));
        }
        return object("keras.layers", className(layer), config, flavour);
    }

    private static Object toKeras(Object value, Flavour flavour) {
        if (value instanceof Initializer init) return initializer(init, flavour);
        if (value instanceof Activation a) return a.kerasName();
        if (value instanceof Regularizer reg) return regularizer(reg, flavour);
        if (value instanceof CheckedLayer inner) return layer(inner, flavour, false);
        return value;
    }

    /** Keras's serialized initializer: {@code glorot_uniform} becomes class {@code GlorotUniform}. */
    static Map<String, Object> initializer(Initializer init, Flavour flavour) {
        Map<String, Object> config = new LinkedHashMap<>();
        Initializer named = init instanceof Initializer.Segments s ? s.parts().get(0).initializer() : init;
        if (named instanceof Initializer.RandomUniform r) {
            config.put("minval", r.min());
            config.put("maxval", r.max());
            config.put("seed", null);
        } else if (named instanceof Initializer.Orthogonal o) {
            config.put("gain", o.gain());
            config.put("seed", null);
        } else if (!(named instanceof Initializer.Constant)) {
            config.put("seed", null);
        }
        return object("keras.initializers", camel(named.kerasName()), config, flavour);
    }

    static Map<String, Object> regularizer(Regularizer reg, Flavour flavour) {
        Map<String, Object> config = new LinkedHashMap<>();
        String cls;
        if (flavour == Flavour.TFJS) {
            cls = "L1L2";
            config.put("l1", reg.l1());
            config.put("l2", reg.l2());
        } else if (reg.l1() == 0) {
            cls = "L2";
            config.put("l2", reg.l2());
        } else if (reg.l2() == 0) {
            cls = "L1";
            config.put("l1", reg.l1());
        } else {
            cls = "L1L2";
            config.put("l1", reg.l1());
            config.put("l2", reg.l2());
        }
        return object("keras.regularizers", cls, config, flavour);
    }

    private static Map<String, Object> object(String module, String cls, Map<String, Object> config, Flavour flavour) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (flavour == Flavour.KERAS3) m.put("module", module);
        m.put("class_name", cls);
        m.put("config", config);
        if (flavour == Flavour.KERAS3) m.put("registered_name", null);
        return m;
    }

    /** {@code glorot_uniform} -> {@code GlorotUniform}. */
    static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /**
     * One HDF5 group of a layer's weights in Keras 3's {@code model.weights.h5}: its path below
     * the layer's group ({@code ""} for the layer itself, {@code cell} for a recurrent layer's
     * cell) and dlm's parameter names in the order Keras numbers them ({@code vars/0, vars/1...}).
     */
    public record WeightGroup(String path, List<String> params) {}

    /**
     * Where Keras 3 keeps the layer's weights: trainable weights first, then the others, as
     * Keras's {@code Layer.save_own_variables} orders them; recurrent layers keep theirs in their
     * {@code cell}, and Bidirectional in its {@code forward_layer} and {@code backward_layer}.
     */
    public static List<WeightGroup> weightGroups(CheckedLayer layer) {
        if (layer.params().isEmpty()) return List.of();
        return switch (layer.kind()) {
            case SIMPLE_RNN, LSTM, GRU -> List.of(new WeightGroup("cell", ordered(layer.params(), "")));
            case BIDIRECTIONAL -> List.of(
                    new WeightGroup("forward_layer/cell", ordered(layer.params(), "forward_")),
                    new WeightGroup("backward_layer/cell", ordered(layer.params(), "backward_")));
            default -> List.of(new WeightGroup("", ordered(layer.params(), "")));
        };
    }

    /** All of a layer's parameter names in Keras's order (as {@link #weightGroups} lists them, flattened). */
    public static List<String> kerasOrder(CheckedLayer layer) {
        List<String> out = new ArrayList<>();
        for (WeightGroup g : weightGroups(layer)) out.addAll(g.params());
        return out;
    }

    private static List<String> ordered(List<ParamSpec> params, String prefix) {
        List<String> out = new ArrayList<>();
        for (ParamSpec p : params) if (p.trainable() && p.name().startsWith(prefix)) out.add(p.name());
        for (ParamSpec p : params) if (!p.trainable() && p.name().startsWith(prefix)) out.add(p.name());
        return out;
    }

    /**
     * TensorFlow.js's name of a weight, which {@code loadLayersModel} matches the manifest by:
     * {@code layer/weight}, and for Bidirectional {@code layer/forward_inner/weight}.
     */
    public static String tfjsName(CheckedLayer layer, String param) {
        if (layer.kind() == LayerKind.BIDIRECTIONAL) {
            CheckedLayer inner = layer.config().layer("layer");
            int cut = param.indexOf('_');
            String direction = param.substring(0, cut);
            return layer.name() + "/" + direction + "_" + inner.name() + "/" + param.substring(cut + 1);
        }
        return layer.name() + "/" + param;
    }

    /**
     * Why TensorFlow.js cannot load the layer, or null when it can: tfjs-layers 4.22's GRU
     * refuses {@code reset_after=True} (Keras's default since 2.x).
     */
    public static String tfjsUnsupported(CheckedLayer layer) {
        CheckedLayer inner = layer.kind() == LayerKind.BIDIRECTIONAL ? layer.config().layer("layer") : layer;
        if (inner.kind() == LayerKind.GRU && inner.config().bool("reset_after")) {
            return "TensorFlow.js's GRU does not support reset_after=True (layer " + layer.name() + ")";
        }
        return null;
    }

    /** True when a layer's rule or {@link LayerCatalogue#COMMON} has an argument of this name. */
    static ArgSpec argument(LayerKind kind, String name) {
        LayerRule rule = LayerCatalogue.rule(kind);
        if (rule != null) for (ArgSpec a : rule.signature()) if (a.name().equals(name)) return a;
        for (ArgSpec a : LayerCatalogue.COMMON) if (a.name().equals(name)) return a;
        return null;
    }
}
