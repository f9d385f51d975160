package dev.dlm.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Synthetic CIFAR-10 files in the exact binary format: record {@code r} of file {@code f} has
 * label {@code (f + r) % 10} and pixel {@code (row, col, channel)} equal to
 * {@link #pixel}{@code (f, r, row, col, channel)}, written plane by plane (CHW) as the real files are.
 */
final class Cifar10Fixtures {

    private Cifar10Fixtures() {}

    /** The value of a pixel in the synthetic files. */
    static int pixel(int file, int record, int row, int col, int channel) {
        return (file * 31 + record * 7 + row * 3 + col * 5 + channel * 101) & 0xFF;
    }

    /** The six files' contents, {@code perFile} records each (files 0-4 are the training batches, 5 the test batch). */
    static Map<String, byte[]> files(int perFile) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int f = 0; f < 6; f++) {
            byte[] bytes = new byte[perFile * Cifar10.RECORD];
            for (int r = 0; r < perFile; r++) {
                int off = r * Cifar10.RECORD;
                bytes[off] = (byte) ((f + r) % 10);
                for (int c = 0; c < 3; c++) {
                    for (int row = 0; row < 32; row++) {
                        for (int col = 0; col < 32; col++) {
                            bytes[off + 1 + c * 1024 + row * 32 + col] = (byte) pixel(f, r, row, col, c);
                        }
                    }
                }
            }
            out.put(f < 5 ? Cifar10.TRAIN_FILES.get(f) : Cifar10.TEST_FILE, bytes);
        }
        return out;
    }

    /** Writes the six files into {@code dir}. */
    static void writeFolder(Path dir, int perFile) throws IOException {
        Files.createDirectories(dir);
        for (var e : files(perFile).entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
    }

    /** Writes a gzip'd POSIX tar of {@code cifar-10-batches-bin/} with the six files (plus a readme, as the real one has). */
    static void writeArchive(Path file, int perFile) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "cifar-10-batches-bin/", new byte[0], '5');
        entry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes(StandardCharsets.US_ASCII), '0');
        for (var e : files(perFile).entrySet()) entry(tar, "cifar-10-batches-bin/" + e.getKey(), e.getValue(), '0');
        tar.write(new byte[1024]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            tar.writeTo(out);
        }
    }

    private static void entry(ByteArrayOutputStream tar, String name, byte[] data, char type) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        int sum = 0;
        for (byte b : h) sum += b & 0xFF;
        put(h, 148, String.format("%06o", sum));
        tar.write(h);
        tar.write(data);
        tar.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
