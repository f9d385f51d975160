package dev.dlm.tests;

import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
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
 * initializer as the runtime receives them. Every cell of a file's sweep (the book's tables)
 * has its own, {@code golden/summary/<path without .dlm>/cell-NN.txt} from
 * {@code dlmc summary --cell NN}: each row of a table keeps the exact layers and parameter
 * counts its own file had.
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
            SweepPlan plan = sweep(model);
            for (int i = 0; plan != null && i < plan.size(); i++) {
                String cell = String.format("cell-%02d", i);
                int index = i;
                tests.add(DynamicTest.dynamicTest(name + " " + cell, model.toUri(), () -> {
                    DlmcRun run = DlmcRun.of(List.of("summary", "--cell", String.valueOf(index)), List.of(model));
                    assertEquals(0, run.exitCode(), run.transcript());
                    assertEquals("", run.err(), "a cell of a model in models/ has diagnostics");
                    Golden.assertMatches(cellGolden(model, index), run.out());
                }));
            }
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

    /** The model's sweep, or null when it has none. */
    static SweepPlan sweep(Path model) {
        SweepPlanner.Planned p = SweepPlanner.plan(model);
        return p.ok() ? p.plan() : null;
    }

    private static Path cellGolden(Path model, int index) {
        return Corpus.sibling(GOLDEN.resolve(Repo.MODELS.relativize(model).toString()), "").resolve(String.format("cell-%02d.txt", index));
    }

    /** The model a golden belongs to: {@code x.txt} to {@code x.dlm}; a cell's {@code x/cell-NN.txt} to {@code x.dlm} when it has cell NN. */
    private static boolean hasSource(Path golden, String ext) {
        Path model = Repo.MODELS.resolve(GOLDEN.relativize(golden).toString());
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile("cell-(\\d+)\\.txt").matcher(golden.getFileName().toString());
        if (cell.matches()) {
            Path file = model.getParent().resolveSibling(model.getParent().getFileName() + ".dlm");
            SweepPlan plan = Files.exists(file) ? sweep(file) : null;
            return plan != null && Integer.parseInt(cell.group(1)) < plan.size();
        }
        return Files.exists(Corpus.sibling(model, ".dlm", ext));
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
            orphans.addAll(Golden.orphans(GOLDEN, ext, g -> hasSource(g, ext) ? g : GOLDEN.resolve("missing")));
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
