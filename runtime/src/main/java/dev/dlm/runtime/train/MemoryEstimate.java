package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;

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

    /** Bytes for weights, gradients, optimizer slots and one batch's activations (forward and backward). */
    public static long bytes(CheckedModel model) {
        return bytes(model, model.train().batchSize());
    }

    /** As {@link #bytes(CheckedModel)} for batches of {@code batch} samples. */
    static long bytes(CheckedModel model, int batch) {
        long params = model.totalParams();
        int slots = switch (model.train().optimizer().name()) {
            case "adam" -> 2;
            case "rmsprop" -> 1 + (model.train().optimizer().flag("centered") ? 1 : 0)
                    + (model.train().optimizer().get("momentum") > 0 ? 1 : 0);
            case "sgd" -> model.train().optimizer().get("momentum") > 0 ? 1 : 0;
            default -> 1;
        };
        long weights = saturatingMultiply(params, FLOAT * (2 + slots));
        long perSample = model.input().elements();
        for (CheckedLayer l : model.layers()) {
            perSample = saturatingAdd(perSample, l.output().elements());
            if (l.input().rank() == 2 && l.config().values().containsKey("units")) {
                // Unrolled recurrent layers keep every step's gate pre-activations for the backward pass.
                long gatesPerStep = l.params().isEmpty() ? 0 : l.params().get(0).shape().get(1);
                perSample = saturatingAdd(perSample, saturatingMultiply(l.input().dim(0), 2 * gatesPerStep));
            }
        }
        // Forward values, their gradients, and temporaries: three copies.
        long activations = saturatingMultiply(saturatingMultiply(perSample, batch), 3 * FLOAT);
        return saturatingAdd(weights, activations);
    }

    /** A user-facing message when the estimate exceeds the memory available, else null. */
    public static String check(CheckedModel model, int trainSamples) {
        // A batch never holds more than the training set, as in Keras: --batch-size 1000000 on 2,000 samples is 2,000.
        int batch = Math.max(1, Math.min(model.train().batchSize(), trainSamples));
        long need = bytes(model, batch);
        long available = available();
        if (need <= available) return null;
        return String.format("model `%s` needs about %s to train with batch_size %d, but only %s is available "
                        + "(%,d parameters); reduce batch_size or the layers' widths",
                model.name(), human(need), batch, human(available), model.totalParams());
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

    private static long saturatingMultiply(long a, long b) {
        if (a != 0 && b > Long.MAX_VALUE / a) return Long.MAX_VALUE;
        return a * b;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
