package dev.dlm.compiler.ir;

/**
 * A Keras callback of the {@code train} block's {@code callbacks = [...]}, with every
 * argument resolved to Keras's default where the file is silent. Monitors are checked
 * against the metrics the model logs ({@code loss}, {@code accuracy}, their {@code val_}
 * forms); {@link Mode#AUTO} is resolved with {@link Mode#resolve}.
 */
public sealed interface Callback {

    /** The Keras class name, as a file writes it. */
    default String kerasName() { return getClass().getSimpleName(); }

    /** Whether a monitored quantity improves downwards ({@code MIN}) or upwards ({@code MAX}). */
    enum Mode {
        AUTO, MIN, MAX;

        /** Keras's {@code auto}: accuracy-like monitors ({@code acc}, {@code accuracy}, {@code auc}) are maximized. */
        public Mode resolve(String monitor) {
            if (this != AUTO) return this;
            return monitor.endsWith("acc") || monitor.contains("accuracy") || monitor.contains("auc") ? MAX : MIN;
        }
    }

    /** Stops training when {@code monitor} has not improved by {@code min_delta} for {@code patience} epochs. */
    record EarlyStopping(String monitor, double minDelta, int patience, Mode mode, Double baseline,
                         boolean restoreBestWeights, int startFromEpoch) implements Callback {}

    /** Decides which checkpoint is "best": the epoch with the best {@code monitor}. */
    record ModelCheckpoint(String monitor, Mode mode, boolean saveBestOnly) implements Callback {}

    /** Multiplies the learning rate by {@code factor} after {@code patience} epochs without improvement. */
    record ReduceLROnPlateau(String monitor, double factor, int patience, Mode mode, double minDelta,
                             int cooldown, double minLr) implements Callback {}

    /** Stops at a NaN or infinite loss (dlm's behaviour without it too). */
    record TerminateOnNaN() implements Callback {}

    /** Keras's CSV history; dlm always writes the run directory's {@code history.csv}. */
    record CSVLogger(String filename, String separator, boolean append) implements Callback {}

    /** Keras's TensorBoard logs; dlm always writes the run directory's {@code tensorboard/}. */
    record TensorBoard(String logDir) implements Callback {}
}
