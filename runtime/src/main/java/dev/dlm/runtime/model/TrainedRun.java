package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trained model of a run directory, as evaluate, predict and export read it and
 * {@code dlmc run} and import write it: {@code model.dlm} (the model's source) and its weights
 * {@code weights/last.weights.h5} (and {@code weights/best.weights.h5}) in Keras 3's weight
 * layout ({@link KerasWeights}), Sequential and functional models alike. A folder
 * {@code dlmc run} left without them (killed mid-run, or written before runs kept weights
 * files) is read from its TensorFlow checkpoint {@code checkpoints/latest/variables} (and
 * {@code checkpoints/best/variables}).
 */
public final class TrainedRun {
    private TrainedRun() {}

    public static final String MODEL = "model.dlm";

    /** The weights a run keeps: after its last epoch, or at its best validation score. */
    public enum Which {
        LAST, BEST;

        public String fileName() { return name().toLowerCase(java.util.Locale.ROOT) + ".weights.h5"; }
    }

    public static Path weightsFile(Path dir, Which which) { return dir.resolve("weights").resolve(which.fileName()); }

    /** The prefix of the TensorFlow checkpoint {@code dlmc run} keeps for {@code which}. */
    public static Path checkpointPrefix(Path dir, Which which) {
        return dir.resolve("checkpoints").resolve(which == Which.LAST ? "latest" : "best").resolve("variables");
    }

    /**
     * Reads the model and the chosen weights of the run in {@code dir}, Sequential or
     * functional: the weights file when there is one, else (a run killed before it wrote one, or
     * written before runs kept weights files) the checkpoint, read through the training graph.
     */
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
        Path checkpoint = checkpointPrefix(dir, which);
        if (!Files.isRegularFile(weights) && Files.isRegularFile(checkpoint.resolveSibling("variables.index"))) {
            return fromCheckpoint(compilation, checkpoint);
        }
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

    /**
     * The weights of a TensorFlow checkpoint of the training graph: the graph is built as
     * training built it (weights and optimizer slots), restored, and its weights read.
     */
    private static TrainedModel fromCheckpoint(Compilation compilation, Path prefix) throws ModelException {
        try (ModelGraph graph = ModelGraph.build(compilation.model(), RunOptions.defaults().withThreads(1, 1), 0L)) {
            graph.restore(prefix);
            return TrainedModel.of(graph, compilation.source().text());
        } catch (RuntimeException e) {
            throw new ModelException(Code.DLM1201, prefix.toString(), "cannot restore the checkpoint: " + e.getMessage(),
                    "the checkpoint is not of this model.dlm, or it is damaged");
        }
    }

    /** Writes {@code model} as a run directory: its source and its weights as {@code which}. */
    public static void write(Path dir, TrainedModel model, Which which) throws IOException {
        AtomicFiles.writeString(dir.resolve(MODEL), model.source());
        writeWeights(dir, model, which);
    }

    /** Writes {@code model}'s weights as the run's {@code which} weights file (beside a {@code model.dlm} of the same model). */
    public static void writeWeights(Path dir, TrainedModel model, Which which) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        AtomicFiles.write(weightsFile(dir, which), temp -> KerasWeights.write(model, temp));
    }

    /**
     * Removes the run's weights files: a run that trains on makes them stale, and until it
     * writes new ones its readers fall back to its latest checkpoint.
     */
    public static void deleteWeights(Path dir) throws IOException {
        for (Which which : Which.values()) Files.deleteIfExists(weightsFile(dir, which));
    }
}
