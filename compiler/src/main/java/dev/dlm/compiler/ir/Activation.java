package dev.dlm.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's activation functions, by their names in {@code keras.activations}. {@code silu} is
 * Keras's alias of {@code swish}. The runtime applies each exactly as Keras defines it.
 */
public enum Activation {
    LINEAR("linear"),
    RELU("relu"),
    RELU6("relu6"),
    LEAKY_RELU("leaky_relu"),
    ELU("elu"),
    SELU("selu"),
    SOFTPLUS("softplus"),
    SOFTSIGN("softsign"),
    SIGMOID("sigmoid"),
    HARD_SIGMOID("hard_sigmoid"),
    TANH("tanh"),
    SOFTMAX("softmax"),
    SWISH("swish"),
    GELU("gelu"),
    EXPONENTIAL("exponential");

    private final String kerasName;

    Activation(String kerasName) { this.kerasName = kerasName; }

    public String kerasName() { return kerasName; }

    /** Every accepted spelling, canonical names first, for messages and completion. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Activation a : values()) out.add(a.kerasName);
        return out;
    }

    /** The activation a name denotes (any case; {@code silu} for swish), or null. */
    public static Activation byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("silu")) return SWISH;
        for (Activation a : values()) if (a.kerasName.equals(n)) return a;
        return null;
    }

    @Override public String toString() { return kerasName; }
}
