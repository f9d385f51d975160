package dev.dlm.runtime.train;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.Split;

/**
 * How integer labels become the float targets the loss compares with the prediction: a model
 * with one output value gets the label itself (binary classification, regression); a model
 * with a vector of class scores gets the label one-hot encoded (sparse labels included, since
 * the sparse crossentropy op has no gradient). Real-valued targets (a CSV regression) are fed as
 * they are, one value per output unit.
 */
final class Targets {

    private final int width;
    private final boolean oneHot;

    Targets(Shape modelOutput) {
        if (modelOutput.rank() != 1) {
            throw new IllegalArgumentException("internal error: labels can only train a model whose output is a vector, not "
                    + modelOutput.keras());
        }
        this.width = Math.toIntExact(modelOutput.last());
        this.oneHot = width > 1;
    }

    int width() { return width; }

    /** Writes the targets of samples {@code order[from..from+count)} of {@code split} into {@code out}. */
    void fill(Split split, int[] order, int from, int count, float[] out) {
        if (split.hasRealTargets()) {
            if (split.targetWidth() != width) {
                throw new TrainingException(Code.DLM1482, "the data has " + split.targetWidth() + " target values per sample but the model"
                        + " outputs " + width, "give the last layer one unit per label column");
            }
            split.fillTargetValues(order, from, count, out);
            return;
        }
        if (!oneHot) {
            for (int i = 0; i < count; i++) out[i] = split.label(order[from + i]);
            return;
        }
        if (split.classes() != width) {
            throw new TrainingException(Code.DLM0703, "the data has " + split.classes() + " classes but the model outputs "
                    + width + " class scores per sample", "make the last layer's units match the classes");
        }
        split.fillOneHot(order, from, count, out);
    }
}
