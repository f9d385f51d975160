package dev.dlm.compiler.layers;

/**
 * One parameter of a layer's signature: its Keras name, type, and default (null = None;
 * {@link #REQUIRED} = must be given).
 */
public record ArgSpec(String name, ArgType type, Object defaultValue) {

    /** Marks an argument without a default. */
    public static final Object REQUIRED = new Object() {
        @Override public String toString() { return "required"; }
    };

    public boolean required() { return defaultValue == REQUIRED; }

    public static ArgSpec req(String name, ArgType type) { return new ArgSpec(name, type, REQUIRED); }

    public static ArgSpec opt(String name, ArgType type, Object defaultValue) { return new ArgSpec(name, type, defaultValue); }
}
