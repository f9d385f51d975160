package dev.dlm.runtime.tensorboard;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is its length
 * (uint64, little-endian), the masked CRC32C of those 8 bytes, the data, and the masked
 * CRC32C of the data.
 */
public final class Records {
    private Records() {}

    /** TensorFlow's checksum mask: rotate right by 15 bits and add a constant. */
    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    /** The framed bytes of one record. */
    static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        byte[] header = new byte[8];
        b.flip();
        b.get(header);
        b.limit(b.capacity());
        b.putInt(masked(header, 0, 8));
        b.put(data);
        b.putInt(masked(data, 0, data.length));
        return b.array();
    }

    /**
     * The records of {@code in}, in order. A record cut short at the end (a writer killed
     * mid-write) ends the list, as TensorFlow's reader treats it; a checksum mismatch
     * elsewhere throws.
     */
    public static List<byte[]> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        List<byte[]> out = new ArrayList<>();
        while (true) {
            byte[] header = new byte[12];
            try {
                data.readFully(header);
            } catch (EOFException e) {
                return out;
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long length = h.getLong();
            if (h.getInt() != masked(header, 0, 8)) throw new IOException("corrupt record length checksum at record " + out.size());
            if (length > Integer.MAX_VALUE - 16) throw new IOException("record too long: " + length);
            byte[] body = new byte[(int) length];
            byte[] footer = new byte[4];
            try {
                data.readFully(body);
                data.readFully(footer);
            } catch (EOFException e) {
                return out;
            }
            if (ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt() != masked(body, 0, body.length)) {
                throw new IOException("corrupt record data checksum at record " + out.size());
            }
            out.add(body);
        }
    }
}
