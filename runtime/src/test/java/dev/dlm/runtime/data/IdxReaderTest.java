package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsUint8SamplesPlainAndGzipped(boolean gzip) throws DataException {
        byte[] file = IdxFixtures.images(3, 2, 4);
        Path path = IdxFixtures.write(dir.resolve("x"), gzip ? IdxFixtures.gzip(file) : file);

        IdxReader.Samples samples = IdxReader.readSamples(path);

        assertEquals(3, samples.count());
        assertEquals(Shape.of(2, 4), samples.sampleShape());
        assertNull(samples.floats());
        assertArrayEquals(Arrays.copyOfRange(file, 4 + 3 * 4, file.length), samples.bytes());
    }

    @Test
    void readsFloat32SamplesOfAnyRank() throws DataException {
        float[] values = {0.5f, -1.25f, 3e7f, 0f, 1f, 2f, 3f, 4f};
        Path path = IdxFixtures.write(dir.resolve("x"), IdxFixtures.float32(new int[] {2, 2, 1, 2}, values));

        IdxReader.Samples samples = IdxReader.readSamples(path);

        assertEquals(Shape.of(2, 1, 2), samples.sampleShape());
        assertEquals(2, samples.count());
        assertArrayEquals(values, samples.floats());
    }

    @Test
    void readsInt32Labels() throws DataException {
        Path path = IdxFixtures.write(dir.resolve("y"), IdxFixtures.int32(new int[] {4}, new int[] {3, 0, 70000, 1}));
        assertArrayEquals(new int[] {3, 0, 70000, 1}, IdxReader.readLabels(path).values());
    }

    @Test
    void refusesNegativeAndFractionalLabels() {
        Path negative = IdxFixtures.write(dir.resolve("neg"), IdxFixtures.int32(new int[] {2}, new int[] {1, -3}));
        assertDataError(() -> IdxReader.readLabels(negative), negative.toString(), "label -3.0 of sample 1");
        Path fractional = IdxFixtures.write(dir.resolve("frac"), IdxFixtures.float32(new int[] {1}, new float[] {1.5f}));
        assertDataError(() -> IdxReader.readLabels(fractional), "label 1.5 of sample 0", "non-negative integer");
    }

    @Test
    void refusesLabelsOfRankAboveOne() {
        Path images = IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxFixtures.images(2, 3, 3));
        assertDataError(() -> IdxReader.readLabels(images), "2 x 3 x 3 uint8", "labels need rank 1");
    }

    @Test
    void refusesWrongMagicNumber() {
        byte[] file = IdxFixtures.images(2, 3, 3);
        file[2] = 0x07;
        Path path = IdxFixtures.write(dir.resolve("bad"), file);
        assertDataError(() -> IdxReader.readSamples(path), path.toString(), "not an idx file", "0x00000703");
        Path text = IdxFixtures.write(dir.resolve("text"), "hello world".getBytes());
        assertDataError(() -> IdxReader.readSamples(text), "not an idx file", "0x68656C6C");
    }

    @Test
    void refusesWrongMagicInsideGzip() {
        byte[] file = IdxFixtures.images(2, 3, 3);
        file[0] = 1;
        Path path = IdxFixtures.write(dir.resolve("bad.gz"), IdxFixtures.gzip(file));
        assertDataError(() -> IdxReader.readSamples(path), "not an idx file", "0x01000803");
    }

    /** Cuts a 2 x 3 x 3 file (16-byte header, 18 data bytes) at every kind of place. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 9, 15, 16, 17, 33})
    void refusesTruncatedPlainFiles(int length) {
        byte[] file = Arrays.copyOf(IdxFixtures.images(2, 3, 3), length);
        Path path = IdxFixtures.write(dir.resolve("cut"), file);
        String expected = length < 4 ? "too short to be an idx file" : length < 16 ? "truncated inside its header"
                : "is truncated: its header declares 2 x 3 x 3 uint8 values (18 bytes after the 16-byte header)"
                + " but only " + (length - 16) + " bytes follow";
        assertDataError(() -> IdxReader.readSamples(path), path.toString(), expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 12, 20, 30})
    void refusesTruncatedGzipFiles(int length) {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.images(40, 5, 5));
        Path path = IdxFixtures.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, Math.min(length, gz.length - 1)));
        assertDataError(() -> IdxReader.readSamples(path), path.toString(), "gzip data is truncated", "fresh copy");
    }

    @Test
    void refusesIntactGzipOfATruncatedFile() {
        Path images = IdxFixtures.write(dir.resolve("x.gz"),
                IdxFixtures.gzip(Arrays.copyOf(IdxFixtures.images(2, 3, 3), 30)));
        assertDataError(() -> IdxReader.readSamples(images), "is truncated", "but only 14 bytes follow");
        Path labels = IdxFixtures.write(dir.resolve("y.gz"),
                IdxFixtures.gzip(Arrays.copyOf(IdxFixtures.labels(1, 2, 3, 4), 10)));
        assertDataError(() -> IdxReader.readLabels(labels), "4 uint8 values", "but only 2 bytes follow");
        Path ints = IdxFixtures.write(dir.resolve("z.gz"),
                IdxFixtures.gzip(Arrays.copyOf(IdxFixtures.int32(new int[] {3}, new int[] {1, 2, 3}), 15)));
        assertDataError(() -> IdxReader.readLabels(ints), "3 int32 values (12 bytes", "but only 7 bytes follow");
    }

    @Test
    void refusesGzipMissingOnlyItsTrailer() {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.images(40, 5, 5));
        Path path = IdxFixtures.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 4));
        assertDataError(() -> IdxReader.readSamples(path), "gzip data is truncated");
    }

    @Test
    void refusesCorruptGzipData() {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.images(40, 5, 5));
        // Flip bits in the deflate stream: either the inflater or the CRC-32 trailer check must catch it.
        for (int i = 12; i < gz.length - 8; i += 7) gz[i] ^= 0x5A;
        Path path = IdxFixtures.write(dir.resolve("corrupt.gz"), gz);
        assertDataError(() -> IdxReader.readSamples(path), path.toString(), "gzip data is corrupt");
    }

    @Test
    void refusesDataLongerThanDeclared() {
        byte[] file = Arrays.copyOf(IdxFixtures.images(2, 3, 3), 34 + 5);
        Path plain = IdxFixtures.write(dir.resolve("long"), file);
        assertDataError(() -> IdxReader.readSamples(plain), "longer than declared", "but 23 bytes follow");
        Path gz = IdxFixtures.write(dir.resolve("long.gz"), IdxFixtures.gzip(file));
        assertDataError(() -> IdxReader.readSamples(gz), "longer than declared", "but 23 bytes follow");
    }

    @Test
    void refusesHeadersThatCannotFitInMemory() {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(0x00000803).putInt(-1).putInt(60000).putInt(60000);
        Path huge = IdxFixtures.write(dir.resolve("huge"), header.array());
        assertDataError(() -> IdxReader.readSamples(huge), "4294967295 x 60000 x 60000 uint8", "more than one array can hold");

        // 32768 x 65535 float32 values fit one array (2^31 - 32768 elements) but need 8 GiB of heap.
        assumeTrue(Runtime.getRuntime().maxMemory() < 8_000L << 20, "the test JVM's heap holds 8 GiB");
        ByteBuffer floats = ByteBuffer.allocate(12).putInt(0x00000D02).putInt(32768).putInt(65535);
        Path big = IdxFixtures.write(dir.resolve("big.gz"), IdxFixtures.gzip(floats.array()));
        assertDataError(() -> IdxReader.readSamples(big), "32768 x 65535 float32", "need 8,191 MiB", "-Xmx");
    }

    @Test
    void refusesEmptyDimensions() {
        Path empty = IdxFixtures.write(dir.resolve("empty"), IdxFixtures.uint8(new int[] {0, 28, 28}, new byte[0]));
        assertDataError(() -> IdxReader.readSamples(empty), "0 x 28 x 28 uint8: no values");
        ByteBuffer zeroAfterOverflow = ByteBuffer.allocate(16).putInt(0x00000803).putInt(-1).putInt(-1).putInt(0);
        Path zero = IdxFixtures.write(dir.resolve("zero"), zeroAfterOverflow.array());
        assertDataError(() -> IdxReader.readSamples(zero), "4294967295 x 4294967295 x 0 uint8: no values");
    }

    @Test
    void reportsMissingFileAndDirectory() {
        Path missing = dir.resolve("nope");
        assertDataError(() -> IdxReader.readSamples(missing), missing.toString(), "no such file");
        assertDataError(() -> IdxReader.readSamples(dir), "is a directory");
    }

    @Test
    void readsFromAStreamLikeFromDisk() throws DataException {
        byte[] file = IdxFixtures.gzip(IdxFixtures.labels(4, 5, 6));
        assertArrayEquals(new int[] {4, 5, 6}, IdxReader.readLabels(stream(file), "mem").values());
        assertNotNull(assertDataError(() -> IdxReader.readLabels(stream(Arrays.copyOf(file, 10)), "mem"), "mem: "));
        // A plain stream's length is not known before reading: a wrong one is found at its end.
        byte[] plain = IdxFixtures.labels(4, 5, 6);
        assertArrayEquals(new int[] {4, 5, 6}, IdxReader.readLabels(stream(plain), "mem").values());
        assertDataError(() -> IdxReader.readLabels(stream(Arrays.copyOf(plain, plain.length + 1)), "mem"), "mem: ");
        assertDataError(() -> IdxReader.readLabels(stream(Arrays.copyOf(plain, plain.length - 1)), "mem"), "mem: ");
    }

    private static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }
}
