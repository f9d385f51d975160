package dev.dlm.compiler.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's arguments after checking: every argument of the layer kind is present (defaults
 * filled in as Keras fills them) and normalized to plain Java values: {@link Long},
 * {@link Double}, {@link String}, {@link Boolean}, {@code List<Long>} for tuples,
 * {@link Regularizer}, {@link CheckedLayer} for a wrapped layer, or null for None.
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

    public Regularizer regularizer(String key) { return (Regularizer) need(key); }

    public CheckedLayer layer(String key) { return (CheckedLayer) need(key); }
}
