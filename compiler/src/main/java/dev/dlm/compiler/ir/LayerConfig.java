package dev.dlm.compiler.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's arguments after checking, by Keras's argument names, in the layer's signature
 * order: what Keras's {@code get_config()} holds. Every argument of the kind is present
 * (defaults filled in as Keras fills them) with a typed value: {@link Long}, {@link Double},
 * {@link Boolean}, {@link String} (names and choices that are not catalogued), {@code List<Long>}
 * for tuples, {@link Activation}, {@link Initializer}, {@link Regularizer}, {@link CheckedLayer}
 * for a wrapped layer, or null for None.
 */
public record LayerConfig(Map<String, Object> values) {

    public LayerConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private Object need(String key) {
        if (!values.containsKey(key)) throw new IllegalArgumentException("no argument '" + key + "' in " + values.keySet());
        return values.get(key);
    }

    public boolean has(String key) { return values.get(key) != null; }

    public long integer(String key) { return (Long) need(key); }

    public int int32(String key) { return Math.toIntExact((Long) need(key)); }

    public double number(String key) { return ((Number) need(key)).doubleValue(); }

    public String string(String key) { return (String) need(key); }

    public boolean bool(String key) { return (Boolean) need(key); }

    @SuppressWarnings("unchecked")
    public List<Long> longs(String key) { return (List<Long>) need(key); }

    public Activation activation(String key) { return (Activation) need(key); }

    public Initializer initializer(String key) { return (Initializer) need(key); }

    public Regularizer regularizer(String key) { return (Regularizer) need(key); }

    public CheckedLayer layer(String key) { return (CheckedLayer) need(key); }

    /** This config with one argument replaced (Bidirectional's backward copy of its layer). */
    public LayerConfig with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new LayerConfig(m);
    }
}
