package dev.dlm.runtime.train;

import org.tensorflow.proto.ConfigProto;

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
 * <p>
 * <b>Thread pools.</b> By default TensorFlow runs every session of a process on two global pools
 * made for the <em>first</em> session: its inter-op pool (unless a session asks for
 * {@code use_per_session_threads}) and its intra-op pool, which oneDNN's kernels run on too
 * (unless the environment sets {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}, read once, when the first
 * session starts). A later session's thread counts are then ignored: two sweep cells training
 * at once with one thread each shared one inter-op thread, and a session asking for two threads
 * after one that asked for one got one (docs/benchmarks.md, "TensorFlow's global thread pools").
 * {@link #sessionConfig} asks for per-session inter-op threads; the {@code dlmc} launcher sets
 * the variable, so that each session's intra-op count is its own as well.
 */
public final class NativeSettings {

    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeSettings() {}

    /** The environment variable that gives each session its own intra-op pool (TensorFlow reads it once). */
    public static final String OWN_INTRA_OP_POOLS = "TF_OVERRIDE_GLOBAL_THREADPOOL";

    /**
     * A session's configuration with {@code intra} and {@code inter} threads (0: TensorFlow's
     * default, one per core) on an inter-op pool of its own, never the process's global one.
     */
    public static ConfigProto.Builder sessionConfig(int intra, int inter) {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intra)
                .setInterOpParallelismThreads(inter)
                .setUsePerSessionThreads(true);
    }

    /** Idempotent; takes effect only before JavaCPP's {@code Pointer} class is initialized. */
    public static void apply() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase(java.util.Locale.ROOT)) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
