package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of a run directory that evaluate, predict and export read, and import writes:
 * {@code model.dlm} (the model's source) and {@code weights/last.weights.h5}, optionally
 * {@code weights/best.weights.h5}, each in Keras 3's weight layout ({@link KerasWeights}).
 */
public final class RunDirectory {
    private RunDirectory() {}

    public static final String MODEL = "model.dlm";

    /** The weights a run keeps: after its last epoch, or at its best validation score. */
    public enum Which {
        LAST, BEST;

        public String fileName() { return name().toLowerCase(java.util.Locale.ROOT) + ".weights.h5"; }
    }

    /** A run directory that cannot be used, with what is wrong; the compilation's diagnostics when the model fails to check. */
    public static final class RunDirectoryException extends Exception {
        private final transient Compilation compilation;

        RunDirectoryException(String message, Compilation compilation) {
            super(message);
            this.compilation = compilation;
        }

        /** The failed compilation of {@code model.dlm}, or null when something else is wrong. */
        public Compilation compilation() { return compilation; }
    }

    public static Path weightsFile(Path dir, Which which) { return dir.resolve("weights").resolve(which.fileName()); }

    /** Reads the model and the chosen weights of the run in {@code dir}. */
    public static TrainedModel load(Path dir, Which which) throws RunDirectoryException {
        Path source = dir.resolve(MODEL);
        if (!Files.isDirectory(dir)) throw new RunDirectoryException(dir + " is not a run directory (no such folder)", null);
        if (!Files.isRegularFile(source)) throw new RunDirectoryException(dir + " is not a run directory: it has no " + MODEL, null);
        Compilation compilation = DlmCompiler.compile(source);
        if (compilation.hasErrors() || compilation.model() == null) {
            throw new RunDirectoryException(source + " does not check", compilation);
        }
        Path weights = weightsFile(dir, which);
        if (!Files.isRegularFile(weights)) {
            String hint = which == Which.BEST && Files.isRegularFile(weightsFile(dir, Which.LAST))
                    ? "; the run kept no best weights (it had no validation data): use --weights last" : "";
            throw new RunDirectoryException(dir + " has no " + dir.relativize(weights) + hint, null);
        }
        try {
            return new TrainedModel(compilation.model(), compilation.source().text(),
                    KerasWeights.read(compilation.model(), weights));
        } catch (IOException | IllegalArgumentException e) {
            throw new RunDirectoryException(weights + ": " + e.getMessage(), null);
        }
    }

    /** Writes {@code model} as a run directory: its source and its weights as {@code which}. */
    public static void write(Path dir, TrainedModel model, Which which) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        AtomicFiles.writeString(dir.resolve(MODEL), model.source());
        AtomicFiles.write(weightsFile(dir, which), temp -> KerasWeights.write(model, temp));
    }
}
