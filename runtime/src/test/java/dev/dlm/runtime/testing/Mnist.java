package dev.dlm.runtime.testing;

import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.Split;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the first samples of the shared MNIST idx files, pixels scaled to [0, 1]. */
public final class Mnist {

    public static final Path DIR = Path.of("/work/shared/datasets/mnist");

    private Mnist() {}

    /** {@code prefix} is {@code train} or {@code t10k}. */
    public static Split read(String prefix, int limit) {
        try (DataInputStream images = open(prefix + "-images-idx3-ubyte.gz");
             DataInputStream labels = open(prefix + "-labels-idx1-ubyte.gz")) {
            if (images.readInt() != 2051 || labels.readInt() != 2049) throw new IOException("not idx files");
            int n = Math.min(limit, images.readInt());
            labels.readInt();
            int rows = images.readInt(), cols = images.readInt();
            byte[] pixels = new byte[n * rows * cols];
            images.readFully(pixels);
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) x[i] = (pixels[i] & 0xff) / 255f;
            int[] y = new int[n];
            for (int i = 0; i < n; i++) y[i] = labels.readUnsignedByte();
            return Split.ofFloats(Shape.of(rows, cols), 10, x, y, 1.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataInputStream open(String name) throws IOException {
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(DIR.resolve(name)))));
    }
}
