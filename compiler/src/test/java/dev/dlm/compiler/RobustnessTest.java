package dev.dlm.compiler;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.SummaryRenderer;
import dev.dlm.grammar.DlmLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The compiler never throws and always terminates, whatever the text: every run ends in a
 * checked model or in errors, and every diagnostic points inside the file. Random inputs
 * use fixed seeds, so a failure reproduces.
 */
// A guard against a hang (a parser loop), not a speed test: generous enough for the mutations of
// every shipped model on a loaded 2-core machine (62 s was measured there at load 20).
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RobustnessTest {

    /** Compiles {@code text} and checks the invariants every compilation must keep; returns it. */
    static Compilation compileSafely(String what, String text) {
        Compilation c;
        try {
            c = DlmCompiler.compile("fuzz.dlm", text);
        } catch (Throwable t) {
            throw new AssertionError("the compiler threw on " + what + ": " + excerpt(text), t);
        }
        if (c.model() == null && !c.hasErrors()) {
            fail("no model and no error for " + what + ": " + excerpt(text) + "\n" + c.diagnostics());
        }
        for (Diagnostic d : c.diagnostics()) {
            int start = d.span().start(), end = d.span().end();
            if (start < 0 || end < start || end > text.length()) {
                fail("span " + start + ".." + end + " outside the file (length " + text.length() + ") for " + what
                        + ": " + d.code() + " " + d.message());
            }
            try {
                DiagnosticRenderer.text(d, false);
            } catch (RuntimeException e) {
                throw new AssertionError("rendering " + d.code() + " threw for " + what, e);
            }
        }
        if (c.model() != null) SummaryRenderer.text(c.model());
        return c;
    }

    private static String excerpt(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }

    private static boolean hasError(Compilation c, Code code) {
        return c.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == code);
    }

    // ---- degenerate files ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n\n", " \t\r\n\f ", "# only a comment", "# one\n// two\n#\n", "\0", ";;;"})
    void filesWithoutAModelReportIt(String text) {
        Compilation c = compileSafely("an empty file", text);
        assertTrue(c.hasErrors());
        assertTrue(c.model() == null);
    }

    @Test
    void emptyFileSaysThereIsNoModel() {
        assertTrue(hasError(compileSafely("empty", ""), Code.DLM0113));
        assertTrue(hasError(compileSafely("comments", "# nothing here\n"), Code.DLM0113));
    }

    @Test
    void randomTextNeverBreaksTheCompiler() {
        Random random = new Random(20_261_126L);
        String[] fragments = {"model", "m", "(", ")", "[", "]", "{", "}", "input", "=", "784", ",", "Dense", "10",
                "Conv2D", "'same'", "\"", "'", "let", "data", "mnist", "train", "loss", "expect", "params", "==", "sweep",
                "in", "**", "-", "1e999", "0.5", "None", "True", "#", "\n", " ", ";", ".", "\\", "_", "Bidirectional",
                "LSTM", "\r\n", "\t", "99999999999999999999", "-1", "@", "!"};
        for (int i = 0; i < 500; i++) {
            int length = random.nextInt(i % 50 == 0 ? 2000 : 300);
            StringBuilder sb = new StringBuilder();
            int mode = i % 3;
            while (sb.length() < length) {
                switch (mode) {
                    // any UTF-16 code unit: NULs, controls, lone surrogates, private use
                    case 0 -> sb.append((char) random.nextInt(0x10000));
                    // mostly language fragments, sometimes a code unit from anywhere
                    case 1 -> sb.append(random.nextInt(10) == 0 ? String.valueOf((char) random.nextInt(0x10000))
                            : fragments[random.nextInt(fragments.length)]);
                    // printable ASCII with line breaks
                    default -> sb.append(random.nextInt(12) == 0 ? '\n' : (char) (0x20 + random.nextInt(0x5f)));
                }
            }
            compileSafely("random input " + i + " (seed 20261126)", sb.toString());
        }
    }

    @Test
    void loneSurrogatesAndNulsAreInvalidCharacters() {
        for (String bad : List.of("\uD800", "\uDC00", "\0", "\uFFFF")) {
            Compilation c = compileSafely("a bad character", "model m(input=[4]) { Dense(2) }" + bad);
            assertTrue(hasError(c, Code.DLM0002), () -> c.diagnostics().toString());
        }
    }

    // ---- truncations and mutations of the real models --------------------------------------

    /** The header line of the model files that models/gen/chapter2.py writes. */
    static final String GENERATED = "# Generated by `python3 models/gen/";

    /** The offsets at which a line starts, plus the end of the text. */
    static TreeSet<Integer> lineStarts(String text) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) cuts.add(i + 1);
        cuts.add(text.length());
        return cuts;
    }

    /** The UTF-16 offsets at which a token starts, plus the end of the text. */
    static TreeSet<Integer> tokenBoundaries(String text) {
        DlmLexer lexer = new DlmLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        TreeSet<Integer> cuts = new TreeSet<>();
        for (Token t : lexer.getAllTokens()) {
            // ANTLR counts code points; the compiler's offsets are UTF-16 units
            cuts.add(text.offsetByCodePoints(0, t.getStartIndex()));
        }
        cuts.add(text.length());
        return cuts;
    }

    @Test
    void everyTruncationOfEveryModelAtEveryTokenBoundary() throws IOException {
        int runs = 0;
        for (Path file : SeedModelsTest.modelFiles()) {
            String text = Files.readString(file);
            // The generated chapter-2 files (models/gen/chapter2.py) repeat a few lines hundreds of
            // times: every token of them would take minutes; every line start covers their constructs.
            for (int cut : text.contains(GENERATED) ? lineStarts(text) : tokenBoundaries(text)) {
                compileSafely(file + " cut at " + cut, text.substring(0, cut));
                runs++;
            }
        }
        assertTrue(runs > 3_000, "truncations run: " + runs);
    }

    @Test
    void everyTruncationOfTheMlpAtEveryCharacter() throws IOException {
        String text = Files.readString(SeedModelsTest.MODELS.resolve("mlp.dlm"));
        for (int cut = 0; cut <= text.length(); cut++) {
            Compilation c = compileSafely("mlp.dlm cut at " + cut, text.substring(0, cut));
            if (cut == text.length()) assertEquals(269_322, c.model().totalParams());
        }
    }

    @Test
    void mutatedModelsNeverBreakTheCompiler() throws IOException {
        List<List<String>> files = new ArrayList<>();
        TreeSet<String> vocabulary = new TreeSet<>(List.of("(", ")", "[", "]", "{", "}", ",", "=", "==", "-1", "0",
                "1e999", "None", "'", "\"", "**", "/", "%", "Bidirectional(", "input=[", "@", "\n", "99999999999999999999"));
        for (Path file : SeedModelsTest.modelFiles()) {
            String text = Files.readString(file);
            DlmLexer lexer = new DlmLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            List<String> tokens = new ArrayList<>();
            for (Token t : lexer.getAllTokens()) {
                tokens.add(t.getText());
                if (t.getChannel() == Token.DEFAULT_CHANNEL) vocabulary.add(t.getText());
            }
            files.add(tokens);
        }
        List<String> words = List.copyOf(vocabulary);
        Random random = new Random(4_242L);
        for (int i = 0; i < 2_000; i++) {
            List<String> tokens = new ArrayList<>(files.get(random.nextInt(files.size())));
            int mutations = 1 + random.nextInt(4);
            StringBuilder log = new StringBuilder();
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(tokens.size());
                switch (random.nextInt(4)) {
                    case 0 -> log.append(" delete ").append(at).append(tokens.remove(at));
                    case 1 -> {
                        String word = words.get(random.nextInt(words.size()));
                        tokens.add(at, random.nextBoolean() ? word : " " + word + " ");
                        log.append(" insert ").append(word).append('@').append(at);
                    }
                    case 2 -> {
                        int other = random.nextInt(tokens.size());
                        String t = tokens.get(at);
                        tokens.set(at, tokens.get(other));
                        tokens.set(other, t);
                        log.append(" swap ").append(at).append('/').append(other);
                    }
                    default -> {
                        tokens.add(at, tokens.get(at));
                        log.append(" duplicate ").append(at);
                    }
                }
                if (tokens.isEmpty()) tokens.add("");
            }
            compileSafely("mutation " + i + " (seed 4242):" + log, String.join("", tokens));
        }
    }

    // ---- pathological sizes ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"(", "[", "{"})
    void tenThousandNestedBracketsAreRejectedWithoutOverflowingTheStack(String open) {
        String close = switch (open) {
            case "(" -> ")";
            case "[" -> "]";
            default -> "}";
        };
        for (String text : List.of(open.repeat(10_000), "let x = " + open.repeat(10_000) + "1" + close.repeat(10_000),
                "model m(input=[4]) { Dense(" + open.repeat(10_000))) {
            Compilation c = compileSafely("10,000 nested " + open, text);
            assertTrue(hasError(c, Code.DLM0004), () -> c.diagnostics().toString());
        }
    }

    @Test
    void tenThousandUnaryMinusesAreRejected() {
        Compilation c = compileSafely("10,000 unary minuses", "let x = " + "-".repeat(10_000) + "1\nmodel m(input=[4]) { Dense(2) }");
        assertTrue(c.hasErrors());
    }

    @Test
    void longOperatorChainsAreRejectedWithoutOverflowingTheStack() {
        for (String op : List.of("+", "*", "<", ".b")) {
            String text = "let x = 1" + (op + "1").repeat(20_000) + "\nmodel m(input=[4]) { Dense(2) }";
            compileSafely("a chain of 20,000 `" + op + "`", text);
        }
    }

    @Test
    void twentyDigitIntegersAreOutOfRange() {
        Compilation c = compileSafely("a 20-digit integer", "let x = 12345678901234567890\nmodel m(input=[4]) { Dense(x) }");
        assertTrue(hasError(c, Code.DLM0005), () -> c.diagnostics().toString());
        assertTrue(hasError(compileSafely("a 20-digit units", "model m(input=[4]) { Dense(99999999999999999999) }"), Code.DLM0005));
        // 2^63 - 1 still fits
        assertTrue(compileSafely("the largest long", "let x = 9223372036854775807\nmodel m(input=[4]) { Dense(2) }").model() != null);
    }

    @Test
    void floatsBeyondDoubleAreOutOfRange() {
        Compilation c = compileSafely("1e999", "model m(input=[4]) { Dense(2); Dropout(1e999) }");
        assertTrue(hasError(c, Code.DLM0005), () -> c.diagnostics().toString());
        assertTrue(hasError(compileSafely("let 1e999", "let big = 1e999\nmodel m(input=[4]) { Dense(2) }"), Code.DLM0005));
    }

    @Test
    void aMegabyteOfLayersCompiles() {
        StringBuilder sb = new StringBuilder("model big(input=[8]) {\n");
        int layers = 0;
        while (sb.length() < 1_000_000) {
            sb.append("    Dense(units=8, activation='relu', use_bias=True)   # one more layer of a very long model\n");
            layers++;
        }
        sb.append("}\n");
        Compilation c = compileSafely("a 1 MB model", sb.toString());
        CheckedModel m = c.model();
        assertEquals(layers, m.layers().size());
        // each Dense(8) on 8 features: 8*8 + 8 = 72
        assertEquals(72L * layers, m.totalParams());
    }

    @Test
    void aThousandDenseLayers() {
        StringBuilder sb = new StringBuilder("data mnist\nmodel deep(input=[784]) {\n    Dense(16)\n");
        for (int i = 1; i < 999; i++) sb.append("    Dense(16, activation='relu')\n");
        sb.append("    Dense(10, activation='softmax')\n}\ntrain { loss = categorical_crossentropy }\n");
        CheckedModel m = compileSafely("1,000 Dense layers", sb.toString()).model();
        assertEquals(1_000, m.layers().size());
        assertEquals("dense_999", m.layers().get(999).name());
        // 784*16 + 16 = 12_560; 998 * (16*16 + 16) = 998 * 272 = 271_456; 16*10 + 10 = 170
        assertEquals(12_560 + 271_456 + 170, m.totalParams());
        assertTrue(SummaryRenderer.text(m).contains("Total params: 284,186"));
    }
}
