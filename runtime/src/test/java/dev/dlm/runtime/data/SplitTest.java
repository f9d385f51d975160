package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitTest {

    /** Five samples of shape [2, 2]; value j of sample i is 50i + j. */
    private static Split bytes(double scale) {
        byte[] values = new byte[5 * 4];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) values[i * 4 + j] = (byte) (50 * i + j);
        }
        return Split.ofBytes(Shape.of(2, 2), 3, values, new int[] {0, 1, 2, 1, 0}, scale);
    }

    @Test
    void scalesUint8ExactlyAsKerasDividesBy255() {
        byte[] all = new byte[256];
        int[] labels = new int[256];
        for (int v = 0; v < 256; v++) all[v] = (byte) v;
        Split split = Split.ofBytes(Shape.of(1), 1, all, labels, 1.0 / 255);
        float[] x = new float[256];

        split.fillBatch(split.order(), 0, 256, x);

        for (int v = 0; v < 256; v++) {
            // numpy: x.astype('float32') / 255 divides in float32.
            assertEquals((float) v / 255f, x[v], "value " + v);
        }
        assertEquals(0f, x[0]);
        assertEquals(1f, x[255]);
    }

    @Test
    void fillsSamplesInTheGivenOrder() {
        Split split = bytes(0.5);
        float[] x = new float[3 * 4];

        split.fillBatch(new int[] {9, 4, 0, 2, 9}, 1, 3, x);

        assertArrayEquals(new float[] {100, 100.5f, 101, 101.5f, 0, 0.5f, 1, 1.5f, 50, 50.5f, 51, 51.5f}, x);
    }

    @Test
    void fillsFloatSamplesScaledAndUnscaled() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Split unscaled = Split.ofFloats(Shape.of(3), 2, values, new int[] {1, 0}, 1.0);
        Split halved = Split.ofFloats(Shape.of(3), 2, values, new int[] {1, 0}, 0.5);
        float[] x = new float[6];

        unscaled.fillBatch(new int[] {1, 0}, 0, 2, x);
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, x);
        halved.fillBatch(new int[] {1, 0}, 0, 2, x);
        assertArrayEquals(new float[] {2, 2.5f, 3, 0.5f, 1, 1.5f}, x);
    }

    @Test
    void fillsLabelsAndOneHotRows() {
        Split split = bytes(1.0);
        int[] ids = new int[3];
        float[] oneHot = {9, 9, 9, 9, 9, 9, 9, 9, 9};

        split.fillLabels(new int[] {2, 3, 4}, 0, 3, ids);
        split.fillOneHot(new int[] {2, 3, 4}, 0, 3, oneHot);

        assertArrayEquals(new int[] {2, 1, 0}, ids);
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 1, 0, 0}, oneHot);
    }

    @Test
    void slicesAreViewsWithTheirOwnIndexing() {
        Split split = bytes(1.0);
        Split middle = split.slice(1, 4);
        float[] x = new float[4];

        middle.fillBatch(new int[] {2}, 0, 1, x);

        assertEquals(3, middle.size());
        assertEquals(2, middle.label(1));
        assertArrayEquals(new float[] {150, 151, 152, 153}, x);
        assertEquals(150f, middle.rawValue(2, 0));
        assertArrayEquals(new int[] {0, 2, 1}, middle.labelCounts());
        Split inner = middle.slice(1, 2);
        assertEquals(1, inner.size());
        assertEquals(2, inner.label(0));
        // An index past the view must not read the neighbouring sample of the backing split.
        assertThrows(IndexOutOfBoundsException.class, () -> middle.fillBatch(new int[] {3}, 0, 1, x));
        assertThrows(IndexOutOfBoundsException.class, () -> middle.label(3));
        assertThrows(IndexOutOfBoundsException.class, () -> split.slice(2, 6));
    }

    @Test
    void refusesBatchesThatDoNotFit() {
        Split split = bytes(1.0);
        assertThrows(IndexOutOfBoundsException.class, () -> split.fillBatch(split.order(), 0, 2, new float[7]));
        assertThrows(IndexOutOfBoundsException.class, () -> split.fillBatch(split.order(), 4, 2, new float[8]));
        assertThrows(IndexOutOfBoundsException.class, () -> split.fillOneHot(split.order(), 0, 2, new float[5]));
    }

    @Test
    void refusesInconsistentStorage() {
        Shape shape = Shape.of(2);
        assertThrows(IllegalArgumentException.class, () -> Split.ofBytes(shape, 2, new byte[5], new int[2], 1));
        assertThrows(IllegalArgumentException.class, () -> Split.ofBytes(shape, 2, new byte[4], new int[] {0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.ofFloats(shape, 2, new float[4], new int[2], 0));
        assertThrows(IllegalArgumentException.class,
                () -> Split.ofFloats(shape, 2, new float[4], new int[2], Double.NaN));
    }
}
