package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;

/**
 * A sequence of labelled samples held in memory, with samples already scaled to floats.
 * Minimal placeholder of the interface agreed with the data package (size, sampleShape,
 * fillBatch, label, slice); the data helper's version replaces this file.
 */
public final class Split {

    private final Shape sampleShape;
    private final float[] samples;
    private final int[] labels;
    private final int from;
    private final int size;

    private Split(Shape sampleShape, float[] samples, int[] labels, int from, int size) {
        this.sampleShape = sampleShape;
        this.samples = samples;
        this.labels = labels;
        this.from = from;
        this.size = size;
    }

    /** A split over row-major float samples (one sample after the other) and their labels. */
    public static Split ofFloats(Shape sampleShape, float[] samples, int[] labels) {
        if ((long) labels.length * sampleShape.elements() != samples.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples.length
                    + " values of samples shaped " + sampleShape);
        }
        return new Split(sampleShape, samples, labels, 0, labels.length);
    }

    public int size() { return size; }

    public Shape sampleShape() { return sampleShape; }

    /** Copies samples {@code order[from..from+count)} one after the other into {@code xOut}. */
    public void fillBatch(int[] order, int from, int count, float[] xOut) {
        int n = Math.toIntExact(sampleShape.elements());
        for (int i = 0; i < count; i++) {
            System.arraycopy(samples, (this.from + order[from + i]) * n, xOut, i * n, n);
        }
    }

    public int label(int i) { return labels[from + i]; }

    /** Samples {@code [from, to)} of this split, sharing its storage. */
    public Split slice(int from, int to) {
        if (from < 0 || to > size || from > to) throw new IndexOutOfBoundsException(from + ".." + to + " of " + size);
        return new Split(sampleShape, samples, labels, this.from + from, to - from);
    }
}
