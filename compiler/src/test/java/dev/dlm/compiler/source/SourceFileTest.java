package dev.dlm.compiler.source;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Line and column of offsets: 1-based, columns in code points, CRLF and non-BMP text included. */
class SourceFileTest {

    @Test
    void linesAndColumnsOfUnixText() {
        SourceFile f = new SourceFile("a.dlm", "ab\ncd\n");
        assertEquals(3, f.lineCount()); // the empty line after the last newline counts
        assertEquals(1, f.lineOf(0));
        assertEquals(1, f.lineOf(2)); // the newline belongs to its line
        assertEquals(2, f.lineOf(3));
        assertEquals(3, f.lineOf(6));
        assertEquals(1, f.columnOf(0));
        assertEquals(2, f.columnOf(4));
        assertEquals("ab", f.line(1));
        assertEquals("cd", f.line(2));
        assertEquals("", f.line(3));
        assertEquals(3, f.lineStart(2));
    }

    @Test
    void crlfLineEndsAreNotPartOfTheLine() {
        SourceFile f = new SourceFile("a.dlm", "ab\r\ncd\r\nef");
        assertEquals(3, f.lineCount());
        assertEquals("ab", f.line(1));
        assertEquals("cd", f.line(2));
        assertEquals("ef", f.line(3));
        assertEquals(2, f.lineOf(4)); // 'c'
        assertEquals(1, f.columnOf(4));
        assertEquals(3, f.lineOf(9)); // 'f'
        assertEquals(2, f.columnOf(9));
        assertEquals(3, f.columnOf(2)); // the '\r' sits after "ab"
    }

    @Test
    void columnsCountCodePointsNotUtf16Units() {
        // U+1F600 takes two UTF-16 units but is one character
        String smile = "\uD83D\uDE00";
        SourceFile f = new SourceFile("a.dlm", "a" + smile + "b\n" + smile + smile + "x");
        assertEquals(3, f.columnOf(3)); // 'b' at offset 3 is the 3rd character
        assertEquals(2, f.lineOf(5));
        assertEquals(3, f.columnOf(9)); // 'x' after two smiles
        assertEquals("a" + smile + "b", f.line(1));
    }

    @Test
    void offsetsPastTheEndClampToTheEnd() {
        SourceFile f = new SourceFile("a.dlm", "ab\ncd");
        assertEquals(2, f.lineOf(99));
        assertEquals(3, f.columnOf(99));
    }

    @Test
    void everyKindOfLineEndStartsALineWhereAnEditorWould() {
        // \n, \r\n and a lone \r (old Mac) end a line; \r\r\n is a lone \r, then \r\n.
        String text = "a\nb\r\nc\rd\r\r\ne\n\nf\r";
        SourceFile f = new SourceFile("mixed.dlm", text);
        assertEquals(List.of("a", "b", "c", "d", "", "e", "", "f", ""),
                java.util.stream.IntStream.rangeClosed(1, f.lineCount()).mapToObj(f::line).toList());
        // Each line starts right after the last character of a terminator, as an editor counts.
        for (int offset = 0; offset <= text.length(); offset++) {
            int line = 1;
            int start = 0;
            for (int i = 0; i < offset; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    start = i + 1;
                }
            }
            assertEquals(line, f.lineOf(offset), "line of offset " + offset);
            assertEquals(offset - start + 1, f.columnOf(offset), "column of offset " + offset);
        }
    }

    @Test
    void anEmptyFileHasOneEmptyLine() {
        SourceFile f = new SourceFile("empty.dlm", "");
        assertEquals(1, f.lineCount());
        assertEquals("", f.line(1));
        assertEquals(1, f.lineOf(0));
        assertEquals(1, f.columnOf(0));
        assertEquals(0, f.end().start());
    }

    @Test
    void spansKnowTheirTextAndPlace() {
        SourceFile f = new SourceFile("models/x.dlm", "let a = 1\nlet bb = 22\n");
        Span s = f.span(14, 16);
        assertEquals("bb", s.text());
        assertEquals(2, s.line());
        assertEquals(5, s.column());
        assertEquals(2, s.length());
        assertEquals("models/x.dlm:2:5", s.toString());
        assertEquals(f.length(), f.end().start());
        assertThrows(IllegalArgumentException.class, () -> f.span(5, 4));
        assertThrows(IllegalArgumentException.class, () -> f.span(-1, 0));
    }

    @Test
    void compilerSpansOnCrlfFilesPointAtTheirText() {
        Compilation c = DlmCompiler.compile("crlf.dlm", "model m(input=[4]) {\r\n    Dense(2, activation=foo)\r\n}\r\n");
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == Code.DLM0107).findFirst().orElseThrow();
        assertEquals("foo", d.span().text());
        assertEquals(2, d.span().line());
        assertEquals(25, d.span().column());
    }

    @Test
    void compilerSpansAfterNonBmpCharactersPointAtTheirText() {
        Compilation c = DlmCompiler.compile("emoji.dlm",
                "# \uD83D\uDE00 a smile\nmodel m(input=[4]) {\n    Dense(2, activation=foo)\n}\n");
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == Code.DLM0107).findFirst().orElseThrow();
        assertEquals("foo", d.span().text());
        assertEquals(25, d.span().column());
    }
}
