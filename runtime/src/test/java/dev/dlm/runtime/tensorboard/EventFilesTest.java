package dev.dlm.runtime.tensorboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TensorBoard event files: TFRecord framing with masked CRC32C, written and read back. */
class EventFilesTest {

    @Test
    void maskedCrcIsTensorFlows() {
        // TensorFlow's crc32c test vector: 32 zero bytes have CRC32C 0x8a9136aa; TFRecord stores
        // it masked as tensorflow/core/lib/hash/crc32c.h's Mask does: rotate right by 15, add 0xa282ead8.
        int crc = 0x8a9136aa;
        assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, Records.masked(new byte[32], 0, 32));
    }

    @Test
    void scalarsAndGraphRoundTrip(@TempDir Path dir) throws IOException {
        try (EventWriter w = EventWriter.create(dir, 1000.5)) {
            w.graph(new byte[] {1, 2, 3}, 1000.5);
            w.scalar("epoch_loss", 0, 0.25, 1001);
            w.scalar("epoch_accuracy", 0, 0.9, 1001);
            w.scalar("epoch_loss", 1, 0.125, 1002);
        }
        List<Event> events = EventReader.events(dir);
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertArrayEquals(new byte[] {1, 2, 3}, events.get(1).getGraphDef().toByteArray());
        assertEquals(List.of(new EventReader.Scalar("epoch_loss", 0, 0.25f), new EventReader.Scalar("epoch_accuracy", 0, 0.9f),
                new EventReader.Scalar("epoch_loss", 1, 0.125f)), EventReader.scalars(dir));
        assertEquals("scalars", events.get(2).getSummary().getValue(0).getMetadata().getPluginData().getPluginName());
    }

    @Test
    void aRecordCutShortEndsTheFileAndACorruptOneIsAnError(@TempDir Path dir) throws IOException {
        byte[] a = Records.frame(new byte[] {10, 20, 30});
        byte[] b = Records.frame(new byte[] {40, 50});
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals(2, Records.read(new ByteArrayInputStream(both)).size());
        assertEquals(1, Records.read(new ByteArrayInputStream(Arrays.copyOf(both, both.length - 3))).size(),
                "a writer killed mid-record leaves a readable prefix");
        both[a.length + 13] ^= 1;
        assertThrows(IOException.class, () -> Records.read(new ByteArrayInputStream(both)));
        assertTrue(Files.isDirectory(dir));
    }
}
