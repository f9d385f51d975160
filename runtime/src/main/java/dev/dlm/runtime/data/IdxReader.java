package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A reader of idx files, the format of MNIST: a magic number (two zero bytes, an element-type
 * code, the rank), one big-endian uint32 per dimension, then the values, big-endian and
 * row-major. Dimension 0 counts the samples. A file is read as gzip when its content starts
 * with the gzip magic number, whatever its name.
 *
 * <p>Every defect becomes a {@link DataException} naming the file: a magic number that is not
 * idx, a header that declares more values than memory holds, data shorter or longer than the
 * header declares, corrupt or truncated gzip data.
 */
final class IdxReader {

    /** The element types of the idx format, by their code in the magic number. */
    enum ElementType {
        UINT8(0x08, 1), INT8(0x09, 1), INT16(0x0B, 2), INT32(0x0C, 4), FLOAT32(0x0D, 4), FLOAT64(0x0E, 8);

        final int code;
        final int bytes;

        ElementType(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        static ElementType ofCode(int code) {
            for (ElementType type : values()) {
                if (type.code == code) return type;
            }
            return null;
        }

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * Samples read from one idx file: uint8 files keep their bytes, every other element type
     * is converted to float.
     */
    record Samples(String file, Shape sampleShape, int count, byte[] bytes, float[] floats) {

        /** A split over these samples. */
        Split toSplit(int classes, int[] labels, double scale) {
            return bytes != null
                    ? Split.ofBytes(sampleShape, classes, bytes, labels, scale)
                    : Split.ofFloats(sampleShape, classes, floats, labels, scale);
        }
    }

    /** Class ids read from a rank-1 idx file; each is a non-negative integer. */
    record Labels(String file, int[] values) {}

    /** The parsed header: element type and dimensions, dimension 0 counting the samples. */
    private record Header(ElementType type, long[] dims, long elements, int length) {

        long dataBytes() { return elements * type.bytes; }

        String describe() {
            return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(" x ")) + " " + type;
        }
    }

    /** Turns the values of one idx file into what the caller keeps, as they stream past. */
    private interface Body<T> {
        T read(InputStream in, Header header, String file) throws IOException, DataException;
    }

    /** Receives the values of a non-uint8 file one at a time, by index. */
    private interface ValueSink {
        void accept(int index, double value) throws DataException;
    }

    /** Java arrays cannot be longer than this on HotSpot. */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    /** The raw length of a stream read to its end, for {@link #read}. */
    private static final long UNKNOWN_LENGTH = -1;

    private IdxReader() {}

    static Samples readSamples(Path file) throws DataException {
        return readFile(file, IdxReader::samplesBody);
    }

    /** Samples from a stream of unknown length, such as a resource, read to its end and closed. */
    static Samples readSamples(InputStream content, String file) throws DataException {
        return readStream(content, file, IdxReader::samplesBody);
    }

    static Labels readLabels(Path file) throws DataException {
        return readFile(file, IdxReader::labelsBody);
    }

    /** Labels from a stream of unknown length, such as a resource, read to its end and closed. */
    static Labels readLabels(InputStream content, String file) throws DataException {
        return readStream(content, file, IdxReader::labelsBody);
    }

    private static <T> T readFile(Path path, Body<T> body) throws DataException {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw new DataException(file, "is a directory, not an idx file", null);
        }
        try (InputStream raw = Files.newInputStream(path)) {
            return read(raw, Files.size(path), file, body);
        } catch (IOException e) {
            throw IoErrors.describe(file, e);
        }
    }

    private static <T> T readStream(InputStream content, String file, Body<T> body) throws DataException {
        // Closed here too: read closes it only once it has begun.
        try (InputStream in = content) {
            return read(in, UNKNOWN_LENGTH, file, body);
        } catch (IOException e) {
            throw IoErrors.describe(file, e);
        }
    }

