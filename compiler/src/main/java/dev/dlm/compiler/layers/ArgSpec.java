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

    /**
     * Keras's {@code data_format}: None (Keras's default) means channels last, the only layout
     * dlm supports; {@code 'channels_first'} is rejected with the valid choice named.
     */
    public static final ArgSpec DATA_FORMAT = new ArgSpec("data_format", ArgType.choice("channels_last"), "channels_last");

    /**
     * Keras's {@code data_format} of the convolution and pooling layers, which also take
     * {@code 'channels_first'} ({@code [channels, ...spatial]}); None means channels last.
     */
    public static final ArgSpec DATA_FORMAT_EITHER = new ArgSpec("data_format", ArgType.choice("channels_last", "channels_first"),
            "channels_last");

    public static ArgSpec req(String name, ArgType type) { return new ArgSpec(name, type, REQUIRED); }

    public static ArgSpec opt(String name, ArgType type, Object defaultValue) { return new ArgSpec(name, type, defaultValue); }
}
