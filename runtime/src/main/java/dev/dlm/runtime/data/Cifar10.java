package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * CIFAR-10 in its binary format: 50,000 training and 10,000 test colour images of 32x32
 * pixels in 10 classes, in six files {@code data_batch_1.bin} .. {@code data_batch_5.bin} and
 * {@code test_batch.bin} of 10,000 records each; a record is one label byte (0-9) and 3,072
 * pixel bytes, the red, green and blue planes of 32 rows of 32 pixels each.
 *
 * <p>Samples are stored as Keras's {@code cifar10.load_data()} returns them: {@code [32, 32, 3]}
 * (rows, columns, channels), the training files concatenated in order. A folder is searched for,
 * in this order, the official archive {@code cifar-10-binary.tar.gz} (read without extracting it
 * and checked against its published SHA-256), then the extracted {@code cifar-10-batches-bin}
 * folder, then the six files themselves. Extracted files are checked for their record
 * structure only: the published SHA-256 is the archive's.
 */
final class Cifar10 {

    /** The official archive's file name. */
    static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** The SHA-256 of the official archive (170,052,171 bytes; MD5 c32a1d4ab5d03f1284b67883e8d87530). */
    static final String ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    /** The folder the archive extracts to. */
    static final String FOLDER = "cifar-10-batches-bin";
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int CLASSES = 10;
    static final int PIXELS = SIDE * SIDE * CHANNELS;
    /** One record: a label byte and the pixels. */
    static final int RECORD = 1 + PIXELS;
    static final Shape SAMPLE_SHAPE = Shape.of(SIDE, SIDE, CHANNELS);
    /** Where the data set can be had, for the message when it is absent. */
    static final String HOME_PAGE = "https://www.cs.toronto.edu/~kriz/cifar.html";

    private Cifar10() {}

    /**
     * The folders searched: {@code path} resolved against {@code baseDirectory} when the file
     * gives one, else {@code cifar10} in the dlm cache ({@link DataLoader#cacheDirectory()}).
     */
    static List<Path> searchPath(String path, Path baseDirectory) {
        return path != null ? List.of(baseDirectory.resolve(path)) : List.of(DataLoader.cacheDirectory().resolve("cifar10"));
    }

    /** Loads CIFAR-10 from the first folder of {@code searchPath} that holds it, checking the archive against {@link #ARCHIVE_SHA256}. */
    static Dataset load(List<Path> searchPath, double scale) throws DataException {
        return load(searchPath, scale, ARCHIVE_SHA256);
    }

    /** As {@link #load(List, double)}, with the archive's expected SHA-256 given (tests make small archives). */
    static Dataset load(List<Path> searchPath, double scale, String archiveSha256) throws DataException {
        for (Path dir : searchPath) {
            Path archive = dir.resolve(ARCHIVE);
            if (Files.isRegularFile(archive)) return fromArchive(archive, scale, archiveSha256);
            for (Path folder : List.of(dir.resolve(FOLDER), dir)) {
                if (Files.isRegularFile(folder.resolve(TRAIN_FILES.get(0)))) return fromFolder(folder, scale);
            }
        }
        Path first = searchPath.get(0);
        throw new DataException(Code.DLM1450, "cifar10", "no copy found in "
                + searchPath.stream().map(Path::toString).collect(Collectors.joining(" or "))
                + " (looked for " + ARCHIVE + ", " + FOLDER + "/ or its six .bin files)",
                "download the CIFAR-10 binary version, " + ARCHIVE + " (163 MB), from " + HOME_PAGE
                        + ", and put it in " + first + " as it is (no need to extract it); or write cifar10(path=\"FOLDER\")"
                        + " or set DLM_CACHE");
    }

