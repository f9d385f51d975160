package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Compiled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the memory estimate covers besides a training step: evaluation, Java-side initialization, container limits. */
class MemoryEstimateTest {

    private static final long GIB = 1L << 30;

    @Test
    void evaluationBatchesCountWhenTheyOutweighATrainingStep() {
        // batch_size 1: a training step keeps 3 copies of one sample's values; evaluation runs
        // 256 samples forward, 2 copies each, which is more.
        CheckedModel model = Compiled.trained("[1000]", "mse", "sgd", "Dense(1000)", "Dense(10)");
        long weights = model.totalParams() * 4 * 2;
        long outputs = 1000 + 1000 + 10;
        assertEquals(weights + outputs * 256 * 2 * 4, MemoryEstimate.bytes(model, 1));
    }

    @Test
    void aWeightTooLargeForTheJavaHeapIsRefusedBeforeInitialization() {
        // Dense(100_000) on 1,000 inputs: a 100,000,000-value kernel needs 800 MB of heap (values and their copy)
        CheckedModel model = Compiled.trained("[1000]", "mse", "sgd", "Dense(100_000)");
        String message = MemoryEstimate.check(model, 100, 1000 * GIB, 512L << 20);
        assertTrue(message != null && message.contains("dense.kernel") && message.contains("Java heap")
                && message.contains("DLMC_JAVA_OPTS"), message);
        assertNull(MemoryEstimate.check(model, 100, 1000 * GIB, 8 * GIB));
    }

    @Test
    void theContainersLimitIsWhatIsLeft(@TempDir Path root) throws Exception {
        assertEquals(Long.MAX_VALUE, MemoryEstimate.cgroupHeadroom(root), "no cgroup files: no limit known");
        Files.writeString(root.resolve("memory.max"), "max\n");
        Files.writeString(root.resolve("memory.current"), "123\n");
        assertEquals(Long.MAX_VALUE, MemoryEstimate.cgroupHeadroom(root), "v2 without a limit");
        Files.writeString(root.resolve("memory.max"), "1073741824\n");
        assertEquals(GIB - 123, MemoryEstimate.cgroupHeadroom(root), "v2: limit minus usage");
        Path v1 = Files.createTempDirectory("cgv1");
        Files.createDirectories(v1.resolve("memory"));
        Files.writeString(v1.resolve("memory/memory.limit_in_bytes"), "2147483648\n");
        Files.writeString(v1.resolve("memory/memory.usage_in_bytes"), "1073741824\n");
        assertEquals(GIB, MemoryEstimate.cgroupHeadroom(v1), "v1: limit minus usage");
        Files.writeString(v1.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(Long.MAX_VALUE, MemoryEstimate.cgroupHeadroom(v1), "v1's page-aligned 'unlimited'");
    }

    @Test
    void memAvailableIsReadFromMeminfo(@TempDir Path dir) throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24000000 kB\nMemAvailable:    2000000 kB\n");
        assertEquals(2_000_000L * 1024, MemoryEstimate.memAvailable(meminfo));
        assertEquals(Long.MAX_VALUE, MemoryEstimate.memAvailable(dir.resolve("missing")));
    }

    @Test
    void aModelBeyondTheContainerIsRefusedWithTheNumbers() {
        CheckedModel model = Compiled.trained("[1000]", "mse", "sgd", "Dense(1000)");
        String message = MemoryEstimate.check(model, 1000, 1L << 20, 8 * GIB);
        assertTrue(message != null && message.contains("only 1 MiB is available"), message);
    }
}
