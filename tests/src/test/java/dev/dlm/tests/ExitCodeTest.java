package dev.dlm.tests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dlmc}'s exit status: 0 ok, 1 problems found, 2 usage; and directory arguments. */
class ExitCodeTest {

    private static final String CLEAN = Corpus.file("clean-input-dim.dlm").toString();
    private static final String ERRORS = Corpus.file("several-errors.dlm").toString();
    private static final String WARNING_ONLY = Corpus.file("no-data.dlm").toString();

    @Test
    void cleanFileExitsZero() {
        DlmcRun run = DlmcRun.of("check", CLEAN);
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("ok: 1 file checked, no problems\n", run.err());
    }

    @Test
    void errorsExitOne() {
        assertEquals(1, DlmcRun.of("check", ERRORS).exitCode());
        assertEquals(1, DlmcRun.of("check", CLEAN, ERRORS).exitCode(), "one bad file fails the run");
        assertEquals(1, DlmcRun.of("summary", ERRORS).exitCode());
    }

    @Test
    void warningsAloneExitZeroUnlessWerror() {
        DlmcRun plain = DlmcRun.of("check", WARNING_ONLY);
        assertEquals(0, plain.exitCode(), plain.transcript());
        assertTrue(plain.err().contains("warning[DLM0114]"), plain.transcript());
        DlmcRun strict = DlmcRun.of("check", "--werror", WARNING_ONLY);
        assertEquals(1, strict.exitCode(), strict.transcript());
        assertEquals(1, DlmcRun.of("check", "--werror", "--format", "sarif", WARNING_ONLY).exitCode());
        assertEquals(0, DlmcRun.of("check", "--werror", CLEAN).exitCode(), "--werror with nothing to report");
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path empty) {
        assertUsage(DlmcRun.of("check", "--no-such-option", CLEAN));
        assertUsage(DlmcRun.of("check"));
        assertUsage(DlmcRun.of("check", "--format", "xml", CLEAN));
        assertUsage(DlmcRun.of("check", empty.toString()));
        assertUsage(DlmcRun.of("summary"));
        assertUsage(DlmcRun.of("no-such-command"));
        assertUsage(DlmcRun.of());
    }

    @Test
    void helpListsEveryCommandAndUnknownCommandsGetSuggestions() {
        // dlmc registers only the named subcommand when one is named (start-up time), so the
        // paths that need them all must still see them all.
        for (DlmcRun help : List.of(DlmcRun.of("--help"), DlmcRun.of("help"))) {
            assertEquals(0, help.exitCode(), help.transcript());
            for (String command : List.of("check", "summary", "run", "fmt", "help")) {
                assertTrue(help.out().contains("\n  " + command + " "), command + " missing from:\n" + help.transcript());
            }
        }
        DlmcRun typo = DlmcRun.of("chek", CLEAN);
        assertUsage(typo);
        assertTrue(typo.err().contains("Did you mean: dlmc check"), typo.transcript());
        DlmcRun subcommandHelp = DlmcRun.of("help", "fmt");
        assertEquals(0, subcommandHelp.exitCode(), subcommandHelp.transcript());
        assertTrue(subcommandHelp.out().startsWith("Usage: dlmc fmt"), subcommandHelp.transcript());
    }

    private static void assertUsage(DlmcRun run) {
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(!run.err().isBlank(), "a usage error says what is wrong\n" + run.transcript());
        assertTrue(!run.err().contains("\tat "), "no stack trace\n" + run.transcript());
    }

    @Test
    void missingFileIsADiagnosticNotAUsageError() {
        DlmcRun run = DlmcRun.of("check", Repo.ROOT.resolve("no-such-model.dlm").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error[DLM0006]: cannot read `no-such-model.dlm`: no such file\n"), run.transcript());
    }

    @Test
    void directoryArgumentChecksEveryDlmFileBelowIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.dlm"), Repo.read(Corpus.file("clean-input-dim.dlm")));
        Files.createDirectories(dir.resolve("nested/deeper"));
        Files.writeString(dir.resolve("nested/deeper/b.dlm"), Repo.read(Corpus.file("unknown-layer.dlm")));
        Files.writeString(dir.resolve("nested/notes.txt"), "Dens(10) is not checked: not a .dlm file\n");

        DlmcRun run = DlmcRun.of("check", "--format", "json", dir.toString());
        assertEquals(1, run.exitCode(), run.transcript());
        JsonNode root = Corpus.parse(run.out());
        assertEquals(2, root.path("files").asInt(), run.transcript());
        List<String> files = new ArrayList<>();
        for (JsonNode d : root.path("diagnostics")) files.add(d.path("file").asText() + " " + d.path("code").asText());
        assertEquals(List.of(dir.resolve("nested/deeper/b.dlm") + " DLM0103"), files);
    }

    @Test
    void everyModelInTheRepositoryChecksClean() throws IOException {
        DlmcRun run = DlmcRun.of("check", Repo.MODELS.toString());
        long models;
        try (var walk = Files.walk(Repo.MODELS)) {
            models = walk.filter(p -> p.toString().endsWith(".dlm")).count();
        }
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("ok: " + models + " files checked, no problems\n", run.err());
    }
}
