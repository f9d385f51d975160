package dev.dlm.tests;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc summary} of every model under {@code models/} equals its golden
 * {@code golden/summary/<path under models>.txt}; the seed models and the variants also have
 * a {@code --format json} golden ({@code .json}), which pins every weight's shape and
 * initializer as the runtime receives them.
 */
class SummaryGoldenTest {

    private static final Path GOLDEN = Repo.GOLDEN.resolve("summary");

    /** Models whose JSON summary is pinned too: the chapter's three listings and every variant. */
    private static boolean hasJsonGolden(Path model) {
        String rel = Repo.MODELS.relativize(model).toString().replace('\\', '/');
        return rel.equals("mlp.dlm") || rel.equals("cnn.dlm") || rel.equals("rnn.dlm") || rel.startsWith("variants/");
    }

    static List<Path> models() {
        try (Stream<Path> s = Files.walk(Repo.MODELS)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".dlm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path golden(Path model, String extension) {
        return Corpus.sibling(GOLDEN.resolve(Repo.MODELS.relativize(model).toString()), extension);
    }

    @TestFactory
    Stream<DynamicTest> everyModelMatchesItsSummaryGolden() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path model : models()) {
            String name = Repo.MODELS.relativize(model).toString();
            tests.add(DynamicTest.dynamicTest(name, model.toUri(), () -> {
                DlmcRun run = DlmcRun.of(List.of("summary"), List.of(model));
                assertEquals(0, run.exitCode(), run.transcript());
                assertEquals("", run.err(), "a model in models/ has diagnostics");
                Golden.assertMatches(golden(model, ".txt"), run.out());
            }));
            if (hasJsonGolden(model)) {
                tests.add(DynamicTest.dynamicTest(name + " (json)", model.toUri(), () -> {
                    DlmcRun run = DlmcRun.of(List.of("summary", "--format", "json"), List.of(model));
                    assertEquals(0, run.exitCode(), run.transcript());
                    Golden.assertMatches(golden(model, ".json"), run.out());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void seedModelsHaveTheBooksParameterCounts() {
        // Independent of the goldens: the three listings' totals as the book prints them.
        assertTrue(summary("mlp.dlm").contains("Total params: 269,322\n"));
        assertTrue(summary("cnn.dlm").contains("Total params: 80,266\n"));
        assertTrue(summary("rnn.dlm").contains("Total params: 75,530\n"));
    }

    @Test
    void everyGoldenBelongsToAModel() {
        List<String> orphans = new ArrayList<>();
        for (String ext : List.of(".txt", ".json")) {
            orphans.addAll(Golden.orphans(GOLDEN, ext, g -> Corpus.sibling(Repo.MODELS.resolve(GOLDEN.relativize(g).toString()), ".dlm", ext)));
        }
        assertTrue(orphans.isEmpty(), "summary goldens without a model (delete them): " + orphans);
        assertFalse(models().isEmpty(), "no models found under " + Repo.MODELS);
    }

    private static String summary(String model) {
        DlmcRun run = DlmcRun.of(List.of("summary"), List.of(Repo.MODELS.resolve(model)));
        assertEquals(0, run.exitCode(), run.transcript());
        return run.out();
    }
}
