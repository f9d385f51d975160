package dev.dlm.runtime.predict;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.model.ModelException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the samples to predict from files, by extension, lazily one file at a time:
 * <ul>
 * <li>{@code .png}, {@code .jpg}, {@code .jpeg}, {@code .gif}, {@code .bmp} (javax.imageio)
 *     and {@code .pgm}: one sample each. A colour pixel becomes grey as
 *     {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, what PIL's {@code convert('L')} does);
 *     every pixel is scaled to [0, 1] by dividing by the maximum (255, or a PGM's maxval), as
 *     dlm's MNIST data is. The image must have the model's height and width: a different size
 *     is an error, never a silent resize.</li>
 * <li>idx files ({@code .idx}, {@code -ubyte}, optionally {@code .gz}): one sample per entry
 *     of the first axis; unsigned bytes are scaled by 1/255, float32 values are used as they are.</li>
 * <li>{@code .csv}: one sample per row of numbers, used as they are; a first row that is not
 *     numeric is a header and skipped.</li>
 * <li>{@code .npy}: one sample per entry of the first axis (or one sample when the array has
 *     the sample's shape); {@code uint8} is scaled by 1/255, float32 and float64 are used as they are.</li>
 * </ul>
 * A sample must have the model's sample shape, or that many values flattened in row-major
 * order (a 784-value row for a 28x28 model); anything else is an error naming both sizes.
 */
public final class SampleReader {

    /** One sample: where it came from ({@code file}, or {@code file:row}) and its values. */
    public record Sample(String id, float[] values) {}

    /** A source of samples that may fail with a diagnostic. */
    public interface Source {
        /** The next sample, or null at the end. */
        Sample next() throws ModelException;
    }

    private static final List<String> IMAGES = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".pgm");

    private final Shape shape;
    private final int elements;
    /** Who reads the samples, for messages: {@code the model}, or one input of it. */
    private final String readBy;

    /** Reads samples of {@code shape} (batch axis excluded). */
    public SampleReader(Shape shape) { this(shape, "the model"); }

    /** Reads samples of {@code shape} for {@code reader} ({@code input `right`}), which messages name. */
    public SampleReader(Shape shape, String reader) {
        this.shape = shape;
        this.elements = Math.toIntExact(shape.elements());
        this.readBy = reader;
    }

    /** All samples of {@code files}, in order, read lazily. */
    public Source read(List<Path> files) {
        return new Source() {
            int file;
            Source current;

            @Override public Sample next() throws ModelException {
                while (true) {
                    if (current != null) {
                        Sample s = current.next();
                        if (s != null) return s;
                        current = null;
                    }
                    if (file >= files.size()) return null;
                    current = open(files.get(file++));
                }
            }
        };
    }

    /** The samples of one file. */
    public Source open(Path file) throws ModelException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new ModelException(Code.DLM1203, file.toString(), "no such input file", null);
        }
        try {
            if (IMAGES.stream().anyMatch(name::endsWith)) return single(file.toString(), image(file, name.endsWith(".pgm")));
            if (name.endsWith(".npy")) return npy(file);
            if (name.endsWith(".csv")) return csv(file);
            if (name.endsWith(".idx") || name.endsWith("-ubyte") || name.endsWith(".idx.gz") || name.endsWith("-ubyte.gz")) {
                return idx(file);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(Code.DLM1203, file.toString(), "cannot read the input: " + e.getMessage(), null);
        }
        throw new ModelException(Code.DLM1203, file.toString(), "unknown input format",
                "give images (.png, .jpg, .pgm), idx files (.idx, -ubyte, .gz), .csv rows or .npy arrays");
    }

    private static Source single(String id, float[] values) {
        return new Source() {
            boolean done;

            @Override public Sample next() {
                if (done) return null;
                done = true;
                return new Sample(id, values);
            }
        };
    }

    private float[] image(Path file, boolean pgm) throws IOException, ModelException {
        int width, height;
        float[] grey;
        if (pgm) {
            byte[] bytes = Files.readAllBytes(file);
            Pgm p = Pgm.parse(bytes);
            width = p.width;
            height = p.height;
            grey = p.values;
        } else {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) throw new IOException("javax.imageio cannot decode it");
            width = img.getWidth();
            height = img.getHeight();
            grey = new float[width * height];
            boolean greyscale = img.getColorModel().getNumColorComponents() == 1;
            var raster = img.getRaster();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v;
                    if (greyscale) {
                        int bits = img.getColorModel().getComponentSize(0);
                        v = raster.getSample(x, y, 0) / (float) ((1 << bits) - 1);
                    } else {
                        int rgb = img.getRGB(x, y);
                        v = (0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
                    }
                    grey[y * width + x] = v;
                }
            }
        }
        boolean fits = shape.rank() >= 2 ? shape.dim(0) == height && shape.dim(1) == width && elements == width * height
                : elements == width * height;
        if (!fits) {
            throw new ModelException(Code.DLM1202, file.toString(),
                    "the image is " + width + "x" + height + " pixels but " + readBy + " reads samples of shape " + display(shapeArray()),
                    "resize or crop the image to the model's size first; dlmc never resizes an image itself");
        }
        return grey;
    }

    /** A binary (P5) or text (P2) greyscale PGM image. */
    private record Pgm(int width, int height, float[] values) {
        static Pgm parse(byte[] bytes) throws IOException {
            int[] pos = {0};
            String magic = token(bytes, pos);
            if (!magic.equals("P5") && !magic.equals("P2")) throw new IOException("not a greyscale PGM (magic " + magic + ")");
            int width = Integer.parseInt(token(bytes, pos));
            int height = Integer.parseInt(token(bytes, pos));
            int max = Integer.parseInt(token(bytes, pos));
            float[] values = new float[width * height];
            if (magic.equals("P2")) {
                for (int i = 0; i < values.length; i++) values[i] = Integer.parseInt(token(bytes, pos)) / (float) max;
            } else {
                int at = pos[0] + 1;
                int size = max < 256 ? 1 : 2;
                if (bytes.length < at + values.length * size) throw new IOException("truncated PGM");
                for (int i = 0; i < values.length; i++) {
                    int v = size == 1 ? bytes[at + i] & 0xff : ((bytes[at + 2 * i] & 0xff) << 8) | (bytes[at + 2 * i + 1] & 0xff);
                    values[i] = v / (float) max;
                }
            }
            return new Pgm(width, height, values);
        }

        private static String token(byte[] b, int[] pos) throws IOException {
            int i = pos[0];
            while (i < b.length) {
                if (b[i] == '#') while (i < b.length && b[i] != '\n') i++;
                else if (Character.isWhitespace(b[i])) i++;
                else break;
            }
            int start = i;
            while (i < b.length && !Character.isWhitespace(b[i])) i++;
            if (start == i) throw new IOException("truncated PGM header");
            pos[0] = i;
            return new String(b, start, i - start, StandardCharsets.US_ASCII);
        }
    }

    private Source csv(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return new Source() {
            int line;

            @Override public Sample next() throws ModelException {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        line++;
                        if (text.isBlank()) continue;
                        String[] cells = text.split(",", -1);
                        float[] values = new float[cells.length];
                        try {
                            for (int i = 0; i < cells.length; i++) values[i] = Float.parseFloat(cells[i].trim());
                        } catch (NumberFormatException e) {
                            if (line == 1) continue; // a header
                            throw new ModelException(Code.DLM1203, file + ":" + line, "not a row of numbers", null);
                        }
                        if (values.length != elements) {
                            throw new ModelException(Code.DLM1202, file + ":" + line, "the row has " + values.length
                                    + " values but " + readBy + " reads samples of shape " + display(shapeArray()) + " (" + elements + " values)", null);
                        }
                        return new Sample(file + ":" + line, values);
                    }
                    reader.close();
                    return null;
                } catch (IOException e) {
                    throw new ModelException(Code.DLM1203, file.toString(), "cannot read the input: " + e.getMessage(), null);
                }
            }
        };
    }

    private Source rows(Path file, long[] dims, float[] values) throws ModelException {
        long[] sample = shapeArray();
        int count;
        if (Arrays.equals(dims, sample)) count = 1;
        else if (dims.length >= 2 && product(dims, 1) == elements) {
            count = Math.toIntExact(dims[0]);
        } else {
            throw new ModelException(Code.DLM1202, file.toString(), "the array has shape " + display(dims)
                    + " but " + readBy + " reads samples of shape " + display(shapeArray()),
                    sample.length == 1 ? "give an array of shape (count, " + elements + ")"
                            : "give an array of shape (count, " + join(sample) + ") or (count, " + elements + ")");
        }
        return new Source() {
            int i;

            @Override public Sample next() {
                if (i >= count) return null;
                float[] row = Arrays.copyOfRange(values, i * elements, (i + 1) * elements);
                return new Sample(file + ":" + i++, row);
            }
        };
    }

    private Source idx(Path file) throws IOException, ModelException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int magic = in.readInt();
            int type = (magic >> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || rank == 0) throw new IOException("not an idx file (bad magic number)");
            long[] dims = new long[rank];
            for (int i = 0; i < rank; i++) dims[i] = in.readInt() & 0xffffffffL;
            int n = Math.toIntExact(product(dims, 0));
            float[] values = new float[n];
            if (type == 0x08) {
                byte[] bytes = in.readNBytes(n);
                if (bytes.length != n) throw new IOException("truncated idx file");
                for (int i = 0; i < n; i++) values[i] = (bytes[i] & 0xff) / 255f;
            } else if (type == 0x0D) {
                for (int i = 0; i < n; i++) values[i] = in.readFloat();
            } else {
                throw new IOException("idx element type 0x" + Integer.toHexString(type) + " is not unsigned bytes or float32");
            }
            return rows(file, dims, values);
        }
    }

    private Source npy(Path file) throws IOException, ModelException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("not a .npy file");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8
                : ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        String descr = field(header, "descr");
        if (header.contains("'fortran_order': True")) throw new IOException("Fortran-ordered arrays are not supported");
        String shapeText = header.substring(header.indexOf('(', header.indexOf("'shape'")) + 1, header.indexOf(')', header.indexOf("'shape'")));
        List<Long> dimList = new ArrayList<>();
        for (String d : shapeText.split(",")) if (!d.isBlank()) dimList.add(Long.parseLong(d.trim()));
        long[] dims = dimList.stream().mapToLong(Long::longValue).toArray();
        int n = Math.toIntExact(product(dims, 0));
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLength, bytes.length - start - headerLength);
        data.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[n];
        NpyType type = NpyType.of(descr.substring(1));
        if (type == null) throw new IOException("dtype " + descr + " is not float32, float64 or uint8");
        for (int i = 0; i < n; i++) values[i] = type.read(data);
        return rows(file, dims, values);
    }

    /** The .npy element types predict reads, by numpy's type code. */
    private enum NpyType {
        F4("f4"), F8("f8"), U1("u1");

        final String code;

        NpyType(String code) { this.code = code; }

        static NpyType of(String code) {
            for (NpyType t : values()) if (t.code.equals(code)) return t;
            return null;
        }

        /** The next element as a model input: uint8 scaled by 1/255, floats as they are. */
        float read(ByteBuffer data) {
            return switch (this) {
                case F4 -> data.getFloat();
                case F8 -> (float) data.getDouble();
                case U1 -> (data.get() & 0xff) / 255f;
            };
        }
    }

    private static String field(String header, String key) throws IOException {
        int k = header.indexOf("'" + key + "'");
        if (k < 0) throw new IOException("no " + key + " in the .npy header");
        int open = header.indexOf('\'', header.indexOf(':', k) + 1);
        return header.substring(open + 1, header.indexOf('\'', open + 1));
    }

    private long[] shapeArray() {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) dims[i] = shape.dim(i);
        return dims;
    }

    private static long product(long[] dims, int from) {
        long n = 1;
        for (int i = from; i < dims.length; i++) n *= dims[i];
        return n;
    }

    /** A shape as numpy prints it: {@code (28, 28)}, {@code (120,)}. */
    private static String display(long[] dims) {
        return "(" + join(dims) + (dims.length == 1 ? ",)" : ")");
    }

    private static String join(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) sb.append(i > 0 ? ", " : "").append(dims[i]);
        return sb.toString();
    }
}