    private static Dataset fromFolder(Path folder, double scale) throws DataException {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : allFiles()) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new DataException(Code.DLM1450, file.toString(), "is missing (" + folder + " has "
                        + TRAIN_FILES.get(0) + ")", "the folder needs all six files: " + String.join(", ", allFiles()));
            }
            try {
                files.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw IoErrors.describe(file.toString(), e);
            }
        }
        return assemble(folder.toString(), files, scale);
    }

    /** Reads the six files out of the gzip'd tar archive in one pass, hashing every byte. */
    private static Dataset fromArchive(Path archive, double scale, String expectedSha256) throws DataException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), sha)) {
            InputStream tar = new GZIPInputStream(raw, 1 << 16);
            readTar(tar, archive.toString(), files);
            // The hash covers the whole file: drain what the tar reader left, and anything after the gzip data.
            tar.transferTo(java.io.OutputStream.nullOutputStream());
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw IoErrors.describe(archive.toString(), e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(expectedSha256)) {
            throw new DataException(Code.DLM1451, archive.toString(), "SHA-256 mismatch: expected " + expectedSha256
                    + ", actual " + actual, "the archive is damaged or is not the official " + ARCHIVE
                    + "; download it again from " + HOME_PAGE);
        }
        for (String name : allFiles()) {
            if (!files.containsKey(name)) {
                throw new DataException(Code.DLM1452, archive.toString(), "has no " + FOLDER + "/" + name, IoErrors.REDOWNLOAD);
            }
        }
        return assemble(archive.toString(), files, scale);
    }

    /** Collects the regular files of a POSIX tar stream whose base names are CIFAR-10's. */
    private static void readTar(InputStream tar, String source, Map<String, byte[]> out) throws IOException, DataException {
        byte[] header = new byte[512];
        while (true) {
            if (tar.readNBytes(header, 0, 512) < 512) return;  // archives end with zero blocks; tolerate a short end
            if (isZero(header)) return;
            String name = cString(header, 0, 100);
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            long size = octal(header, 124, 12, source);
            char type = (char) header[156];
            String base = name.substring(name.lastIndexOf('/') + 1);
            boolean wanted = (type == '0' || type == 0) && allFiles().contains(base);
            if (wanted) {
                if (size > Integer.MAX_VALUE) throw new DataException(Code.DLM1452, source, name + " is too large", IoErrors.REDOWNLOAD);
                byte[] data = tar.readNBytes((int) size);
                if (data.length < size) throw new DataException(Code.DLM1452, source, "ends inside " + name, IoErrors.REDOWNLOAD);
                out.put(base, data);
            } else {
                tar.skipNBytes(size);
            }
            long padding = (512 - size % 512) % 512;
            tar.skipNBytes(padding);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) if (b != 0) return false;
        return true;
    }

    private static String cString(byte[] b, int from, int length) {
        int end = from;
        while (end < from + length && b[end] != 0) end++;
        return new String(b, from, end - from, StandardCharsets.US_ASCII);
    }

    private static long octal(byte[] b, int from, int length, String source) throws DataException {
        String s = cString(b, from, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new DataException(Code.DLM1452, source, "is not a tar archive (entry size `" + s + "`)", IoErrors.REDOWNLOAD);
        }
    }

    private static List<String> allFiles() {
        return java.util.stream.Stream.concat(TRAIN_FILES.stream(), java.util.stream.Stream.of(TEST_FILE)).toList();
    }

    /** Builds the splits from the six files' bytes: records turned from planes (CHW) to rows of pixels (HWC). */
    static Dataset assemble(String source, Map<String, byte[]> files, double scale) throws DataException {
        int trainCount = 0;
        for (String name : TRAIN_FILES) trainCount += records(source, name, files.get(name));
        int testCount = records(source, TEST_FILE, files.get(TEST_FILE));
        byte[] trainX = new byte[Math.multiplyExact(trainCount, PIXELS)];
        int[] trainY = new int[trainCount];
        int at = 0;
        for (String name : TRAIN_FILES) at = decode(source, name, files.remove(name), trainX, trainY, at);
        byte[] testX = new byte[Math.multiplyExact(testCount, PIXELS)];
        int[] testY = new int[testCount];
        decode(source, TEST_FILE, files.remove(TEST_FILE), testX, testY, 0);
        return new Dataset("cifar10", SAMPLE_SHAPE, CLASSES, Split.ofBytes(SAMPLE_SHAPE, CLASSES, trainX, trainY, scale),
                Split.ofBytes(SAMPLE_SHAPE, CLASSES, testX, testY, scale));
    }

    private static int records(String source, String name, byte[] bytes) throws DataException {
        if (bytes.length == 0 || bytes.length % RECORD != 0) {
            throw new DataException(Code.DLM1452, source + ": " + name, "has " + bytes.length + " bytes, not a whole number of "
                    + RECORD + "-byte records (1 label byte and 3,072 pixel bytes)", IoErrors.REDOWNLOAD);
        }
        return bytes.length / RECORD;
    }

    /** Decodes {@code bytes}' records into {@code x} (HWC) and {@code y} from sample {@code at}; returns the next free sample. */
    private static int decode(String source, String name, byte[] bytes, byte[] x, int[] y, int at) throws DataException {
        int plane = SIDE * SIDE;
        for (int r = 0, n = bytes.length / RECORD; r < n; r++, at++) {
            int off = r * RECORD;
            int label = bytes[off] & 0xFF;
            if (label >= CLASSES) {
                throw new DataException(Code.DLM1452, source + ": " + name, "record " + r + " has label " + label
                        + ", outside 0-9", IoErrors.REDOWNLOAD);
            }
            y[at] = label;
            int out = at * PIXELS;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < CHANNELS; c++) {
                    x[out + p * CHANNELS + c] = bytes[off + 1 + c * plane + p];
                }
            }
        }
        return at;
    }
}
