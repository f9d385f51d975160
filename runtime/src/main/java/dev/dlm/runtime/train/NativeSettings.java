package dev.dlm.runtime.train;

/**
 * JVM-wide settings of TensorFlow Java's native layer, applied before it first loads.
 * <p>
 * JavaCPP (under TensorFlow Java) reads the process's resident size from {@code /proc/self/statm}
 * each time it allocates a native pointer with a deallocator, as long as
 * {@code org.bytedeco.javacpp.maxPhysicalBytes} is set, which it is by default: every
 * {@code Session.run} allocates several (its feeds, fetches and their {@code Result}), so a
 * training step paid 40-50 µs of CPU for it, a fifth of a small model's step outside the graph
 * (docs/benchmarks.md, "MLP step (mlp12)"). The check only makes JavaCPP call the garbage
 * collector or throw when the process is large; dlm closes every tensor and result explicitly
 * (the garbage collector never reclaimed TensorFlow's native memory anyway), and JavaCPP's
 * cheap count of its own bytes ({@code maxBytes}) stays. A value set by the user
 * ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=...}) is kept.
 */
public final class NativeSettings {

    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeSettings() {}

    /** Idempotent; takes effect only before JavaCPP's {@code Pointer} class is initialized. */
    public static void apply() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase(java.util.Locale.ROOT)) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
