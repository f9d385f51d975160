package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltinMnistTest {

    private static final List<String> FILES = List.of(BuiltinMnist.TRAIN_IMAGES, BuiltinMnist.TRAIN_LABELS,
            BuiltinMnist.TEST_IMAGES, BuiltinMnist.TEST_LABELS, BuiltinMnist.SUMS);

    private static Dataset mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws DataException {
        mnist = BuiltinMnist.load(BuiltinMnist.SHIPPED, 1.0 / 255, 10);
    }

    @Test
    void hasMnistsSizesShapeAndClasses() {
        assertEquals("mnist", mnist.name());
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(Shape.of(28, 28), mnist.sampleShape());
        assertEquals(784, mnist.train().elements());
        assertEquals(10, mnist.classes());
    }

    @Test
    void labelHistogramsAreMnists() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                mnist.train().labelCounts());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                mnist.test().labelCounts());
        // The first training digits of MNIST are 5, 0, 4, 1, 9; the first test digits 7, 2, 1, 0, 4.
        int[] firstTrain = new int[5];
        int[] firstTest = new int[5];
        mnist.train().fillLabels(mnist.train().order(), 0, 5, firstTrain);
        mnist.test().fillLabels(mnist.test().order(), 0, 5, firstTest);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, firstTrain);
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, firstTest);
    }

    @Test
    void scaledPixelsSpanZeroToOne() {
        Split train = mnist.train();
        int batch = 1000;
        float[] x = new float[batch * 784];
        int[] order = train.order();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int from = 0; from < train.size(); from += batch) {
            train.fillBatch(order, from, batch, x);
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void fillBatchMatchesAnIndependentDecodeOfTheFile() throws IOException, DataException {
        byte[] pixels;
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(
                BuiltinMnist.SHIPPED.read(BuiltinMnist.TEST_IMAGES))))) {
            assertEquals(0x803, in.readInt());
            assertEquals(10_000, in.readInt());
            assertEquals(28, in.readInt());
            assertEquals(28, in.readInt());
            pixels = in.readAllBytes();
        }
        int[] order = {9_999, 0, 4_242, 1};
        float[] x = new float[order.length * 784];

        mnist.test().fillBatch(order, 0, order.length, x);

        for (int k = 0; k < order.length; k++) {
            for (int j = 0; j < 784; j++) {
                float expected = (pixels[order[k] * 784 + j] & 0xFF) / 255f;
                assertEquals(expected, x[k * 784 + j], "sample " + order[k] + " pixel " + j);
            }
        }
    }

    @Test
    void refusesAFileWhoseHashDiffers() throws DataException, IOException {
        copyShippedFiles();
        Path labels = dir.resolve(BuiltinMnist.TEST_LABELS);
        byte[] damaged = flipAMiddleBit(labels);

        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10), labels.toString(),
                "SHA-256 mismatch: expected f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6,"
                        + " actual " + sha256(damaged), "restore the original");
    }

    @Test
    void loadsAVerifiedCopyFromADirectory() throws DataException, IOException {
        writeTinyCopy();
        Dataset tiny = BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10);
        assertEquals(6, tiny.train().size());
        assertEquals(4, tiny.test().size());
    }

    @Test
    void refusesATruncatedFileByItsHashFirst() throws DataException, IOException {
        writeTinyCopy();
        Path images = dir.resolve(BuiltinMnist.TRAIN_IMAGES);
        byte[] cut = Files.readAllBytes(images);
        cut = Arrays.copyOf(cut, cut.length / 3);
        Files.write(images, cut);

        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10), images.toString(),
                "SHA-256 mismatch", "actual " + sha256(cut));
    }

    @Test
    void aDamagedFileIsReportedBeforeALaterMissingOne() throws DataException, IOException {
        // Each file is streamed twice, to hash it and to parse it: the hashes of the files before
        // a missing one are still checked first.
        writeTinyCopy();
        Path images = dir.resolve(BuiltinMnist.TRAIN_IMAGES);
        byte[] damaged = flipAMiddleBit(images);
        Files.delete(dir.resolve(BuiltinMnist.TEST_LABELS));

        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10), images.toString(),
                "SHA-256 mismatch", "actual " + sha256(damaged));
    }

    @Test
    void reportsMissingFilesAndSums() throws IOException {
        writeTinyCopy();
        String sums = Files.readString(dir.resolve(BuiltinMnist.SUMS));
        Files.writeString(dir.resolve(BuiltinMnist.SUMS), sums.lines()
                .filter(line -> !line.contains(BuiltinMnist.TEST_IMAGES)).reduce("", (a, b) -> a + b + "\n"));
        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10),
                dir.resolve(BuiltinMnist.SUMS).toString(), "lists no SHA-256 for t10k-images-idx3-ubyte.gz");

        Files.writeString(dir.resolve(BuiltinMnist.SUMS), "not a sum\n");
        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10),
                dir.resolve(BuiltinMnist.SUMS) + ":1", "is not a `<sha256>  <file>` line");

        Files.writeString(dir.resolve(BuiltinMnist.SUMS), sums);
        Files.delete(dir.resolve(BuiltinMnist.TRAIN_LABELS));
        assertDataError(() -> BuiltinMnist.load(BuiltinMnist.directory(dir), 1.0 / 255, 10),
                dir.resolve(BuiltinMnist.TRAIN_LABELS).toString(), "no such file");
    }

    @Test
    void shippedSumsNameEveryFile() throws DataException {
        String sums = new String(BuiltinMnist.SHIPPED.read(BuiltinMnist.SUMS), StandardCharsets.UTF_8);
        for (String file : FILES.subList(0, 4)) {
            assertTrue(sums.contains("  " + file), file);
        }
    }

    /** Flips one bit in the middle of {@code file}; its new content. */
    private static byte[] flipAMiddleBit(Path file) throws IOException {
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 1;
        Files.write(file, damaged);
        return damaged;
    }

    private void copyShippedFiles() throws DataException, IOException {
        for (String file : FILES) {
            Files.write(dir.resolve(file), BuiltinMnist.SHIPPED.read(file));
        }
    }

    /** Writes a tiny MNIST-shaped data set (6 + 4 images of 28x28) and its SHA256SUMS. */
    private void writeTinyCopy() throws IOException {
        IdxFixtures.writeDataset(dir, true, 28, 28);
        StringBuilder sums = new StringBuilder();
        for (String file : FILES.subList(0, 4)) {
            sums.append(sha256(Files.readAllBytes(dir.resolve(file)))).append("  ").append(file).append('\n');
        }
        Files.writeString(dir.resolve(BuiltinMnist.SUMS), sums);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
