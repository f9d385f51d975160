package dev.dlm.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small idx files for tests, byte by byte as the format specifies. */
final class IdxFixtures {

    private IdxFixtures() {}

    /** An idx file of uint8 values with the given dimensions. */
    static byte[] uint8(int[] dims, byte[] values) {
        ByteBuffer out = header(0x08, dims, values.length);
        out.put(values);
        return out.array();
    }

    /** An idx file of float32 values with the given dimensions. */
    static byte[] float32(int[] dims, float[] values) {
        ByteBuffer out = header(0x0D, dims, values.length * 4);
        for (float v : values) out.putFloat(v);
        return out.array();
    }

    /** An idx file of int32 values with the given dimensions. */
    static byte[] int32(int[] dims, int[] values) {
        ByteBuffer out = header(0x0C, dims, values.length * 4);
        for (int v : values) out.putInt(v);
        return out.array();
    }

    /** A rank-1 uint8 labels file. */
    static byte[] labels(int... labels) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) bytes[i] = (byte) labels[i];
        return uint8(new int[] {labels.length}, bytes);
    }

    /** {@code count} uint8 samples of {@code shape}; value {@code j} of sample {@code i} is {@code (7i + j) % 256}. */
    static byte[] images(int count, int... shape) {
        int elements = 1;
        for (int d : shape) elements *= d;
        byte[] values = new byte[count * elements];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < elements; j++) values[i * elements + j] = (byte) ((7 * i + j) % 256);
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = count;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return uint8(dims, values);
    }

    private static ByteBuffer header(int typeCode, int[] dims, int dataBytes) {
        ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        out.put((byte) 0).put((byte) 0).put((byte) typeCode).put((byte) dims.length);
        for (int d : dims) out.putInt(d);
        return out;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a complete idx data set into {@code dir}: 6 training and 4 test samples of
     * {@code shape}, labels 0-2, each file gzip-compressed when {@code gzip}.
     */
    static void writeDataset(Path dir, boolean gzip, int... shape) {
        String gz = gzip ? ".gz" : "";
        int rank = shape.length + 1;
        write(dir.resolve("train-images-idx" + rank + "-ubyte" + gz), maybeGzip(images(6, shape), gzip));
        write(dir.resolve("train-labels-idx1-ubyte" + gz), maybeGzip(labels(0, 1, 2, 0, 1, 2), gzip));
        write(dir.resolve("t10k-images-idx" + rank + "-ubyte" + gz), maybeGzip(images(4, shape), gzip));
        write(dir.resolve("t10k-labels-idx1-ubyte" + gz), maybeGzip(labels(2, 1, 0, 2), gzip));
    }

    private static byte[] maybeGzip(byte[] content, boolean gzip) {
        return gzip ? gzip(content) : content;
    }
}
