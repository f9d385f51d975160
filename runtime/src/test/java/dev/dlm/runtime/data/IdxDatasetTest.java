package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IdxDatasetTest {

    @TempDir
    Path dir;

    @Test
    void loadsATinyDatasetAndCountsItsClasses() throws DataException {
        IdxFixtures.writeDataset(dir, true, 3, 2);

        Dataset data = IdxDataset.load("idx(tiny)", dir, 1.0, 0);

        assertEquals("idx(tiny)", data.name());
        assertEquals(Shape.of(3, 2), data.sampleShape());
        assertEquals(3, data.classes());
        assertEquals(6, data.train().size());
        assertEquals(4, data.test().size());
        assertEquals(2, data.test().label(0));
        // Sample 1 of the training images holds (7 + j) % 256 for j = 0..5.
        float[] x = new float[6];
        data.train().fillBatch(new int[] {1}, 0, 1, x);
        assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12}, x);
    }

    @Test
    void findsFilesByEveryCommonNameAndPrefersUncompressedTwins() throws IOException, DataException {
        IdxFixtures.write(dir.resolve("train-images.idx4-ubyte"), IdxFixtures.images(2, 2, 2, 1));
        IdxFixtures.write(dir.resolve("train_labels_idx1_ubyte.gz"), IdxFixtures.gzip(IdxFixtures.labels(1, 0)));
        IdxFixtures.write(dir.resolve("test-images-idx4-ubyte"), IdxFixtures.images(1, 2, 2, 1));
        IdxFixtures.write(dir.resolve("test-images-idx4-ubyte.gz"), new byte[] {1, 2, 3});
        IdxFixtures.write(dir.resolve("T10K-LABELS-IDX1-UBYTE"), IdxFixtures.labels(1));
        Files.writeString(dir.resolve("README"), "not data");

        IdxDataset.Files4 files = IdxDataset.find(dir);

        assertEquals(dir.resolve("test-images-idx4-ubyte"), files.testImages());
        Dataset data = IdxDataset.load("idx", dir, 1.0, 0);
        assertEquals(Shape.of(2, 2, 1), data.sampleShape());
        assertEquals(2, data.classes());
    }

    @Test
    void reportsMissingAndAmbiguousFiles() {
        IdxFixtures.writeDataset(dir, false, 2);
        IdxFixtures.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[0]);
        IdxFixtures.write(dir.resolve("test-labels-idx1-ubyte"), IdxFixtures.labels(0, 0, 0, 0));
        assertDataError(() -> IdxDataset.find(dir), dir.toString(), "several test labels files",
                "t10k-labels-idx1-ubyte, test-labels-idx1-ubyte");

        Path other = dir.resolve("other");
        assertDataError(() -> IdxDataset.find(other), "no such directory", "train-images-idx3-ubyte");
        assertDataError(() -> IdxDataset.find(dir.resolve("train-labels-idx1-ubyte")), "is a file, not a directory");
    }

    @Test
    void reportsAMissingRole() throws IOException {
        IdxFixtures.writeDataset(dir, false, 2);
        Files.delete(dir.resolve("train-labels-idx1-ubyte"));
        assertDataError(() -> IdxDataset.find(dir), "has no training labels file",
                "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
    }

    @Test
    void refusesLabelCountDifferentFromSampleCount() {
        IdxFixtures.writeDataset(dir, false, 2);
        Path labels = IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte"), IdxFixtures.labels(0, 1, 2, 0, 1));
        assertDataError(() -> IdxDataset.load("idx", dir, 1.0, 0), labels.toString(),
                "has 5 labels but " + dir.resolve("train-images-idx2-ubyte") + " has 6 samples");
    }

    @Test
    void refusesLabelsOutOfTheDeclaredRange() {
        IdxFixtures.writeDataset(dir, false, 2);
        assertDataError(() -> IdxDataset.load("idx", dir, 1.0, 2), dir.resolve("train-labels-idx1-ubyte").toString(),
                "label 2 of sample 2 is out of range for 2 classes (0-1)");
    }

    @Test
    void refusesTestSamplesOfAnotherShape() {
        IdxFixtures.writeDataset(dir, false, 2, 2);
        Path test = IdxFixtures.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFixtures.images(4, 2, 3));
        assertDataError(() -> IdxDataset.load("idx", dir, 1.0, 0), test.toString(),
                "holds samples of shape [2, 3] but the training samples", "have shape [2, 2]");
    }
}
