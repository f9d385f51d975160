package dev.dlm.compiler.io;

import dev.dlm.compiler.source.SourceReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file written all at once or not at all: the bytes go to a hidden temporary file in the
 * target's folder, are forced to disk, and the temporary file is renamed over the target (an
 * atomic rename on one file system). A symbolic link is replaced in its target, so the link
 * stays. On any failure the temporary file is removed and the target is untouched.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target}, atomically; an existing file keeps its permissions. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
        Path dir = real.getParent();
        Path temp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            keepPermissions(real, temp);
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /**
     * Why {@code target} cannot be written, checked before any work starts so a long run does
     * not end in "cannot write"; null when it can. Creates and removes a temporary file in the
     * folder, the only test that holds for every file system and user.
     */
    public static String problem(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) return "it is a directory";
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(absolute) && !Files.isRegularFile(absolute)) {
            return "it is not a regular file";
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "its folder `" + (target.getParent() != null ? target.getParent() : dir) + "` does not exist";
        }
        try {
            Files.delete(Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp"));
            return null;
        } catch (IOException e) {
            return "its folder cannot be written: " + SourceReader.reason(e);
        }
    }

    /** The temporary file is private (0600); the result gets the original's mode, or 0644 for a new file. */
    private static void keepPermissions(Path original, Path temp) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(original, PosixFileAttributeView.class);
            if (view == null) return;
            Set<PosixFilePermission> permissions = Files.exists(original)
                    ? view.readAttributes().permissions() : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            // The new file keeps the default permissions; the content is what matters.
        }
    }
}
