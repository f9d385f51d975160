package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.value.Saturating;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A conservative estimate of the native memory a training run needs, checked before
 * TensorFlow allocates anything, so a model that cannot fit is a clear error instead of an
 * out-of-memory kill halfway through the first epoch.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    private static final long FLOAT = 4;

    /**
     * Bytes for weights, gradients, optimizer slots and one batch's activations (forward and
     * backward). Each layer's rule says how many values a sample keeps for the backward pass.
     */
    public static long bytes(CheckedModel model) {
        return bytes(model, model.train().batchSize());
    }

    /**
     * As {@link #bytes(CheckedModel)} for batches of {@code batch} samples: the larger of a
     * training step and an evaluation batch ({@value Trainer#EVALUATION_BATCH} samples,
     * forward only), since the two never run at once.
     */
    static long bytes(CheckedModel model, int batch) {
        long params = model.totalParams();
        int slots = model.train().optimizer().slotsPerWeight();
        long weights = Saturating.multiply(params, FLOAT * (2 + slots));
        long kept = 0;
        long outputs = 0;
        for (var input : model.graph().inputs()) {
            kept = Saturating.add(kept, input.shape().elements());
            outputs = Saturating.add(outputs, input.shape().elements());
        }
        for (LayerNode node : model.graph().nodes()) {
            kept = Saturating.add(kept, node.layer().cost().activations());
            outputs = Saturating.add(outputs, node.layer().output().elements());
        }
        // Training: forward values, their gradients, and temporaries (three copies).
        long training = Saturating.multiply(Saturating.multiply(kept, batch), 3 * FLOAT);
        // Evaluation: forward values and temporaries of a larger batch.
        long evaluation = Saturating.multiply(Saturating.multiply(outputs, Trainer.EVALUATION_BATCH), 2 * FLOAT);
        return Saturating.add(weights, Math.max(training, evaluation));
    }

    /** A user-facing message when the estimate exceeds the memory available, else null. */
    public static String check(CheckedModel model, int trainSamples) {
        return check(model, trainSamples, available(), Runtime.getRuntime().maxMemory());
    }

    /**
     * As {@link #check(CheckedModel, int)} with the native memory available and the JVM's
     * maximum heap given. The heap matters because initial weights are drawn in Java: the
     * largest weight's values must fit in it, with its copy on the way to TensorFlow.
     */
    static String check(CheckedModel model, int trainSamples, long available, long maxHeap) {
        long largest = 0;
        String largestName = null;
        for (LayerNode node : model.graph().nodes()) {
            for (var p : node.layer().params()) {
                if (p.count() > largest) {
                    largest = p.count();
                    largestName = node.layer().name() + "." + p.name();
                }
            }
        }
        long heapNeed = Saturating.multiply(largest, 2 * FLOAT);
        if (heapNeed > maxHeap * 3 / 4) {
            return String.format("model `%s`: weight `%s` (%,d values) needs about %s of Java heap to initialize, "
                            + "but the JVM may use only %s; raise it with DLMC_JAVA_OPTS=-Xmx..., or make the layer smaller",
                    model.name(), largestName, largest, human(heapNeed), human(maxHeap));
        }
        // A batch never holds more than the training set, as in Keras: --batch-size 1000000 on 2,000 samples is 2,000.
        int batch = Math.max(1, Math.min(model.train().batchSize(), trainSamples));
        long need = bytes(model, batch);
        if (need <= available) return null;
        return String.format("model `%s` needs about %s to train with batch_size %d, but only %s is available "
                        + "(%,d parameters)",
                model.name(), human(need), batch, human(available), model.totalParams());
    }

    /**
     * The memory this process may still use: the smaller of the machine's MemAvailable and
     * what is left under the container's limit (cgroup v2 {@code memory.max}, or v1
     * {@code memory.limit_in_bytes}), or the JVM's view when neither can be read.
     */
    static long available() {
        long machine = memAvailable(Path.of("/proc/meminfo"));
        long container = cgroupHeadroom(Path.of("/sys/fs/cgroup"));
        long best = Math.min(machine, container);
        return best == Long.MAX_VALUE ? Runtime.getRuntime().maxMemory() : best;
    }

    /** MemAvailable from a meminfo file, or {@link Long#MAX_VALUE} when it cannot be read. */
    static long memAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable: no limit known from here
        }
        return Long.MAX_VALUE;
    }

    /** The limit minus the usage of the cgroup mounted at {@code root}; {@link Long#MAX_VALUE} when unlimited or unknown. */
    static long cgroupHeadroom(Path root) {
        long limit = readBytes(root.resolve("memory.max"));
        long usage = readBytes(root.resolve("memory.current"));
        if (limit == Long.MAX_VALUE) {
            limit = readBytes(root.resolve("memory/memory.limit_in_bytes"));
            usage = readBytes(root.resolve("memory/memory.usage_in_bytes"));
        }
        // cgroup v1 reports "no limit" as a huge page-aligned number.
        if (limit == Long.MAX_VALUE || limit >= (1L << 62)) return Long.MAX_VALUE;
        return Math.max(0, limit - (usage == Long.MAX_VALUE ? 0 : usage));
    }

    private static long readBytes(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 8 EiB";
        double g = bytes / (double) (1L << 30);
        return g >= 1 ? String.format("%.1f GiB", g) : String.format("%.0f MiB", bytes / (double) (1L << 20));
    }
}
