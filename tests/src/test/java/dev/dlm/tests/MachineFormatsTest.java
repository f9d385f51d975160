package dev.dlm.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dlm.cli.Dlmc;
import dev.dlm.compiler.diag.Code;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc check --format json|github|sarif}: goldens for three corpus files with several
 * diagnostics, and the SARIF log's structure as GitHub code scanning reads it.
 */
class MachineFormatsTest {

    private static final Path GOLDEN = Repo.GOLDEN.resolve("check");

    /** Corpus files with several diagnostics: errors only, errors with notes, warnings with an error. */
    private static final List<String> FILES = List.of("several-errors.dlm", "duplicate-train.dlm", "warnings-and-errors.dlm");

    /** Golden extension of each format. */
    private static final List<List<String>> FORMATS = List.of(
            List.of("json", ".json"), List.of("github", ".github.txt"), List.of("sarif", ".sarif.json"));

    @TestFactory
    Stream<DynamicTest> formatsMatchTheirGoldens() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : FILES) {
            Path file = Corpus.file(name);
            for (List<String> format : FORMATS) {
                tests.add(DynamicTest.dynamicTest(name + " --format " + format.get(0), file.toUri(), () -> {
                    DlmcRun run = DlmcRun.of(List.of("check", "--format", format.get(0)), List.of(file));
                    assertEquals(1, run.exitCode(), run.transcript());
                    assertEquals("", run.err(), "machine formats write to stdout only");
                    Golden.assertMatches(Corpus.sibling(GOLDEN.resolve(name), format.get(1)), withoutVersion(run.out()));
                }));
            }
        }
        return tests.stream();
    }

    /** The SARIF driver's version changes with every release; the golden shows a placeholder. */
    private static String withoutVersion(String out) {
        return out.replace("\"version\": \"" + Dlmc.version() + "\"", "\"version\": \"<dlmc version>\"");
    }

    @Test
    void sarifHasTheStructureCodeScanningReads() {
        DlmcRun sarifRun = DlmcRun.of("check", "--format", "sarif", Repo.CORPUS.toString());
        DlmcRun jsonRun = DlmcRun.of("check", "--format", "json", Repo.CORPUS.toString());
        JsonNode sarif = Corpus.parse(sarifRun.out());

        assertEquals("2.1.0", sarif.path("version").asText());
        assertTrue(sarif.path("$schema").asText().contains("sarif"), "$schema names the SARIF schema");
        assertEquals(1, sarif.path("runs").size());
        JsonNode run = sarif.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("dlmc", driver.path("name").asText());
        assertEquals(Dlmc.version(), driver.path("version").asText());

        // A rule for every code, each described by its title and linked to its docs page.
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode rule : driver.path("rules")) {
            String id = rule.path("id").asText();
            ruleIds.add(id);
            Code code = Code.valueOf(id);
            assertEquals(code.title(), rule.path("shortDescription").path("text").asText(), id);
            String helpUri = rule.path("helpUri").asText();
            assertTrue(helpUri.endsWith("/docs/errors/" + id + ".md"), helpUri);
            assertTrue(Files.exists(Repo.ERROR_DOCS.resolve(id + ".md")), "helpUri of " + id + " names a missing page");
        }
        assertEquals(Stream.of(Code.values()).map(Code::name).toList(), ruleIds);

        // One result per diagnostic, each with what code scanning needs to place it.
        JsonNode results = run.path("results");
        JsonNode diagnostics = Corpus.parse(jsonRun.out()).path("diagnostics");
        assertEquals(diagnostics.size(), results.size());
        assertTrue(results.size() >= 45, "the corpus yields at least one result per mistake");
        Set<String> levels = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            JsonNode diagnostic = diagnostics.get(i);
            String where = "result " + i + " " + result;
            String ruleId = result.path("ruleId").asText();
            assertEquals(diagnostic.path("code").asText(), ruleId, where);
            assertEquals(ruleId, ruleIds.get(result.path("ruleIndex").asInt(-1)), "ruleIndex points at the rule: " + where);
            String level = result.path("level").asText();
            assertTrue(Set.of("error", "warning", "note").contains(level), where);
            assertEquals(diagnostic.path("severity").asText(), level, where);
            levels.add(level);
            assertTrue(result.path("message").path("text").asText().startsWith(diagnostic.path("message").asText()), where);
            JsonNode location = result.path("locations").get(0).path("physicalLocation");
            String uri = location.path("artifactLocation").path("uri").asText();
            assertEquals(diagnostic.path("file").asText(), uri, where);
            assertTrue(uri.endsWith(".dlm") && !uri.contains("\\"), where);
            JsonNode region = location.path("region");
            assertEquals(diagnostic.path("line").asInt(), region.path("startLine").asInt(), where);
            assertEquals(diagnostic.path("column").asInt(), region.path("startColumn").asInt(), where);
            assertTrue(region.path("startLine").asInt() >= 1 && region.path("startColumn").asInt() >= 1, where);
            assertTrue(region.path("endLine").asInt() >= region.path("startLine").asInt(), where);
        }
        assertEquals(Set.of("error", "warning"), levels, "the corpus has errors and warnings");
    }

    @Test
    void jsonCountsMatchItsDiagnostics() {
        DlmcRun run = DlmcRun.of("check", "--format", "json", Repo.CORPUS.toString());
        JsonNode root = Corpus.parse(run.out());
        long errors = 0, warnings = 0;
        for (JsonNode d : root.path("diagnostics")) {
            if (d.path("severity").asText().equals("error")) errors++;
            else if (d.path("severity").asText().equals("warning")) warnings++;
        }
        assertEquals(Corpus.files().size(), root.path("files").asInt());
        assertEquals(errors, root.path("errors").asLong());
        assertEquals(warnings, root.path("warnings").asLong());
        assertFalse(root.path("diagnostics").isEmpty());
    }
}
