package dev.dlm.compiler.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, class 3: files are replaced whole or not at all. */
class AtomicFileTest {

    private static List<Path> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("m.dlm"), "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of(f), listing(dir));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "the mode is kept");
        Path fresh = dir.resolve("metrics.json");
        AtomicFile.write(fresh, "{}");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void aFailedWriteLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("m.dlm"), "old");
        Path missingFolder = dir.resolve("gone/m.dlm");
        assertThrows(IOException.class, () -> AtomicFile.write(missingFolder, "new"));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing(dir));
    }

    @Test
    void aLinkIsReplacedInItsTarget(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("real.dlm"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.dlm"), target.getFileName());
        AtomicFile.write(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void problemsAreFoundBeforeAnyWork(@TempDir Path dir) throws IOException {
        assertNull(AtomicFile.problem(dir.resolve("out.json")));
        assertEquals("it is a directory", AtomicFile.problem(dir));
        assertTrue(AtomicFile.problem(dir.resolve("no/such/out.json")).contains("does not exist"));
        assertTrue(AtomicFile.problem(Path.of("/proc/version")) != null, "not writable");
    }
}
