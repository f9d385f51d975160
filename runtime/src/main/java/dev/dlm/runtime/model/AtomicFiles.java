package dev.dlm.runtime.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes: the content goes to a temporary file in the target's folder, which is then
 * renamed over the target, so a reader sees the old file or the new one, never a torn one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file at the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temp) throws IOException;
    }

    /** Runs {@code writer} on a temporary sibling of {@code target}, then renames it to {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }
}
