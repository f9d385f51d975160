package dev.dlm.runtime.data;

import dev.dlm.compiler.ir.Augmentation;
import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Augmenter} against a plain reference: every output sample is one padded crop, maybe mirrored, of its input. */
class AugmenterTest {

    private static final int H = 6;
    private static final int W = 5;
    private static final int C = 2;
    private static final Shape SHAPE = Shape.of(H, W, C);

    /** A batch whose values are all distinct and non-zero, so a transformed sample identifies its transformation. */
    private static float[] batch(int count) {
        float[] x = new float[count * H * W * C];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return x;
    }

    /** The reference: pad by {@code p} zeros, take the window at offset (p+dy, p+dx), then mirror if asked. */
    private static float[] reference(float[] in, int offset, int dy, int dx, boolean flip, int p) {
        int ph = H + 2 * p;
        int pw = W + 2 * p;
        float[] padded = new float[ph * pw * C];
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++)
                for (int c = 0; c < C; c++) padded[((i + p) * pw + j + p) * C + c] = in[offset + (i * W + j) * C + c];
        float[] crop = new float[H * W * C];
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++)
                for (int c = 0; c < C; c++) crop[(i * W + j) * C + c] = padded[((i + p + dy) * pw + j + p + dx) * C + c];
        if (!flip) return crop;
        float[] out = new float[crop.length];
        for (int i = 0; i < H; i++)
            for (int j = 0; j < W; j++)
                for (int c = 0; c < C; c++) out[(i * W + j) * C + c] = crop[(i * W + (W - 1 - j)) * C + c];
        return out;
    }

    /** The (dy, dx, flip) that turns input sample {@code k} into output sample {@code k}, or null. */
    private static String transformation(float[] in, float[] out, int k, int p, boolean flips) {
        int n = H * W * C;
        float[] actual = Arrays.copyOfRange(out, k * n, (k + 1) * n);
        for (int dy = -p; dy <= p; dy++)
            for (int dx = -p; dx <= p; dx++)
                for (boolean flip : flips ? new boolean[] {false, true} : new boolean[] {false})
                    if (Arrays.equals(reference(in, k * n, dy, dx, flip, p), actual)) return dy + "," + dx + "," + flip;
        return null;
    }

    @Test
    void everySampleIsAPaddedCropMaybeMirroredAndAllOfThemOccur() {
        int count = 400;
        float[] in = batch(count);
        float[] out = in.clone();
        new Augmenter(new Augmentation(2, true), SHAPE, 7).apply(out, count, 0);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < count; k++) {
            String t = transformation(in, out, k, 2, true);
            assertNotNull(t, "sample " + k + " is no padded crop of its input");
            seen.add(t);
        }
        assertEquals(5 * 5 * 2, seen.size(), "every shift in [-2, 2] x [-2, 2], mirrored or not: " + seen);
    }

    @Test
    void flipAloneMirrorsAboutHalfAndShiftsNothing() {
        int count = 1000;
        float[] in = batch(count);
        float[] out = in.clone();
        new Augmenter(new Augmentation(0, true), SHAPE, 1).apply(out, count, 3);
        int mirrored = 0;
        for (int k = 0; k < count; k++) {
            String t = transformation(in, out, k, 0, true);
            assertNotNull(t);
            if (t.endsWith("true")) mirrored++;
        }
        assertEquals(500, mirrored, 60);
    }

    @Test
    void drawsDependOnlyOnTheSeedAndTheStep() {
        float[] a = batch(16);
        float[] b = batch(16);
        float[] c = batch(16);
        float[] d = batch(16);
        new Augmenter(new Augmentation(3, true), SHAPE, 42).apply(a, 16, 5);
        new Augmenter(new Augmentation(3, true), SHAPE, 42).apply(b, 16, 5);
        new Augmenter(new Augmentation(3, true), SHAPE, 42).apply(c, 16, 6);
        new Augmenter(new Augmentation(3, true), SHAPE, 43).apply(d, 16, 5);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another step draws anew");
        assertFalse(Arrays.equals(a, d), "another seed draws anew");
    }

    @Test
    void noAugmentationChangesNothingAndNonImagesAreRefused() {
        float[] x = batch(3);
        new Augmenter(Augmentation.NONE, SHAPE, 1).apply(x, 3, 0);
        assertArrayEquals(batch(3), x);
        assertThrows(IllegalArgumentException.class, () -> new Augmenter(new Augmentation(1, false), Shape.of(784), 1));
    }
}