    private static <T> T read(InputStream raw, long rawLength, String file, Body<T> body)
            throws IOException, DataException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        // Closing the gzip stream frees its native inflater now rather than at garbage collection.
        try (InputStream in = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered) {
            return readOpened(in, gzip, rawLength, file, body);
        }
    }

    private static <T> T readOpened(InputStream in, boolean gzip, long rawLength, String file, Body<T> body)
            throws IOException, DataException {
        try {
            Header header = readHeader(in, file);
            // A plain file's length is known before reading: refuse a wrong one before allocating.
            // A stream's is not; reading it to its end below finds a wrong one all the same.
            if (!gzip && rawLength != UNKNOWN_LENGTH && rawLength != header.length + header.dataBytes()) {
                throw lengthMismatch(file, header, rawLength - header.length);
            }
            T result = body.read(in, header, file);
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw lengthMismatch(file, header, header.dataBytes() + extra);
            }
            return result;
        } catch (DataException e) {
            // Corrupt gzip data decompresses to garbage that fails to parse; the gzip checks
            // (CRC-32, length) run at the end of the stream and name the real cause.
            if (gzip) in.transferTo(OutputStream.nullOutputStream());
            throw e;
        }
    }

    private static Header readHeader(InputStream in, String file) throws IOException, DataException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(file, "is too short to be an idx file (" + magic.length + " bytes)",
                    IoErrors.REDOWNLOAD);
        }
        ElementType type = ElementType.ofCode(magic[2] & 0xFF);
        int rank = magic[3] & 0xFF;
        if (magic[0] != 0 || magic[1] != 0 || type == null || rank == 0) {
            int found = ByteBuffer.wrap(magic).getInt();
            throw new DataException(file, String.format("is not an idx file: its magic number is 0x%08X,"
                            + " not 0x0000TTRR (TT the element type 08-0E, RR the rank)", found),
                    "check that this is an idx file such as train-images-idx3-ubyte");
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DataException(file, "is truncated inside its header (rank " + rank + ")", IoErrors.REDOWNLOAD);
        }
        ByteBuffer dimBuffer = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        long[] dims = new long[rank];
        long elements = 1;
        boolean overflow = false;
        for (int axis = 0; axis < rank; axis++) {
            dims[axis] = Integer.toUnsignedLong(dimBuffer.getInt());
            try {
                elements = Math.multiplyExact(elements, dims[axis]);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        Header header = new Header(type, dims, elements, 4 + 4 * rank);
        // First: a zero dimension makes the product exactly 0 even after an overflow.
        if (elements == 0) {
            throw new DataException(file, "its header declares " + header.describe() + ": no values",
                    "an idx file needs at least one sample");
        }
        if (overflow || elements > MAX_ARRAY_LENGTH) {
            throw new DataException(file, "its header declares " + header.describe() + " values, more than"
                    + String.format(" one array can hold (%,d)", MAX_ARRAY_LENGTH),
                    "the header is corrupt, or the data must be split into smaller files");
        }
        return header;
    }

    /** Refuses a file whose values would not fit in the heap, before allocating them. */
    private static void checkMemory(String file, Header header, long bytesPerValue) throws DataException {
        long needed = header.elements * bytesPerValue;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new DataException(file, String.format("its header declares %s values, which need %,d MiB;"
                            + " Java may use at most %,d MiB", header.describe(), needed >> 20, available >> 20),
                    "if the header is right, give Java more memory with -Xmx");
        }
    }

    private static DataException lengthMismatch(String file, Header header, long actualDataBytes) {
        String declared = String.format("its header declares %s values (%,d bytes after the %d-byte header)",
                header.describe(), header.dataBytes(), header.length);
        if (actualDataBytes < header.dataBytes()) {
            return new DataException(file, String.format("is truncated: %s but only %,d bytes follow",
                    declared, Math.max(actualDataBytes, 0)), IoErrors.REDOWNLOAD);
        }
        return new DataException(file, String.format("is longer than declared: %s but %,d bytes follow",
                declared, actualDataBytes), IoErrors.REDOWNLOAD);
    }

    private static Samples samplesBody(InputStream in, Header header, String file)
            throws IOException, DataException {
        long[] dims = header.dims;
        Shape sampleShape = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
        int count = (int) dims[0];
        int n = (int) header.elements;
        if (header.type == ElementType.UINT8) {
            checkMemory(file, header, 1);
            return new Samples(file, sampleShape, count, readBytes(in, header, file), null);
        }
        checkMemory(file, header, Float.BYTES);
        float[] floats = new float[n];
        readValues(in, header, file, (i, value) -> floats[i] = (float) value);
        return new Samples(file, sampleShape, count, null, floats);
    }

    private static Labels labelsBody(InputStream in, Header header, String file)
            throws IOException, DataException {
        if (header.dims.length != 1) {
            throw new DataException(file, "holds " + header.describe() + " values, but labels need rank 1",
                    "labels files are named like train-labels-idx1-ubyte; is this an images file?");
        }
        checkMemory(file, header, Integer.BYTES);
        int n = (int) header.elements;
        int[] labels = new int[n];
        if (header.type == ElementType.UINT8) {
            // The common case, and every uint8 value is a valid id: skip the per-value checks.
            byte[] bytes = readBytes(in, header, file);
            for (int i = 0; i < n; i++) labels[i] = bytes[i] & 0xFF;
            return new Labels(file, labels);
        }
        readValues(in, header, file, (i, value) -> {
            if (value < 0 || value > Integer.MAX_VALUE || value != Math.rint(value)) {
                throw new DataException(file, "label " + value + " of sample " + i
                        + " is not a class id (a non-negative integer)", IoErrors.REDOWNLOAD);
            }
            labels[i] = (int) value;
        });
        return new Labels(file, labels);
    }

    /** Reads the values of a uint8 file in one call: the inflater writes straight into the array. */
    private static byte[] readBytes(InputStream in, Header header, String file) throws IOException, DataException {
        int n = (int) header.elements;
        byte[] bytes = new byte[n];
        int read = in.readNBytes(bytes, 0, n);
        if (read < n) throw lengthMismatch(file, header, read);
        return bytes;
    }

    /** Decodes the big-endian values in chunks, so that no second copy of the file is held. */
    private static void readValues(InputStream in, Header header, String file, ValueSink sink)
            throws IOException, DataException {
        int width = header.type.bytes;
        byte[] chunk = new byte[BUFFER];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        long total = header.dataBytes();
        long done = 0;
        int index = 0;
        while (done < total) {
            int want = (int) Math.min(chunk.length, total - done);
            int read = in.readNBytes(chunk, 0, want);
            if (read < want) throw lengthMismatch(file, header, done + read);
            for (int at = 0; at < read; at += width, index++) {
                double value = switch (header.type) {
                    case UINT8 -> chunk[at] & 0xFF;
                    case INT8 -> chunk[at];
                    case INT16 -> view.getShort(at);
                    case INT32 -> view.getInt(at);
                    case FLOAT32 -> view.getFloat(at);
                    case FLOAT64 -> view.getDouble(at);
                };
                sink.accept(index, value);
            }
            done += read;
        }
    }
}
