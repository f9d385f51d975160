package dev.dlm.compiler.io;

import dev.dlm.compiler.diag.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Issue 8, classes 2 and 4: folder walks neither crash nor follow links out of the folder. */
class SourceWalkTest {

    @Test
    void linksInsideAFolderAreSkippedButALinkOnTheCommandLineIsFollowed(@TempDir Path tmp) throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "root:x:0:0");
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Path real = Files.writeString(dir.resolve("a.dlm"), "");
        Path planted = Files.createSymbolicLink(dir.resolve("x.dlm"), outside);
        Files.createSymbolicLink(dir.resolve("sub"), tmp); // a loop back up: never walked

        SourceWalk.Found found = SourceWalk.expand(List.of(dir));
        assertEquals(List.of(real), found.files());
        assertEquals(List.of(planted), found.skipped());
        assertEquals(List.of(), found.problems());

        assertEquals(List.of(planted), SourceWalk.expand(List.of(planted)).files(), "named, it is followed");
        Path dirLink = Files.createSymbolicLink(tmp.resolve("linked"), dir);
        assertEquals(List.of(dirLink.resolve("a.dlm")), SourceWalk.expand(List.of(dirLink)).files(), "like find -H");
    }

    @Test
    void anUnreadableSubFolderIsADiagnosticAndTheWalkGoesOn(@TempDir Path tmp) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every folder (tests/probes/run-destructive covers it)");
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Path ok = Files.writeString(dir.resolve("a.dlm"), "");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            SourceWalk.Found found = SourceWalk.expand(List.of(dir));
            assertEquals(List.of(ok), found.files());
            assertEquals(1, found.problems().size());
            assertEquals(Code.DLM0006, found.problems().get(0).code());
            assertTrue(found.problems().get(0).message().endsWith("permission denied"), found.problems().get(0).message());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
