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
            Outcome example = check(blocks.get(0), code);
            assertEquals(Set.of(code.name()), example.codes(), () -> "the example reports exactly " + code + "\n" + example.detail());
            Outcome fix = check(blocks.get(1), code);
            assertEquals(Set.of(), fix.codes(), () -> "the fix checks clean\n" + fix.detail());
        }));
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

    /**
     * Runs the block's {@code $ dlmc ...} line in-process. File arguments are read relative to
     * the repository root, as when the command is typed there.
     */
    private static Outcome run(String body) {
        String command = body.lines().filter(l -> l.startsWith("$ dlmc ")).findFirst()
                .orElseThrow(() -> new AssertionError("a console block runs `$ dlmc ...`:\n" + body));
        List<String> args = new ArrayList<>();
        for (String word : command.substring("$ dlmc ".length()).trim().split("\\s+")) {
            args.add(word.startsWith("-") || args.isEmpty() ? word : Repo.ROOT.resolve(word).toString());
        }
        DlmcRun run = DlmcRun.of(args.toArray(String[]::new));
        Set<String> codes = new TreeSet<>();
        Matcher m = REPORTED.matcher(run.err());
        while (m.find()) codes.add(m.group(1));
        assertEquals(codes.isEmpty() ? 0 : 1, run.exitCode(), run.transcript());
        return new Outcome(codes, run.transcript());
    }

    @Test
    void everyPageIsACode() throws IOException {
        Set<String> codes = Stream.of(Code.values()).map(Code::name).collect(Collectors.toSet());
        List<String> strays = new ArrayList<>();
        try (Stream<Path> s = Files.list(Repo.ERROR_DOCS)) {
            // Folders (examples/) hold the console examples' fixtures, not pages.
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("README.md"))
                    .filter(n -> !n.endsWith(".md") || !codes.contains(n.substring(0, n.length() - 3)))
                    .forEach(strays::add);
        }
        assertTrue(strays.isEmpty(), "pages in docs/errors that name no code: " + strays);
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
}
