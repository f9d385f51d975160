package dev.dlm.runtime.train;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loading the model graph switches off JavaCPP's per-allocation read of the process size
 * (NativeSettings), unless the user set the property: it cost 40-50 µs of CPU per training step.
 * Every session runs on thread pools of its own, not on the pools TensorFlow made for the
 * process's first session.
 */
class NativeSettingsTest {

    @Test
    void theModelGraphSwitchesOffThePhysicalBytesCheckUnlessSet() throws Exception {
        Class.forName(ModelGraph.class.getName(), true, getClass().getClassLoader());
        String set = System.getProperty(NativeSettings.MAX_PHYSICAL_BYTES);
        assertEquals("0", set, "org.bytedeco.javacpp.maxPhysicalBytes after ModelGraph loaded");
        System.setProperty(NativeSettings.MAX_PHYSICAL_BYTES, "8g");
        try {
            NativeSettings.apply();
            assertEquals("8g", System.getProperty(NativeSettings.MAX_PHYSICAL_BYTES), "the user's value is kept");
        } finally {
            System.setProperty(NativeSettings.MAX_PHYSICAL_BYTES, set);
        }
    }

    @Test
    void aSessionConfigurationAsksForItsOwnInterOpThreads() {
        ConfigProto config = NativeSettings.sessionConfig(2, 1).build();
        assertEquals(2, config.getIntraOpParallelismThreads());
        assertEquals(1, config.getInterOpParallelismThreads());
        assertTrue(config.getUsePerSessionThreads(), "use_per_session_threads");
    }

    /**
     * With the launcher's environment (the build sets it for tests too), a session asking for two
     * intra-op threads after one that asked for one starts its own pools: two intra-op threads and
     * one inter-op thread. On TensorFlow's global pools it would start one thread at most (its
     * inter-op pool) and run on the first session's single intra-op thread.
     */
    @Test
    void aLaterSessionGetsTheThreadsItAsksFor() throws IOException {
        assumeTrue("1".equals(System.getenv(NativeSettings.OWN_INTRA_OP_POOLS)),
                NativeSettings.OWN_INTRA_OP_POOLS + "=1 is set by the dlmc launcher and the build's test configuration");
        try (Graph first = new Graph(); Graph second = new Graph()) {
            Operand<TFloat32> a = product(first), b = product(second);
            try (Session one = new Session(first, NativeSettings.sessionConfig(1, 1).build())) {
                one.runner().fetch(a).run().close();
                long before = threads();
                try (Session two = new Session(second, NativeSettings.sessionConfig(2, 1).build())) {
                    two.runner().fetch(b).run().close();
                    long started = threads() - before;
                    assertTrue(started >= 3, "threads started by a 2/1 session after a 1/1 one: " + started);
                }
            }
        }
    }

    private static Operand<TFloat32> product(Graph graph) {
        Ops tf = Ops.create(graph);
        var shape = tf.constant(new long[] {256, 256});
        return tf.linalg.matMul(tf.random.statelessRandomNormal(shape, tf.constant(new long[] {1, 2})),
                tf.random.statelessRandomNormal(shape, tf.constant(new long[] {3, 4})));
    }

    /** The process's threads, Java's and native ones. */
    private static long threads() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }
}
