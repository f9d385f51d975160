package dev.dlm.compiler.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a {@code .dlm} file into a {@link SourceFile} without ever blocking on or exhausting
 * memory for what is not a source file: only regular files are opened (a FIFO would block,
 * {@code /dev/zero} never ends), and at most {@link #MAX_BYTES} bytes are read. A leading
 * UTF-8 byte order mark is dropped (and remembered, so {@code fmt} can keep it); invalid UTF-8
 * is located at the first bad byte instead of rejecting the whole file at 1:1.
 */
public final class SourceReader {

    /**
     * The largest source file dlmc reads: 8 MiB. Real models are a few kilobytes; the bound
     * keeps a stray data file or device from filling the heap before a diagnostic is printed.
     */
    public static final int MAX_BYTES = 8 << 20;

    private SourceReader() {}

    /**
     * What reading a file gave: its text (possibly partial), and the problem that stops it from
     * being compiled, if any.
     *
     * @param source        the text, with U+FFFD for undecodable bytes; empty when unreadable
     * @param byteOrderMark whether the file started with a UTF-8 byte order mark (not in {@code source})
     * @param problem       null when the file can be parsed; else why not
     */
    public record Read(SourceFile source, boolean byteOrderMark, Problem problem) {}

    /**
     * Why a file cannot be compiled.
     *
     * @param kind    which of the reading failures it is
     * @param message what is wrong, for the diagnostic's headline
     * @param offset  where in {@code source} (a UTF-16 offset), for invalid UTF-8; else 0
     * @param help    how to fix it, or null
     */
    public record Problem(Kind kind, String message, int offset, String help) {}

    /** The kinds of reading failure (all DLM0006; invalid UTF-8 has a position). */
    public enum Kind { UNREADABLE, TOO_LARGE, NOT_UTF8 }

    /** Reads {@code path}, shown to the user as {@code name}. Never throws. */
    public static Read read(Path path, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return failed(name, Kind.UNREADABLE, "cannot read `" + name + "`: " + reason(e), e instanceof NoSuchFileException ? "check the path" : null);
        }
        if (attributes.isDirectory()) {
            return failed(name, Kind.UNREADABLE, "cannot read `" + name + "`: it is a directory",
                    "pass .dlm files, or use `dlmc check DIR` to check a folder");
        }
        if (!attributes.isRegularFile()) {
            // Opening a FIFO blocks until a writer comes; a device may never end.
            return failed(name, Kind.UNREADABLE, "cannot read `" + name + "`: it is not a regular file (a pipe, socket or device)",
                    "save the text to a file and pass that");
        }
        if (attributes.size() > MAX_BYTES) return tooLarge(name, attributes.size());
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // The size can change or lie (files in /proc say 0): read one byte past the limit to know.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return failed(name, Kind.UNREADABLE, "cannot read `" + name + "`: " + reason(e), null);
        }
        if (bytes.length > MAX_BYTES) return tooLarge(name, -1);
        return decode(name, bytes);
    }

    /** Decodes UTF-8 bytes, dropping a byte order mark and locating the first invalid sequence. */
    public static Read decode(String name, byte[] bytes) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length - skip + 1);
        int firstBad = -1;
        int firstBadByte = -1;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (r.isError()) {
                if (firstBad < 0) {
                    firstBad = out.position();
                    firstBadByte = in.position();
                }
                out.put('\uFFFD');
                in.position(in.position() + r.length());
            } else {
                throw new IllegalStateException("decoder overflow: " + r); // out holds one char per byte at least
            }
        }
        out.flip();
        SourceFile source = new SourceFile(name, out.toString());
        if (firstBad < 0) return new Read(source, skip > 0, null);
        return new Read(source, skip > 0, new Problem(Kind.NOT_UTF8,
                String.format("cannot read `%s`: it is not UTF-8 text (invalid byte 0x%02X)", name, bytes[firstBadByte] & 0xff),
                firstBad, "save the file as UTF-8"));
    }

    /** The operating system's reason for an I/O failure, in words ("permission denied"), never just the path. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return lowerFirst(f.getReason());
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static Read tooLarge(String name, long size) {
        String how = size >= 0 ? String.format("%,d bytes", size) : "more than " + String.format("%,d bytes", MAX_BYTES);
        return failed(name, Kind.TOO_LARGE, "cannot read `" + name + "`: it is too large for a dlm source file (" + how + ")",
                "dlm files are small; is this the data file rather than the model? (the limit is "
                        + (MAX_BYTES >> 20) + " MiB)");
    }

    private static Read failed(String name, Kind kind, String message, String help) {
        return new Read(new SourceFile(name, ""), false, new Problem(kind, message, 0, help));
    }
}
