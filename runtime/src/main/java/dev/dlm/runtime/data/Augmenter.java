package dev.dlm.runtime.data;

import dev.dlm.compiler.ir.Augmentation;
import dev.dlm.compiler.shape.Shape;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to a batch of image samples in place: for each sample, a
 * shift {@code (dy, dx)} drawn uniformly from {@code [-p, p]} (the random crop of the image
 * padded by {@code p} zero pixels on every side) and then, with probability 1/2, a mirror
 * left to right. Pixels shifted in from outside the image are 0.
 *
 * <p>The draws depend only on the run's seed and the global step of the batch, so a run is
 * repeatable and a resumed run draws what an uninterrupted one would have.
 */
public final class Augmenter {

    private final Augmentation augmentation;
    private final int height;
    private final int width;
    private final int channels;
    private final long seed;
    private float[] scratch;

    /**
     * @param sampleShape {@code [height, width, channels]}, the layout {@link Split#fillBatch} writes
     * @throws IllegalArgumentException when the samples are not images of rank 3
     */
    public Augmenter(Augmentation augmentation, Shape sampleShape, long seed) {
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("augmentation needs [height, width, channels] samples, not " + sampleShape);
        }
        this.height = Math.toIntExact(sampleShape.dim(0));
        this.width = Math.toIntExact(sampleShape.dim(1));
        this.channels = Math.toIntExact(sampleShape.dim(2));
        this.seed = seed;
        this.scratch = new float[height * width * channels];
    }

    /** Transforms samples {@code 0..count-1} of {@code batch} (one after another) for training step {@code step}. */
    public void apply(float[] batch, int count, long step) {
        if (augmentation.isNone()) return;
        int n = height * width * channels;
        Objects.checkFromIndexSize(0, Math.multiplyExact(count, n), batch.length);
        // One stream per step, split from the seed: steps draw independently of each other.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        int p = augmentation.cropPadding();
        for (int k = 0; k < count; k++) {
            int dy = p == 0 ? 0 : random.nextInt(2 * p + 1) - p;
            int dx = p == 0 ? 0 : random.nextInt(2 * p + 1) - p;
            boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
            transform(batch, k * n, dy, dx, flip);
        }
    }

    /** out(i, j) = in(i + dy, (flip ? width-1-j : j) + dx), or 0 outside the image. */
    private void transform(float[] batch, int offset, int dy, int dx, boolean flip) {
        if (dy == 0 && dx == 0 && !flip) return;
        System.arraycopy(batch, offset, scratch, 0, scratch.length);
        for (int i = 0; i < height; i++) {
            int si = i + dy;
            for (int j = 0; j < width; j++) {
                int sj = (flip ? width - 1 - j : j) + dx;
                int out = offset + (i * width + j) * channels;
                if (si < 0 || si >= height || sj < 0 || sj >= width) {
                    for (int c = 0; c < channels; c++) batch[out + c] = 0f;
                } else {
                    System.arraycopy(scratch, (si * width + sj) * channels, batch, out, channels);
                }
            }
        }
    }
}
