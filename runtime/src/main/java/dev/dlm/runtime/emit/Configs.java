package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.LayerConfig;

import java.util.ArrayList;
import java.util.List;

/** Reading layer arguments that Keras accepts either as one number or as a tuple. */
final class Configs {

    private Configs() {}

    /** The argument as {@code rank} longs; a single number is repeated, as Keras does. */
    static List<Long> tuple(LayerConfig config, String key, int rank) {
        Object value = config.values().get(key);
        if (value instanceof Long single) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < rank; i++) out.add(single);
            return out;
        }
        @SuppressWarnings("unchecked") List<Long> list = (List<Long>) value;
        if (list == null || list.size() != rank) {
            throw new IllegalArgumentException("internal error: argument " + key + " = " + value + " is not a " + rank + "-tuple");
        }
        return list;
    }

    /** Pooling strides: Keras's {@code strides=None} means the pool size. */
    static List<Long> strides(LayerConfig config, int rank) {
        return config.has("strides") ? tuple(config, "strides", rank) : tuple(config, "pool_size", rank);
    }

    /** TensorFlow's padding name for Keras's {@code valid} / {@code same}. */
    static String padding(LayerConfig config) {
        return config.string("padding").toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code [1, values..., 1]}: an NHWC window or stride attribute. */
    static List<Long> nhwc(List<Long> spatial) {
        List<Long> out = new ArrayList<>();
        out.add(1L);
        out.addAll(spatial);
        out.add(1L);
        return out;
    }
}
