package dev.dlm.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dlm.tests.InlineExpectations.Expected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The diagnostics corpus: small .dlm files, each declaring the diagnostics it must produce. */
final class Corpus {
    private Corpus() {}

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every corpus file, sorted by name. */
    static List<Path> files() {
        try (Stream<Path> s = Files.list(Repo.CORPUS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dlm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String name) {
        return Repo.CORPUS.resolve(name);
    }

    /**
     * The marks in {@code file}. Read as ISO-8859-1, which maps every byte to one character,
     * so a file that is deliberately not UTF-8 keeps its line numbers.
     */
    static Set<Expected> expected(Path file) {
        try {
            return new TreeSet<>(InlineExpectations.parse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code dlmc check --format json} reports, as (line, severity, code). */
    static Set<Expected> reported(DlmcRun jsonRun) {
        Set<Expected> out = new TreeSet<>();
        for (JsonNode d : parse(jsonRun.out()).path("diagnostics")) {
            out.add(new Expected(d.path("line").asInt(), d.path("severity").asText().toUpperCase(Locale.ROOT),
                    d.path("code").asText()));
        }
        return out;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + json, e);
        }
    }

    /** {@code name.dlm} with its extension replaced: the golden next to a corpus file. */
    static Path sibling(Path file, String extension) {
        return sibling(file, extension, ".dlm");
    }

    /** {@code file} with its extension {@code from} replaced by {@code to}. */
    static Path sibling(Path file, String to, String from) {
        String name = file.getFileName().toString();
        if (!name.endsWith(from)) throw new IllegalArgumentException(file + " does not end with " + from);
        return file.resolveSibling(name.substring(0, name.length() - from.length()) + to);
    }
}
