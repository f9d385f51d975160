package dev.dlm.compiler.render;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rustc-style text rendering: header, location, the source line, carets under the span, notes and help. */
class DiagnosticRendererTest {

    private static final String FILE = "data mnist\nmodel m(input=[784]) {\n    Dense(10, activaton=relu)\n}\n";

    @Test
    void rendersLikeRustc() {
        SourceFile f = new SourceFile("models/x.dlm", FILE);
        int start = FILE.indexOf("activaton");
        Diagnostic d = Diagnostic.error(Code.DLM0104, f.span(start, start + 9), "`Dense` has no argument `activaton`")
                .label("unknown argument")
                .note("Keras's Dense takes units, activation, use_bias, ...")
                .help("did you mean `activation`?")
                .build();
        assertEquals("""
                error[DLM0104]: `Dense` has no argument `activaton`
                 --> models/x.dlm:3:15
                  |
                3 |     Dense(10, activaton=relu)
                  |               ^^^^^^^^^ unknown argument
                  = note: Keras's Dense takes units, activation, use_bias, ...
                  = help: did you mean `activation`?
                """, DiagnosticRenderer.text(d, false));
    }

    @Test
    void theGutterWidensForMultiDigitLineNumbers() {
        String text = "\n".repeat(11) + "model m(input=[4]) { Dense(0) }\n";
        SourceFile f = new SourceFile("big.dlm", text);
        int start = text.indexOf("0)");
        Diagnostic d = Diagnostic.error(Code.DLM0202, f.span(start, start + 1), "`units` must be a positive int")
                .label("too small").build();
        assertEquals("""
                error[DLM0202]: `units` must be a positive int
                  --> big.dlm:12:28
                   |
                12 | model m(input=[4]) { Dense(0) }
                   |                            ^ too small
                """, DiagnosticRenderer.text(d, false));
    }

    @Test
    void aWarningWithoutLabelNotesOrHelp() {
        SourceFile f = new SourceFile("w.dlm", "model m(input=[4]) { Dense(2) }");
        Diagnostic d = Diagnostic.warning(Code.DLM0114, f.span(6, 7), "no `data` source").build();
        assertEquals("""
                warning[DLM0114]: no `data` source
                 --> w.dlm:1:7
                  |
                1 | model m(input=[4]) { Dense(2) }
                  |       ^
                """, DiagnosticRenderer.text(d, false));
    }

    @Test
    void anEmptySpanGetsOneCaret() {
        String text = "model m(input=[4]) {";
        SourceFile f = new SourceFile("eof.dlm", text);
        Diagnostic d = Diagnostic.error(Code.DLM0001, f.end(), "expected `}`, found end of file").label("file ends here").build();
        String out = DiagnosticRenderer.text(d, false);
        assertTrue(out.contains("\n  |" + " ".repeat(21) + "^ file ends here\n"), out);
        assertTrue(out.contains(" --> eof.dlm:1:21\n"), out);
    }

    @Test
    void aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        String text = "model m(input=[4]) {\n    Dense(2,\n          activation=foo)\n}\n";
        SourceFile f = new SourceFile("multi.dlm", text);
        int start = text.indexOf("Dense");
        int end = text.indexOf(")\n}") + 1;
        Diagnostic d = Diagnostic.error(Code.DLM0107, f.span(start, end), "bad layer").build();
        String out = DiagnosticRenderer.text(d, false);
        // "Dense(2," is 8 characters, starting after 4 spaces
        assertTrue(out.contains("\n2 |     Dense(2,\n  |     ^^^^^^^^\n"), out);
    }

    @Test
    void anEmptyFileShowsOnlyTheLocation() {
        SourceFile f = new SourceFile("empty.dlm", "");
        Diagnostic d = Diagnostic.error(Code.DLM0113, f.span(0, 0), "no `model` in this file").help("declare one").build();
        assertEquals("""
                error[DLM0113]: no `model` in this file
                 --> empty.dlm:1:1
                  = help: declare one
                """, DiagnosticRenderer.text(d, false));
    }

    @Test
    void caretsCountCharactersNotUtf16Units() {
        // é is one UTF-16 unit, the smile two; each is one column
        String text = "let s = '\u00e9\uD83D\uDE00' + 1\n";
        SourceFile f = new SourceFile("u.dlm", text);
        int start = text.indexOf("+");
        Diagnostic d = Diagnostic.error(Code.DLM0201, f.span(start, start + 1), "`+` needs numbers").build();
        String out = DiagnosticRenderer.text(d, false);
        // "let s = '" (9) + 2 characters + "' " (2) = 13 columns before the `+`
        assertTrue(out.contains("\n  |" + " ".repeat(14) + "^\n"), out);
        assertTrue(out.contains(" --> u.dlm:1:14\n"), out);
    }

    @Test
    void caretsLineUpUnderTabs() {
        String text = "model m(input=[4]) {\n\tDense(10, activaton=relu)\n}\n";
        SourceFile f = new SourceFile("tabs.dlm", text);
        int start = text.indexOf("activaton");
        String out = DiagnosticRenderer.text(Diagnostic.error(Code.DLM0104, f.span(start, start + 9), "x").build(), false);
        String[] lines = out.split("\n");
        String source = lines[3], carets = lines[4];
        assertEquals(expandTabs(source).indexOf("activaton"), expandTabs(carets).indexOf('^'), out);
    }

    private static String expandTabs(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\t') do sb.append(' '); while (sb.length() % 8 != 0);
            else sb.append(c);
        }
        return sb.toString();
    }

    @Test
    void colorWrapsTheSeverityInAnsiRed() {
        SourceFile f = new SourceFile("c.dlm", "x");
        String out = DiagnosticRenderer.text(Diagnostic.error(Code.DLM0101, f.span(0, 1), "unknown name `x`").build(), true);
        assertTrue(out.startsWith("\u001b[1;31merror[DLM0101]\u001b[0m"), out);
        assertTrue(out.contains("\u001b[0m"));
    }

    @Test
    void renderedCompilerDiagnosticsPointAtTheirText() {
        String text = "data mnist\nmodel m(input=[28, 28, 1]) {\n    Conv2D(64, 3, padding='sane')\n}\n"
                + "train { loss = categorical_crossentropy }\n";
        Compilation c = DlmCompiler.compile("c.dlm", text);
        String out = DiagnosticRenderer.text(List.of(c), false);
        assertTrue(out.contains("""
                error[DLM0203]: `padding` of `Conv2D` must be one of 'valid' or 'same', found `sane`
                 --> c.dlm:3:27
                  |
                3 |     Conv2D(64, 3, padding='sane')
                  |                           ^^^^^^ not a valid choice
                  = help: did you mean `same`?
                """), out);
    }
}
