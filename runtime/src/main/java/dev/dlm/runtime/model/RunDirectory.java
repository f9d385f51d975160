package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;

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

    public static Path weightsFile(Path dir, Which which) { return dir.resolve("weights").resolve(which.fileName()); }

    /** Reads the model and the chosen weights of the run in {@code dir}. */
    public static TrainedModel load(Path dir, Which which) throws ModelException {
        Path source = dir.resolve(MODEL);
        if (!Files.isDirectory(dir)) throw new ModelException(Code.DLM1201, dir.toString(), "no such run directory",
                "give the folder a run or `dlmc import --weights-to` wrote");
        if (!Files.isRegularFile(source)) throw new ModelException(Code.DLM1201, dir.toString(), "not a run directory: it has no " + MODEL,
                "give the folder a run or `dlmc import --weights-to` wrote");
        Compilation compilation = DlmCompiler.compile(source);
        if (compilation.hasErrors() || compilation.model() == null) {
            throw new ModelException(Code.DLM1201, source.toString(), "the run's model does not check", null, compilation);
        }
        Path weights = weightsFile(dir, which);
        if (!Files.isRegularFile(weights)) {
            String hint = which == Which.BEST && Files.isRegularFile(weightsFile(dir, Which.LAST))
                    ? "the run kept no best weights: use --weights last" : "the run saved no weights; train it again";
            throw new ModelException(Code.DLM1201, dir.toString(), "the run has no weights file " + dir.relativize(weights), hint);
        }
        try {
            return new TrainedModel(compilation.model(), compilation.source().text(),
                    KerasWeights.read(compilation.model(), weights));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException(Code.DLM1201, weights.toString(), "unreadable weights: " + e.getMessage(),
                    "the file is not the weights of this model.dlm; restore both from the same run");
        }
    }

    /** Writes {@code model} as a run directory: its source and its weights as {@code which}. */
    public static void write(Path dir, TrainedModel model, Which which) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        AtomicFiles.writeString(dir.resolve(MODEL), model.source());
        AtomicFiles.write(weightsFile(dir, which), temp -> KerasWeights.write(model, temp));
    }
}
