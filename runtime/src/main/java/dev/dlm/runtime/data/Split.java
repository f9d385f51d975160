package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ordered set of labelled samples, stored compactly and scaled to {@code float} only when
 * a batch is filled. Samples are kept either as raw uint8 values (images: one byte per pixel,
 * 47 MB for MNIST's training set instead of 188 MB of floats) or as floats; labels are class
 * ids, or real-valued targets of a fixed width per sample (a regression, issue 14).
 * A split may be a view of a larger one ({@link #slice}): views share the storage.
 *
 * <p>Scaling follows numpy's {@code x.astype('float32') * scale}, except that uint8 values
 * are mapped through a table built in double precision, so that with {@code scale = 1/255}
 * every value equals Keras's {@code x.astype('float32') / 255} bit for bit.
 *
 * <p>A split never changes after it is made, so threads may share it (one can fill the next
 * batch while another trains on the current one).
 */
public final class Split {

    private final Shape sampleShape;
    private final int elements;
    private final int classes;
    /** Raw uint8 samples, or null when the samples are floats. */
    private final byte[] bytes;
    /** Float samples, or null when the samples are uint8. */
    private final float[] floats;
    private final int[] labels;
    /** Real-valued targets, {@code targetWidth} per sample, or null when the labels are class ids. */
    private final float[] values;
    private final int targetWidth;
    /** Index in the storage of this view's sample 0. */
    private final int first;
    private final int size;
    private final double scale;
    /** uint8 value to scaled float; null for float samples. */
    private final float[] byteTable;
    /**
     * The targets of each output of a model with several outputs, when each reads its own
     * labels (issue 14): views of the same samples, each with that output's class ids or real
     * values; null when every output reads this split's labels.
     */
    private final Split[] outputs;

    private Split(Shape sampleShape, int classes, byte[] bytes, float[] floats, int[] labels,
                  int first, int size, double scale, float[] byteTable) {
        this(sampleShape, classes, bytes, floats, labels, null, 0, first, size, scale, byteTable);
    }

    private Split(Shape sampleShape, int classes, byte[] bytes, float[] floats, int[] labels, float[] values,
                  int targetWidth, int first, int size, double scale, float[] byteTable) {
        this(sampleShape, classes, bytes, floats, labels, values, targetWidth, first, size, scale, byteTable, null);
    }

    private Split(Shape sampleShape, int classes, byte[] bytes, float[] floats, int[] labels, float[] values,
                  int targetWidth, int first, int size, double scale, float[] byteTable, Split[] outputs) {
        this.sampleShape = sampleShape;
        this.elements = (int) sampleShape.elements();
        this.classes = classes;
        this.bytes = bytes;
        this.floats = floats;
        this.labels = labels;
        this.values = values;
        this.targetWidth = targetWidth;
        this.first = first;
        this.size = size;
        this.scale = scale;
        this.byteTable = byteTable;
        this.outputs = outputs;
    }

    /**
     * One split whose outputs each read their own targets (issue 14, Keras's
     * {@code fit(x, [y1, y2])}): {@code perOutput.get(i)} holds output {@code i}'s targets over
     * the same samples, in the same order. The result reads as output 0's split, and
     * {@link #forOutput} gives each output's.
     */
    public static Split withOutputs(java.util.List<Split> perOutput) {
        if (perOutput.isEmpty()) throw new IllegalArgumentException("no outputs");
        Split first = perOutput.get(0);
        for (Split s : perOutput) {
            if (s.size != first.size || s.first != first.first || !s.sampleShape.equals(first.sampleShape)
                    || s.bytes != first.bytes || s.floats != first.floats || s.outputs != null) {
                throw new IllegalArgumentException("the outputs' targets must be plain splits over the same samples");
            }
        }
        return new Split(first.sampleShape, first.classes, first.bytes, first.floats, first.labels, first.values, first.targetWidth,
                first.first, first.size, first.scale, first.byteTable, perOutput.toArray(Split[]::new));
    }

    /** The targets of output {@code i} of a model with several outputs: this split, unless each output reads its own labels. */
    public Split forOutput(int i) {
        if (outputs == null) return this;
        return outputs[Objects.checkIndex(i, outputs.length)];
    }

    /** How many outputs read their own labels from this split; 0 when every output reads the same ones. */
    public int outputCount() { return outputs == null ? 0 : outputs.length; }

    /**
     * A split over uint8 samples: sample {@code i} is {@code samples[i*e .. (i+1)*e)} where
     * {@code e} is the number of elements of {@code sampleShape}. The arrays are not copied.
     *
     * @param scale what each raw value is multiplied by when a batch is filled (1/255 for pixels)
     */
    public static Split ofBytes(Shape sampleShape, int classes, byte[] samples, int[] labels, double scale) {
        int count = checkStorage(sampleShape, classes, samples.length, labels, scale);
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (float) (v * scale);
        }
        return new Split(sampleShape, classes, samples, null, labels, 0, count, scale, table);
    }

    /** A split over float samples, laid out as in {@link #ofBytes}. The arrays are not copied. */
    public static Split ofFloats(Shape sampleShape, int classes, float[] samples, int[] labels, double scale) {
        int count = checkStorage(sampleShape, classes, samples.length, labels, scale);
        return new Split(sampleShape, classes, null, samples, labels, 0, count, scale, null);
    }

    /**
     * A split over float samples whose targets are real values, {@code width} per sample:
     * sample {@code i}'s target is {@code targets[i*width .. (i+1)*width)}. It has no classes
     * ({@link #classes()} is 0). The arrays are not copied.
     */
    public static Split ofFloatTargets(Shape sampleShape, float[] samples, float[] targets, int width, double scale) {
        if (width < 1 || targets.length % width != 0) {
            throw new IllegalArgumentException(targets.length + " target values are not rows of " + width);
        }
        int count = checkStorage(sampleShape, 1, samples.length, new int[targets.length / width], scale);
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException("target value " + targets[i] + " of sample " + i / width + " is not finite");
            }
        }
        return new Split(sampleShape, 0, null, samples, null, targets, width, 0, count, scale, null);
    }

    private static int checkStorage(Shape sampleShape, int classes, int storageLength, int[] labels,
                                    double scale) {
        Objects.requireNonNull(sampleShape, "sampleShape");
        long elements = sampleShape.elements();
        if (elements < 1 || elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample shape " + sampleShape + " has " + elements + " elements");
        }
        if (storageLength % elements != 0 || storageLength / elements != labels.length) {
            throw new IllegalArgumentException(storageLength + " values are not " + labels.length
                    + " samples of shape " + sampleShape);
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and non-zero, not " + scale);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("a split needs at least one class, not " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        return labels.length;
    }

    /** The number of samples. */
    public int size() { return size; }

    /** The shape of one sample, without the batch axis. */
    public Shape sampleShape() { return sampleShape; }

    /** The number of values of one sample: the product of {@link #sampleShape()}. */
    public int elements() { return elements; }

    /** The number of classes; every label is in {@code [0, classes)}. 0 when the targets are real values. */
    public int classes() { return classes; }

    /** True when the targets are real values ({@link #fillTargetValues}), not class ids. */
    public boolean hasRealTargets() { return values != null; }

    /** The number of real values of one sample's target; 0 when the labels are class ids. */
    public int targetWidth() { return targetWidth; }

    /**
     * Writes the real-valued targets of samples {@code order[from] .. order[from+count-1]}: row
     * {@code k} is {@code yOut[k*targetWidth() .. (k+1)*targetWidth())}.
     */
    public void fillTargetValues(int[] order, int from, int count, float[] yOut) {
        if (values == null) throw new IllegalStateException("the labels of " + this + " are class ids");
        Objects.checkFromIndexSize(from, count, order.length);
        Objects.checkFromIndexSize(0, count * targetWidth, yOut.length);
        for (int k = 0; k < count; k++) {
            System.arraycopy(values, (first + checkIndex(order[from + k])) * targetWidth, yOut, k * targetWidth, targetWidth);
        }
    }

    /** What raw values are multiplied by when a batch is filled. */
    public double scale() { return scale; }

    /** The class id of sample {@code i}. */
    public int label(int i) {
        requireClasses();
        return labels[first + checkIndex(i)];
    }

    /** The unscaled value {@code element} of sample {@code i}: 0-255 for uint8 storage. */
    public float rawValue(int i, int element) {
        Objects.checkIndex(element, elements);
        int at = (first + checkIndex(i)) * elements + element;
        return bytes != null ? bytes[at] & 0xFF : floats[at];
    }

    /** The identity permutation {@code [0, 1, ..., size-1]}: an in-order pass, or the start of a shuffle. */
    public int[] order() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Writes the scaled samples {@code order[from] .. order[from+count-1]} one after another
     * into {@code xOut}: sample {@code order[from+k]} goes to
     * {@code xOut[k*elements() .. (k+1)*elements())}. Allocates nothing.
     */
    public void fillBatch(int[] order, int from, int count, float[] xOut) {
        Objects.checkFromIndexSize(from, count, order.length);
        Objects.checkFromIndexSize(0, count * elements, xOut.length);
        int n = elements;
        if (bytes != null) {
            byte[] src = bytes;
            float[] table = byteTable;
            for (int k = 0, out = 0; k < count; k++, out += n) {
                int at = (first + checkIndex(order[from + k])) * n;
                for (int j = 0; j < n; j++) {
                    xOut[out + j] = table[src[at + j] & 0xFF];
                }
            }
        } else if (scale == 1.0) {
            for (int k = 0, out = 0; k < count; k++, out += n) {
                System.arraycopy(floats, (first + checkIndex(order[from + k])) * n, xOut, out, n);
            }
        } else {
            float[] src = floats;
            float factor = (float) scale;
            for (int k = 0, out = 0; k < count; k++, out += n) {
                int at = (first + checkIndex(order[from + k])) * n;
                for (int j = 0; j < n; j++) {
                    xOut[out + j] = src[at + j] * factor;
                }
            }
        }
    }

    /** Writes the class ids of samples {@code order[from] .. order[from+count-1]} into {@code yOut[0..count)}. */
    public void fillLabels(int[] order, int from, int count, int[] yOut) {
        requireClasses();
        Objects.checkFromIndexSize(from, count, order.length);
        Objects.checkFromIndexSize(0, count, yOut.length);
        for (int k = 0; k < count; k++) {
            yOut[k] = labels[first + checkIndex(order[from + k])];
        }
    }

    /**
     * Writes the one-hot labels of samples {@code order[from] .. order[from+count-1]}: row
     * {@code k} is {@code yOut[k*classes() .. (k+1)*classes())}, all zeros but a 1 at the class.
     */
    public void fillOneHot(int[] order, int from, int count, float[] yOut) {
        requireClasses();
        Objects.checkFromIndexSize(from, count, order.length);
        Objects.checkFromIndexSize(0, count * classes, yOut.length);
        Arrays.fill(yOut, 0, count * classes, 0f);
        for (int k = 0; k < count; k++) {
            yOut[k * classes + labels[first + checkIndex(order[from + k])]] = 1f;
        }
    }

    /** How many samples of each class: element {@code c} counts the samples labelled {@code c}. */
    public int[] labelCounts() {
        requireClasses();
        int[] counts = new int[classes];
        for (int i = 0; i < size; i++) {
            counts[labels[first + i]]++;
        }
        return counts;
    }

    /** Samples {@code [from, to)} of this split, as a view that shares its storage. */
    public Split slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        Split[] parts = null;
        if (outputs != null) {
            parts = new Split[outputs.length];
            for (int i = 0; i < parts.length; i++) parts[i] = outputs[i].slice(from, to);
        }
        return new Split(sampleShape, classes, bytes, floats, labels, values, targetWidth, first + from, to - from, scale,
                byteTable, parts);
    }

    private void requireClasses() {
        if (labels == null) throw new IllegalStateException("the targets of " + this + " are real values, not class ids");
    }

    /** Guards views: an index past this view would silently read a neighbouring sample. */
    private int checkIndex(int i) {
        return Objects.checkIndex(i, size);
    }

    @Override
    public String toString() {
        return "Split[" + size + " samples of " + sampleShape + (bytes != null ? " uint8" : " float32")
                + (values != null ? ", " + targetWidth + " real target values" : ", " + classes + " classes")
                + (outputs != null ? ", targets for " + outputs.length + " outputs]" : "]");
    }
}
