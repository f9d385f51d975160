package dev.dlm.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A golden file: the expected output of a command, kept beside the tests. Compared exactly;
 * rewritten instead when the run blesses ({@link Repo#BLESS}).
 */
final class Golden {
    private Golden() {}

    /** Asserts that {@code actual} equals the golden at {@code path}, or writes it when blessing. */
    static void assertMatches(Path path, String actual) {
        if (Repo.BLESS) {
            write(path, actual);
            return;
        }
        if (!Files.exists(path)) {
            fail("missing golden " + Repo.relative(path) + "; to create it, " + Repo.HOW_TO_BLESS
                    + "\n--- actual output\n" + actual);
        }
        assertEquals(Repo.read(path), actual, "output differs from golden " + Repo.relative(path)
                + "; if the change is intended, " + Repo.HOW_TO_BLESS);
    }

    /**
     * The goldens under {@code dir} ending in {@code extension} whose source file, as
     * {@code sourceOf} locates it, no longer exists: left behind by a renamed or deleted input.
     */
    static List<String> orphans(Path dir, String extension, Function<Path, Path> sourceOf) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(extension))
                    .filter(p -> !Files.exists(sourceOf.apply(p)))
                    .map(Repo::relative)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path) || !Repo.read(path).equals(text)) Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
