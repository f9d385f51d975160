package dev.dlm.tests;

import dev.dlm.compiler.diag.Code;
import dev.dlm.tests.InlineExpectations.Expected;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagnostics corpus ({@code tests/src/test/resources/diagnostics}): for each file, the
 * diagnostics {@code dlmc check} reports must be exactly the file's inline marks (line,
 * severity, code), and the rendered text must equal the {@code .err} golden next to it. The
 * marks are checked in bless mode too, so a wrong diagnostic can never be blessed.
 */
class DiagnosticsCorpusTest {

    /** The brief's floor: a corpus this small would miss whole families of mistakes. */
    private static final int MIN_MISTAKES = 45;

    @TestFactory
    Stream<DynamicTest> eachFileReportsExactlyItsMarks() {
        return Corpus.files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            Set<Expected> expected = Corpus.expected(file);
            DlmcRun json = DlmcRun.of(List.of("check", "--format", "json"), List.of(file));
            assertEquals(expected, Corpus.reported(json),
                    "diagnostics of " + Repo.relative(file) + " differ from its `# ~` marks\n" + json.transcript());
            boolean errors = expected.stream().anyMatch(e -> e.severity().equals("ERROR"));
            assertEquals(errors ? 1 : 0, json.exitCode(), json.transcript());

            DlmcRun text = DlmcRun.of(List.of("check", "--color", "never"), List.of(file));
            assertEquals(json.exitCode(), text.exitCode(), "text and json runs disagree on the exit code");
            assertEquals("", text.out(), "text diagnostics go to stderr only");
            Golden.assertMatches(Corpus.sibling(file, ".err"), text.err());
        }));
    }

    @Test
    void corpusIsLargeAndCoversEveryCode() {
        List<Path> files = Corpus.files();
        long mistakes = files.stream().filter(f -> !Corpus.expected(f).isEmpty()).count();
        assertTrue(mistakes >= MIN_MISTAKES, "only " + mistakes + " corpus files with diagnostics");
        Set<Code> covered = EnumSet.noneOf(Code.class);
        for (Path f : files) for (Expected e : Corpus.expected(f)) covered.add(Code.valueOf(e.code()));
        Set<Code> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
        // Codes a run or a format finds are shown by their pages' console examples (ErrorDocsTest).
        missing.removeIf(code -> !code.foundByChecker());
        assertTrue(missing.isEmpty(), "codes no corpus file produces: " + missing);
    }

    @Test
    void everyGoldenBelongsToACorpusFile() {
        List<String> orphans = Golden.orphans(Repo.CORPUS, ".err", g -> Corpus.sibling(g, ".dlm", ".err"));
        assertTrue(orphans.isEmpty(), "goldens without a corpus file (delete them): " + orphans);
    }
}
