package dev.dlm.compiler;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Probes of issue 8 at the compiler's level: inputs of every kind (classes 2 and 7), terminal
 * injection (class 5). Each probe is an input that once crashed, hung, leaked or misreported.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReliabilityProbesTest {

    private static final String MODEL = "model m(input=[4]) {\n    Dense(2)\n}\n";

    private static Diagnostic only(Compilation c) {
        assertEquals(1, c.diagnostics().size(), () -> c.diagnostics().toString());
        return c.diagnostics().get(0);
    }

    // ---- class 7: inputs of every kind ------------------------------------------------------

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRejectedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.dlm");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is available");
        Diagnostic d = only(DlmCompiler.compile(fifo));
        assertEquals(Code.DLM0006, d.code());
        assertTrue(d.message().contains("not a regular file"), d.message());
    }

    @Test
    void devZeroIsRefusedAtOnce() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        long start = System.nanoTime();
        Diagnostic d = only(DlmCompiler.compile(Path.of("/dev/zero")));
        assertEquals(Code.DLM0006, d.code());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused without reading");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.dlm");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), SourceReader.MAX_BYTES); // sparse: no disk used
        }
        Diagnostic d = only(DlmCompiler.compile(big));
        assertEquals(Code.DLM0006, d.code());
        assertTrue(d.message().contains("too large"), d.message());
    }

    @Test
    void aByteOrderMarkIsAccepted(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bom.dlm");
        Files.write(f, ("\uFEFF" + MODEL).getBytes(StandardCharsets.UTF_8));
        Compilation c = DlmCompiler.compile(f);
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        assertTrue(SourceReader.read(f, "bom.dlm").byteOrderMark());
        assertFalse(DlmCompiler.compile("bom.dlm", "\uFEFF" + MODEL).hasErrors(), "also from an editor's buffer");
    }

    @Test
    void invalidUtf8IsReportedWhereItIs(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.dlm");
        byte[] bytes = "model m(input=[4]) {\n    Dense(2, name='caf\u00e9')\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, bytes);
        Diagnostic d = only(DlmCompiler.compile(f));
        assertEquals(Code.DLM0006, d.code());
        assertEquals(2, d.span().line());
        assertEquals(23, d.span().column());
        assertTrue(d.message().contains("0xE9"), d.message());
    }

    @Test
    void ioErrorsKeepTheirReason(@TempDir Path dir) {
        Diagnostic missing = only(DlmCompiler.compile(dir.resolve("nope.dlm")));
        assertTrue(missing.message().endsWith(": no such file"), missing.message());
        Diagnostic folder = only(DlmCompiler.compile(dir));
        assertTrue(folder.message().endsWith(": it is a directory"), folder.message());
        assertEquals("permission denied", SourceReader.reason(new java.nio.file.AccessDeniedException("f")));
        assertEquals("disk quota exceeded", SourceReader.reason(new java.nio.file.FileSystemException("f", null, "Disk quota exceeded")));
        assertEquals("Stale file handle", SourceReader.reason(new IOException("Stale file handle")));
    }

    @Test
    void crOnlyLineEndingsGiveRightLineNumbers() {
        Compilation c = DlmCompiler.compile("cr.dlm", "model m(input=[4]) {\r    Dense(2)\r    Nope(3)\r}\r");
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == Code.DLM0103).findFirst().orElseThrow();
        assertEquals(3, d.span().line());
        assertEquals(5, d.span().column());
        assertEquals("    Nope(3)", d.span().file().line(3));
        SourceFile crlf = new SourceFile("x", "a\r\nb\rc\nd");
        assertEquals(List.of("a", "b", "c", "d"), List.of(crlf.line(1), crlf.line(2), crlf.line(3), crlf.line(4)));
        assertEquals("\r\n", crlf.lineSeparator());
    }

    @Test
    void aRunOfBadCharactersIsOneDiagnostic() {
        String text = "let x = 1 " + "\u0001".repeat(20_000) + "\n" + MODEL;
        Compilation c = DlmCompiler.compile("bad.dlm", text);
        List<Diagnostic> bad = c.diagnostics().stream().filter(d -> d.code() == Code.DLM0002).toList();
        assertEquals(1, bad.size(), () -> bad.size() + " diagnostics");
        assertTrue(bad.get(0).message().startsWith("20000 invalid characters"), bad.get(0).message());
        String binary = "\u0001 ".repeat(5_000);
        long reported = DlmCompiler.compile("bin.dlm", binary).diagnostics().stream().filter(d -> d.code() == Code.DLM0002).count();
        assertTrue(reported <= 20, reported + " diagnostics for a binary file");
    }

    @Test
    void aNegativeBaseToAFractionalPowerIsNotAnOverflow() {
        Compilation c = DlmCompiler.compile("pow.dlm", "let a = (-8) ** 0.5\n" + MODEL);
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), errors::toString);
        Diagnostic d = errors.get(0);
        assertEquals(Code.DLM0204, d.code());
        assertEquals("the result is not a real number", d.message());
    }

    // ---- class 2: diagnostics, never stack traces -------------------------------------------

    @Test
    void fmtOfAHundredThousandTermChainIsADiagnostic() {
        String chain = "let a = 1\nlet b = " + "a + ".repeat(100_000) + "a\n" + MODEL;
        DlmCompiler.Formatting f = DlmCompiler.format(new SourceFile("chain.dlm", chain));
        assertNull(f.formatted());
        assertTrue(f.parse().diagnostics().stream().anyMatch(d -> d.code() == Code.DLM0004), f.parse().diagnostics().toString());
        Diagnostic tooDeep = f.parse().diagnostics().stream().filter(d -> d.code() == Code.DLM0004).findFirst().orElseThrow();
        assertEquals(2, tooDeep.span().line(), "reported where the chain is, not at 1:1");
        Diagnostic checked = DlmCompiler.compile("chain.dlm", chain).diagnostics().stream()
                .filter(d -> d.code() == Code.DLM0004).findFirst().orElseThrow();
        assertEquals(2, checked.span().line());
    }

    @Test
    void fmtKeepsTheFilesLineEndings() {
        String crlf = "model m(input=[4]) {\r\n  Dense(2)\r\n}\r\n";
        String formatted = DlmCompiler.format(new SourceFile("crlf.dlm", crlf)).formatted();
        assertEquals(MODEL.replace("\n", "\r\n"), formatted);
        String cr = DlmCompiler.format(new SourceFile("cr.dlm", crlf.replace("\r\n", "\r"))).formatted();
        assertEquals(MODEL.replace("\n", "\r"), cr);
    }

    // ---- class 5: terminal injection --------------------------------------------------------

    /** An activation name holding a newline and an escape sequence: it reaches the message. */
    private static final String FORGED = "model m(input=[4]) {\n    Dense(2, activation='x\\n::error file=forged.dlm,line=1::pwned\\u001b[31m')\n}\n";

    @Test
    void controlCharactersAreEscapedInEveryFormat() {
        Compilation c = DlmCompiler.compile("evil\u001b[2J.dlm", FORGED);
        assertTrue(c.hasErrors());
        String text = DiagnosticRenderer.text(List.of(c), false);
        assertFalse(text.contains("\u001b"), text);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("::error")), text);
        String github = DiagnosticRenderer.github(List.of(c));
        assertEquals(c.diagnostics().size(), github.lines().count(), "one line per diagnostic: " + github);
        assertFalse(github.contains("\u001b"), github);
        for (String machine : List.of(DiagnosticRenderer.json(List.of(c)), DiagnosticRenderer.sarif(List.of(c), "test"))) {
            assertTrue(machine.chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), "raw control characters: " + machine);
        }
        assertTrue(DiagnosticRenderer.sarif(List.of(c), "test").contains("evil%1B%5B2J.dlm"));
    }

    @Test
    void sarifUrisArePercentEncoded() {
        Compilation c = DlmCompiler.compile("my models/caf\u00e9 #1.dlm", "model m(input=[4]) { Nope(2) }\n");
        String sarif = DiagnosticRenderer.sarif(List.of(c), "test");
        assertTrue(sarif.contains("my%20models/caf%C3%A9%20%231.dlm"), sarif);
    }

    @Test
    void bidirectionalOverridesAreMadeVisible() {
        Compilation c = DlmCompiler.compile("bidi.dlm", "model m(input=[4]) { Nope(2) } # \u202e hidden\n");
        String text = DiagnosticRenderer.text(List.of(c), false);
        assertTrue(text.contains("Nope(2) } # \uFFFD hidden"), text);
        assertFalse(text.contains("\u202e"), text);
    }
}
