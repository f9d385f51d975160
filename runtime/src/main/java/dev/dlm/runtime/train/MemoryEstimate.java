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
        long params = model.totalParams();
        int slots = model.train().optimizer().slotsPerWeight();
        long weights = Saturating.multiply(params, FLOAT * (2 + slots));
        long perSample = 0;
        for (var input : model.graph().inputs()) perSample = Saturating.add(perSample, input.shape().elements());
        for (LayerNode node : model.graph().nodes()) perSample = Saturating.add(perSample, node.layer().cost().activations());
        // Forward values, their gradients, and temporaries: three copies.
        long activations = Saturating.multiply(Saturating.multiply(perSample, model.train().batchSize()), 3 * FLOAT);
        return Saturating.add(weights, activations);
    }

    /** A user-facing message when the estimate exceeds the memory available, else null. */
    public static String check(CheckedModel model, int trainSamples) {
        long need = bytes(model);
        long available = available();
        if (need <= available) return null;
        return String.format("model `%s` needs about %s to train with batch_size %d, but only %s is available "
                        + "(%,d parameters)",
                model.name(), human(need), model.train().batchSize(), human(available), model.totalParams());
    }

    /** MemAvailable from /proc/meminfo, or the JVM's view when that is unreadable. */
    static long available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 8 EiB";
        double g = bytes / (double) (1L << 30);
        return g >= 1 ? String.format("%.1f GiB", g) : String.format("%.0f MiB", bytes / (double) (1L << 20));
    }
}
