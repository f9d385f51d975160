package dev.dlm.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository these tests read: its root (surefire's {@code dlm.root}), the folders of
 * models, corpus and goldens, and whether the run rewrites goldens ({@code -Ddlm.bless=true}).
 */
final class Repo {
    private Repo() {}

    /** The repository root, absolute and normalized. */
    static final Path ROOT = findRoot();

    /** True when goldens are to be rewritten from the current output instead of compared. */
    static final boolean BLESS = Boolean.getBoolean("dlm.bless");

    static final Path MODELS = ROOT.resolve("models");
    static final Path RESOURCES = ROOT.resolve("tests/src/test/resources");
    static final Path CORPUS = RESOURCES.resolve("diagnostics");
    static final Path GOLDEN = RESOURCES.resolve("golden");
    static final Path ERROR_DOCS = ROOT.resolve("docs/errors");

    /** How to rewrite goldens, quoted in every golden mismatch. */
    static final String HOW_TO_BLESS = "run `tests/bless` (mvn -o -pl tests -am verify -Ddlm.bless=true), "
            + "then review the changed goldens with `git diff`";

    /** {@code path} relative to the root, with {@code /} separators: what goldens show. */
    static String relative(Path path) {
        return ROOT.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** A UTF-8 text file's content. */
    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        String property = System.getProperty("dlm.root");
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath().normalize();
        // Run outside Maven (an IDE): the root is the nearest folder holding both models/ and tests/.
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("models")) && Files.isDirectory(p.resolve("tests"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root; set -Ddlm.root");
    }
}
