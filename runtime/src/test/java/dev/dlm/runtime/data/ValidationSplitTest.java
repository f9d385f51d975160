package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValidationSplitTest {

    /** {@code n} one-value samples whose label is their index modulo 10 and whose value is their index modulo 256. */
    private static Split numbered(int n) {
        byte[] values = new byte[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = (byte) i;
            labels[i] = i % 10;
        }
        return Split.ofBytes(Shape.of(1), 10, values, labels, 1.0);
    }

    @Test
    void holdsOutTheLastFractionLikeKeras() throws DataException {
        ValidationSplit split = ValidationSplit.of(numbered(60_000), 0.1);

        assertEquals(54_000, split.train().size());
        assertEquals(6_000, split.validation().size());
        // Validation starts right after the last training sample: sample 54000.
        assertEquals(54_000 % 256, (int) split.validation().rawValue(0, 0));
        assertEquals(54_000 % 10, split.validation().label(0));
        assertEquals(53_999 % 256, (int) split.train().rawValue(53_999, 0));
    }

    @Test
    void roundsTheTrainingPartDown() throws DataException {
        // Keras: split_at = floor(10 * (1 - 0.25)) = floor(7.5) = 7.
        ValidationSplit split = ValidationSplit.of(numbered(10), 0.25);
        assertEquals(7, split.train().size());
        assertEquals(3, split.validation().size());
        // floor(3 * (1 - 0.2)) = floor(2.4) = 2.
        assertEquals(1, ValidationSplit.of(numbered(3), 0.2).validation().size());
    }

    @Test
    void splitsViewsOfViews() throws DataException {
        ValidationSplit split = ValidationSplit.of(numbered(100).slice(50, 100), 0.2);
        assertEquals(40, split.train().size());
        assertEquals(90, (int) split.validation().rawValue(0, 0));
    }

    @Test
    void refusesSplitsWithAnEmptyPart() {
        assertDataError(() -> ValidationSplit.of(numbered(1), 0.5), "validation_split=0.5",
                "has 1 samples, too few to split");
        // 1 - 1e-17 is 1.0 in double precision: nothing is left to validate.
        assertDataError(() -> ValidationSplit.of(numbered(5), 1e-17), "has 5 samples");
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(10), 0));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(10), 1));
    }
}
