package dev.dlm.runtime.predict;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented conversions of predict's inputs, and the errors for inputs that do not fit. */
class SampleReaderTest {

    static final SampleReader TWO_BY_THREE = new SampleReader(Shape.of(2, 3));

    static List<SampleReader.Sample> all(SampleReader reader, Path... files) throws ModelException {
        List<SampleReader.Sample> out = new ArrayList<>();
        SampleReader.Source s = reader.read(List.of(files));
        for (SampleReader.Sample x; (x = s.next()) != null; ) out.add(x);
        return out;
    }

    @Test
    void greyPngIsScaledToUnitRangeAndColourBecomesBt601Luma(@TempDir Path tmp) throws Exception {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] v = {0, 51, 102, 153, 204, 255};
        for (int i = 0; i < 6; i++) grey.getRaster().setSample(i % 3, i / 3, 0, v[i]);
        ImageIO.write(grey, "png", tmp.resolve("g.png").toFile());
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x00FF00);
        rgb.setRGB(2, 0, 0x0000FF);
        ImageIO.write(rgb, "png", tmp.resolve("c.png").toFile());
        List<SampleReader.Sample> s = all(TWO_BY_THREE, tmp.resolve("g.png"), tmp.resolve("c.png"));
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, s.get(0).values(), 1e-6f);
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 0, 0, 0}, s.get(1).values(), 1e-6f);
    }

    @Test
    void pgmInBothEncodingsUsesItsMaxval(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.pgm"), "P2\n# a comment\n3 2\n10\n0 1 2\n5 8 10\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("P5 3 2 255\n".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {0, 51, 102, (byte) 153, (byte) 204, (byte) 255});
        Files.write(tmp.resolve("b.pgm"), b.toByteArray());
        List<SampleReader.Sample> s = all(TWO_BY_THREE, tmp.resolve("a.pgm"), tmp.resolve("b.pgm"));
        assertArrayEquals(new float[] {0, 0.1f, 0.2f, 0.5f, 0.8f, 1}, s.get(0).values(), 1e-6f);
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, s.get(1).values(), 1e-6f);
    }

    @Test
    void anImageOfAnotherSizeIsAnErrorNotAResize(@TempDir Path tmp) throws Exception {
        ImageIO.write(new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY), "png", tmp.resolve("big.png").toFile());
        ModelException e = assertThrows(ModelException.class, () -> all(TWO_BY_THREE, tmp.resolve("big.png")));
        assertEquals(Code.DLM1202, e.code());
        assertTrue(e.getMessage().contains("4x2") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Test
    void csvRowsWithAHeaderAndNpyArraysOfEachDtype(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("x.csv"), "a,b,c,d,e,f\n1,2,3,4,5,6\n\n0.5,0,0,0,0,-1\n");
        Files.write(tmp.resolve("f4.npy"), npy("<f4", 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        List<SampleReader.Sample> s = all(TWO_BY_THREE, tmp.resolve("x.csv"), tmp.resolve("f4.npy"));
        assertEquals(4, s.size());
        assertArrayEquals(new float[] {0.5f, 0, 0, 0, 0, -1}, s.get(1).values());
        assertEquals(tmp.resolve("x.csv") + ":4", s.get(1).id());
        assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12}, s.get(3).values());
        Files.writeString(tmp.resolve("short.csv"), "1,2,3\n");
        ModelException e = assertThrows(ModelException.class, () -> all(TWO_BY_THREE, tmp.resolve("short.csv")));
        assertEquals(Code.DLM1202, e.code());
    }

    @Test
    void idxBytesAreScaledAndUnknownFormatsRefused(@TempDir Path tmp) throws Exception {
        ByteBuffer idx = ByteBuffer.allocate(16 + 6).order(ByteOrder.BIG_ENDIAN);
        idx.putInt(0x0803).putInt(1).putInt(2).putInt(3).put(new byte[] {0, 51, 102, (byte) 153, (byte) 204, (byte) 255});
        Files.write(tmp.resolve("x.idx"), idx.array());
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, all(TWO_BY_THREE, tmp.resolve("x.idx")).get(0).values(), 1e-6f);
        Files.writeString(tmp.resolve("x.txt"), "1 2 3");
        assertEquals(Code.DLM1203, assertThrows(ModelException.class, () -> all(TWO_BY_THREE, tmp.resolve("x.txt"))).code());
        assertEquals(Code.DLM1203, assertThrows(ModelException.class, () -> all(TWO_BY_THREE, tmp.resolve("none.png"))).code());
    }

    /** A version 1.0 .npy file of {@code rows} rows. */
    static byte[] npy(String dtype, int rows, float[] values) {
        String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + rows + ", " + values.length / rows + "), }";
        int pad = 16 - (10 + header.length() + 1) % 16;
        header = header + " ".repeat(pad % 16) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) b.putFloat(v);
        return b.array();
    }
}
