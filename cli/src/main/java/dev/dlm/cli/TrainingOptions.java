package dev.dlm.cli;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.TrainSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The training options {@code dlmc run} and {@code dlmc sweep} share, mixed into both so
 * they read, default and validate the same: {@code --epochs}, {@code --batch-size},
 * {@code --seed}, {@code --threads}, {@code --device}, {@code --train-limit} and
 * {@code --check-expectations}.
 */
final class TrainingOptions {

    @Option(names = "--epochs", description = "Override the file's epochs (a sweep's: every cell's; when resuming: train to this many).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Override the file's batch_size (a sweep's: every cell's).")
    Integer batchSize;

    @Option(names = "--seed", description = "Seed for initializers, shuffling and dropout (same seed, same numbers on CPU); a sweep's cells default to their own.")
    Long seed;

    @Option(names = "--threads", description = "TensorFlow threads (default: the number of cores, or one for a model whose training step is small; a sweep splits them between its jobs).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training samples only (quick trials).")
    Integer trainLimit;

    @Option(names = "--check-expectations", description = "Check the file's `expect test.*` statements even when"
            + " --epochs, --batch-size or --train-limit change its training (by default they are then not checked).")
    boolean checkExpectations;

    /** Refuses values that mean nothing as a usage error (exit 2): a device other than cpu or gpu, counts below 1, a negative seed. */
    void validate(CommandLine cli) {
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new CommandLine.ParameterException(cli, "--device must be cpu or gpu, not '" + device + "'");
        }
        for (var check : List.of(new Object[]{"--epochs", epochs}, new Object[]{"--batch-size", batchSize},
                new Object[]{"--threads", threads}, new Object[]{"--train-limit", trainLimit})) {
            if (check[1] != null && (Integer) check[1] < 1) {
                throw new CommandLine.ParameterException(cli, check[0] + " must be at least 1");
            }
        }
        if (seed != null && seed < 0) {
            throw new CommandLine.ParameterException(cli, "--seed must be 0 or more, as a file's `seed` must");
        }
    }

    /**
     * The TensorFlow threads to use: {@code --threads}, at most {@code cores} (thousands of
     * threads on a few cores only add switching and OS threads); null when not given.
     */
    Integer threadCount(int cores) {
        return threads == null ? null : Math.min(threads, cores);
    }

    /** Why {@link #threadCount} lowered {@code --threads} (the DLM0802 warning's message), or null when it did not. */
    String threadsClamped(int cores) {
        return threads != null && threads > cores
                ? "--threads " + threads + " is more than the " + cores + " processors available; using " + cores : null;
    }

    /**
     * True when an option that changes or checks training was given: all but {@code --threads},
     * which also sizes a cluster's tasks (the device only when it is not the default).
     */
    boolean changesTraining() {
        return epochs != null || batchSize != null || seed != null || trainLimit != null
                || checkExpectations || !device.equals("cpu");
    }

    /**
     * Which options change the training the file's expectations were written for, as the
     * subject of a sentence ({@code --epochs and --train-limit change}); null when none do or
     * {@code --check-expectations} asks to check them anyway.
     */
    String overridesUnlessForced() {
        if (checkExpectations) return null;
        List<String> given = new ArrayList<>();
        if (epochs != null) given.add("--epochs");
        if (batchSize != null) given.add("--batch-size");
        if (trainLimit != null) given.add("--train-limit");
        if (given.isEmpty()) return null;
        return String.join(" and ", given) + (given.size() == 1 ? " changes" : " change");
    }

    /** The model with --epochs, --batch-size and --seed in its training settings. */
    CheckedModel applyTo(CheckedModel m) {
        TrainSpec t = m.train();
        if (epochs != null) t = t.withEpochs(epochs);
        if (batchSize != null) t = t.withBatchSize(batchSize);
        if (seed != null) t = t.withSeed(seed);
        return m.withTrain(t);
    }
}
