package dev.dlm.compiler;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the front end with Jazzer: bytes in, through the reader, the
 * parser, the checker, every renderer and the formatter. The invariants are those of
 * {@link RobustnessTest#compileSafely} (never a throw, a model or an error, spans inside the
 * file), plus: text output carries no raw control character, and a file that checks clean
 * formats to text that parses clean and formats to itself.
 *
 * <p>{@code mvn verify} fuzzes {@link #frontEnd} for a few seconds (the {@code fuzz}
 * execution in this module's pom); without {@code JAZZER_FUZZ} it replays the saved inputs in
 * {@code src/test/resources/dev/dlm/compiler/FrontEndFuzzTestInputs/}. The long run is
 * {@link #frontEndLong}: see docs/reliability.md.
 */
class FrontEndFuzzTest {

    @FuzzTest(maxDuration = "15s")
    // libFuzzer's dictionary format cannot hold a quote, a backslash or a line break: those the mutator finds itself.
    @DictionaryEntries({"model", "data", "train", "let", "expect", "sweep", "mnist", "csv(", "idx(", "Dense(", "Conv2D(",
            "input=[", "activation=", "'relu'", "softmax", "loss", "optimizer", "epochs", "**", "//", "#", "{", "}", "(", ")",
            "[", "]", ",", "=", "==", "1_000", "1e309", "'"})
    void frontEnd(byte[] input) {
        check(input);
    }

    @FuzzTest(maxDuration = "25m")
    @EnabledIfSystemProperty(named = "dlm.fuzz.long", matches = "true")
    void frontEndLong(byte[] input) {
        check(input);
    }

    static void check(byte[] input) {
        SourceReader.Read read = SourceReader.decode("fuzz.dlm", input);
        String text = read.source().text();
        Compilation c = RobustnessTest.compileSafely("fuzzed bytes", text);
        String rendered = DiagnosticRenderer.text(List.of(c), false);
        assertTrue(rendered.chars().allMatch(ch -> ch >= 0x20 || ch == '\n' || ch == '\t'), "raw control character in " + rendered);
        assertNotNull(DiagnosticRenderer.json(List.of(c)));
        assertEquals(c.diagnostics().size(), DiagnosticRenderer.github(List.of(c)).lines().count(), "one GitHub line per diagnostic");
        assertNotNull(DiagnosticRenderer.sarif(List.of(c), "fuzz"));
        if (c.model() == null || c.hasErrors()) return;
        String formatted = DlmCompiler.format(new SourceFile("fuzz.dlm", text)).formatted();
        if (formatted == null) return; // too deep to format: reported as DLM0004
        DlmCompiler.Formatting again = DlmCompiler.format(new SourceFile("fuzz.dlm", formatted));
        String twice = again.formatted();
        assertFalse(again.parse().hasErrors(), () -> "formatted text does not parse: " + again.parse().diagnostics() + "\n" + formatted);
        assertEquals(formatted, twice, "formatting is idempotent");
    }
}
