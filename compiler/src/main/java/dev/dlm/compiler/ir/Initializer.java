package dev.dlm.compiler.ir;

/**
 * Keras's initializers by name, with the arguments that matter. The runtime implements each
 * exactly as Keras does (glorot_uniform is U[-limit, limit], limit = sqrt(6 / (fan_in + fan_out))).
 */
public record Initializer(String name, double a, double b) {

    public static final Initializer GLOROT_UNIFORM = new Initializer("glorot_uniform", 0, 0);
    public static final Initializer GLOROT_NORMAL = new Initializer("glorot_normal", 0, 0);
    public static final Initializer HE_UNIFORM = new Initializer("he_uniform", 0, 0);
    public static final Initializer HE_NORMAL = new Initializer("he_normal", 0, 0);
    public static final Initializer LECUN_UNIFORM = new Initializer("lecun_uniform", 0, 0);
    public static final Initializer LECUN_NORMAL = new Initializer("lecun_normal", 0, 0);
    public static final Initializer ORTHOGONAL = new Initializer("orthogonal", 1.0, 0);
    public static final Initializer ZEROS = new Initializer("zeros", 0, 0);
    public static final Initializer ONES = new Initializer("ones", 0, 0);
    /** Keras's Embedding default: RandomUniform(-0.05, 0.05). */
    public static final Initializer EMBEDDING_UNIFORM = new Initializer("random_uniform", -0.05, 0.05);

    /** For random_uniform: the bounds {@code [a, b)}; for orthogonal: {@code a} is the gain. */
    @Override public String toString() {
        return switch (name) {
            case "random_uniform" -> name + "(" + a + ", " + b + ")";
            default -> name;
        };
    }
}
