package dev.dlm.tests;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error index {@code docs/errors/}: one page per {@link Code}, headed by its code and
 * title, whose first example (a {@code dlm} block, or a {@code console} block running
 * {@code dlmc}) reports exactly that code and whose second block, the fix, checks clean.
 *
 * <p>An example that cannot show its code alone (a file {@code dlmc fmt} refuses for its syntax
 * error reports that error too) declares the others on a line of the page of its own:
 * {@code <!-- also reports: DLM0001 -->}; the example must then report its code and exactly
 * those. A {@code console} block's command runs in-process, as if typed at the repository root
 * (surefire runs these tests there): its file arguments are read from the root, and the value
 * of an option naming a file or folder to write ({@code --metrics-out=FILE}, {@code --sweep-dir=DIR}) is resolved in a fresh
 * temporary folder, so a fix leaves nothing behind. Its codes are read from the
 * {@code error[DLMxxxx]} lines of text output on stderr, and from GitHub annotations
 * ({@code ::error ...title=DLMxxxx ...}) on stdout. The example files of console blocks live
 * in {@code docs/errors/examples/}. A code that checking cannot find
 * ({@link Code#foundByChecker()} is false: data, run and format problems) is shown by a
 * {@code console} example.
 */
class ErrorDocsTest {

    /** A fenced block whose language is {@code dlm} or {@code console}; other blocks are prose. */
    private static final Pattern BLOCK = Pattern.compile("(?m)^```(dlm|console)\\n(.*?)^```$", Pattern.DOTALL);

    record Block(String language, String body) {}

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) out.add(new Block(m.group(1), m.group(2)));
        return out;
    }

    private static Path page(Code code) {
        return Repo.ERROR_DOCS.resolve(code.name() + ".md");
    }

    @TestFactory
    Stream<DynamicTest> everyCodeHasAPageWhoseExampleReportsItAndWhoseFixIsClean() {
        return Stream.of(Code.values()).map(code -> DynamicTest.dynamicTest(code.name(), page(code).toUri(), () -> {
            Path page = page(code);
            assertTrue(Files.exists(page), "no page " + Repo.relative(page) + " for " + code);
            String markdown = Repo.read(page);
            assertEquals("# " + code.name() + ": " + code.title(), markdown.lines().findFirst().orElse(""),
                    "the page opens with its code and title");
            List<Block> blocks = blocks(markdown);
            assertTrue(blocks.size() >= 2, Repo.relative(page) + " needs an example block and a fix block");
            Set<String> expected = new TreeSet<>(alsoReports(markdown));
            assertFalse(expected.contains(code.name()), "`also reports` names other codes than the page's own");
            expected.add(code.name());
            assertTrue(code.foundByChecker() || blocks.get(0).language().equals("console"),
                    code + " is found by running or formatting, not by checking: its example is a `console` block running dlmc");
            Outcome example = check(blocks.get(0), code);
            assertEquals(expected, example.codes(), () -> "the example reports exactly " + expected + "\n" + example.detail());
            Outcome fix = check(blocks.get(1), code);
            assertEquals(Set.of(), fix.codes(), () -> "the fix checks clean\n" + fix.detail());
        }));
    }

    private static final Pattern ALSO_REPORTS = Pattern.compile("(?m)^<!-- also reports: (DLM\\d{4}(?:,? DLM\\d{4})*) -->$");

    /** The other codes a page's example declares it reports, from {@code <!-- also reports: ... -->}. */
    static Set<String> alsoReports(String markdown) {
        Set<String> codes = new TreeSet<>();
        Matcher m = ALSO_REPORTS.matcher(markdown);
        while (m.find()) codes.addAll(List.of(m.group(1).split(",? ")));
        return codes;
    }

    /** The codes a block reported, and everything it printed for the failure message. */
    record Outcome(Set<String> codes, String detail) {}

    /** Checks a block's file, or runs its command. */
    private static Outcome check(Block block, Code page) {
        if (block.language().equals("dlm")) {
            Compilation c = DlmCompiler.compile(page.name() + ".md", block.body());
            return new Outcome(c.diagnostics().stream().map(d -> d.code().name()).collect(Collectors.toCollection(TreeSet::new)),
                    c.diagnostics().stream().map(d -> d.code() + " line " + d.span().line() + ": " + d.message()).collect(Collectors.joining("\n")));
        }
        return run(block.body());
    }

    private static final Pattern REPORTED = Pattern.compile("^(?:error|warning|note)\\[(DLM\\d{4})]", Pattern.MULTILINE);

    /** A GitHub workflow annotation, as {@code --format=github} prints it on stdout. */
    private static final Pattern ANNOTATED = Pattern.compile("^::(?:error|warning|notice) [^\\n]*?title=(DLM\\d{4})", Pattern.MULTILINE);

    /** An option naming a file dlmc writes: {@code --metrics-out=FILE}. */
    private static final Pattern OUTPUT_OPTION = Pattern.compile("(--[a-z-]+-(?:out|dir)=)(.+)");

    /**
     * Runs the block's {@code $ dlmc ...} line in-process. File arguments are read relative to
     * the repository root, as when the command is typed there; files it writes go to a fresh
     * temporary folder.
     */
    private static Outcome run(String body) {
        String command = body.lines().filter(l -> l.startsWith("$ dlmc ")).findFirst()
                .orElseThrow(() -> new AssertionError("a console block runs `$ dlmc ...`:\n" + body));
        Path scratch;
        try {
            scratch = Files.createTempDirectory("dlm-error-docs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>();
        for (String word : command.substring("$ dlmc ".length()).trim().split("\\s+")) {
            Matcher output = OUTPUT_OPTION.matcher(word);
            if (output.matches()) args.add(output.group(1) + scratch.resolve(output.group(2)));
            else args.add(word.startsWith("-") || args.isEmpty() ? word : Repo.ROOT.resolve(word).toString());
        }
        DlmcRun run = DlmcRun.of(args.toArray(String[]::new));
        Set<String> codes = new TreeSet<>();
        Matcher m = REPORTED.matcher(run.err());
        while (m.find()) codes.add(m.group(1));
        Matcher annotation = ANNOTATED.matcher(run.out());
        while (annotation.find()) codes.add(annotation.group(1));
        assertEquals(codes.isEmpty() ? 0 : 1, run.exitCode(), run.transcript());
        return new Outcome(codes, run.transcript());
    }

    @Test
    void everyPageIsACode() throws IOException {
        Set<String> codes = Stream.of(Code.values()).map(Code::name).collect(Collectors.toSet());
        List<String> strays = new ArrayList<>();
        try (Stream<Path> s = Files.list(Repo.ERROR_DOCS)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("README.md") && !n.equals("examples"))
                    .filter(n -> !n.endsWith(".md") || !codes.contains(n.substring(0, n.length() - 3)))
                    .forEach(strays::add);
        }
        assertTrue(strays.isEmpty(), "pages in docs/errors that name no code: " + strays);
    }

    @Test
    void everyExampleFileIsUsed() throws IOException {
        Path examples = Repo.ERROR_DOCS.resolve("examples");
        StringBuilder users = new StringBuilder();
        try (Stream<Path> s = Files.list(Repo.ERROR_DOCS)) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(p -> users.append(Repo.read(p)));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(examples)) {
            files = s.sorted().toList();
        }
        for (Path p : files) if (p.toString().endsWith(".dlm")) users.append(Repo.read(p));
        List<String> unused = files.stream().map(Repo::relative).filter(f -> !users.toString().contains(f)).toList();
        assertTrue(unused.isEmpty(), "files in docs/errors/examples that no page (or example file) names: " + unused);
    }

    @Test
    void indexListsEveryCodeWithItsTitle() {
        String index = Repo.read(Repo.ERROR_DOCS.resolve("README.md"));
        for (Code code : Code.values()) {
            String row = "| [" + code.name() + "](" + code.name() + ".md) | " + code.title() + " |";
            assertTrue(index.contains(row + "\n"), "README.md lacks the row `" + row + "`");
        }
        long rows = index.lines().filter(l -> l.startsWith("| [DLM")).count();
        assertEquals(Code.values().length, rows, "one index row per code");
    }

    @Test
    void blocksAreFoundOnlyInDlmAndConsoleFences() {
        List<Block> blocks = blocks("intro\n```text\nerror[DLM0001]\n```\n```dlm\ndata mnist\n```\n```console\n$ dlmc check x.dlm\n```\n");
        assertEquals(List.of(new Block("dlm", "data mnist\n"), new Block("console", "$ dlmc check x.dlm\n")), blocks);
        assertFalse(blocks("```dlm\nunterminated\n").iterator().hasNext());
    }

    @Test
    void alsoReportsIsReadFromItsOwnLineOnly() {
        assertEquals(Set.of("DLM0001", "DLM0002"), alsoReports("text\n<!-- also reports: DLM0001, DLM0002 -->\n"));
        assertEquals(Set.of("DLM0001"), alsoReports("<!-- also reports: DLM0001 -->\n"));
        assertEquals(Set.of(), alsoReports("see `<!-- also reports: DLM0001 -->` in prose\n"));
    }
}
