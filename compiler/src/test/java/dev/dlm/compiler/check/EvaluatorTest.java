package dev.dlm.compiler.check;

import dev.dlm.compiler.ModelFixture;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.parse.Parser;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compile-time arithmetic, with Python's meaning (the language Keras users read): {@code /}
 * is true division, {@code %} takes the divisor's sign, {@code **} binds tighter than unary
 * minus and to the right. Overflow and division by zero are diagnostics, not exceptions.
 */
class EvaluatorTest {

    /** The result of evaluating {@code expr}, with the diagnostics it produced. */
    private record Result(Value value, Diagnostics diagnostics) {
        boolean failedWith(Code code) {
            return value instanceof Value.Error && diagnostics.sorted().stream().anyMatch(d -> d.isError() && d.code() == code);
        }
    }

    private static Result eval(String expr) {
        Diagnostics parseDiagnostics = new Diagnostics();
        DlmFile file = Parser.parse(new SourceFile("e.dlm", "let x = " + expr + "\n"), parseDiagnostics);
        assertFalse(parseDiagnostics.hasErrors(), () -> expr + " does not parse: " + parseDiagnostics.sorted());
        Item.Let let = (Item.Let) file.items().get(0);
        Diagnostics diagnostics = new Diagnostics();
        return new Result(new Evaluator(diagnostics).eval(let.value()), diagnostics);
    }

    private static long integer(String expr) {
        Result r = eval(expr);
        assertFalse(r.diagnostics.hasErrors(), () -> expr + ": " + r.diagnostics.sorted());
        return assertInstanceOf(Value.Int.class, r.value, expr).value();
    }

    private static double real(String expr) {
        Result r = eval(expr);
        assertFalse(r.diagnostics.hasErrors(), () -> expr + ": " + r.diagnostics.sorted());
        return assertInstanceOf(Value.Float.class, r.value, expr).value();
    }

    @ParameterizedTest
    @CsvSource({
            "1 + 2 * 3, 7",
            "(1 + 2) * 3, 9",
            "1 - 2 - 3, -4",          // left associative
            "2 * 128, 256",
            "1_000 + 1, 1001",
            "7 % 3, 1",
            "-7 % 3, 2",              // Python: the result takes the divisor's sign
            "7 % -3, -2",
            "2 ** 10, 1024",
            "2 ** 3 ** 2, 512",       // right associative: 2 ** 9
            "-2 ** 2, -4",            // ** binds tighter than unary minus
            "(-2) ** 2, 4",
            "2 ** 0, 1",
            "2 ** 62, 4611686018427387904",
            "+5, 5",
            "--5, 5",
            "9223372036854775807, 9223372036854775807"})
    void integerArithmetic(String expr, long expected) {
        assertEquals(expected, integer(expr), expr);
    }

    @ParameterizedTest
    @CsvSource({
            "7 / 2, 3.5",
            "6 / 2, 3.0",             // true division: a float even when exact
            "1 / 3, 0.3333333333333333",
            "2 * 0.5, 1.0",           // int with float is float
            "1 + 0.5, 1.5",
            "7.5 % 2, 1.5",
            "-7.5 % 2, 0.5",
            "2 ** -1, 0.5",           // a negative exponent gives a float
            "4 ** 0.5, 2.0",
            "1e-7, 1e-7",
            "1_000.5, 1000.5",
            ".5, 0.5",
            "-0.45, -0.45"})
    void floatArithmetic(String expr, double expected) {
        assertEquals(expected, real(expr), 0.0, expr);
    }

    @Test
    void comparisonsGiveBooleans() {
        assertTrue(((Value.Bool) eval("1 < 2").value).value());
        assertTrue(((Value.Bool) eval("2 == 2.0").value).value());
        assertTrue(((Value.Bool) eval("[1, 2] == [1, 2]").value).value());
        assertFalse(((Value.Bool) eval("[1, 2] != [1, 2]").value).value());
        assertFalse(((Value.Bool) eval("3 >= 4").value).value());
    }

    @ParameterizedTest
    @CsvSource({
            "9223372036854775807 + 1",
            "-9223372036854775807 - 2",
            "3037000500 * 3037000500",
            "2 ** 63",
            "-(-9223372036854775807 - 1)",
            "1e308 * 10",
            "10.0 ** 400"})
    void overflowIsAnArithmeticError(String expr) {
        Result r = eval(expr);
        assertTrue(r.failedWith(Code.DLM0204), () -> expr + ": " + r.diagnostics.sorted());
        assertEquals("arithmetic overflow", r.diagnostics.sorted().get(0).message());
    }

    @ParameterizedTest
    @CsvSource({"1 / 0", "1 % 0", "1.0 / 0.0", "1 / 0.0", "5.5 % 0"})
    void divisionByZeroIsAnArithmeticError(String expr) {
        Result r = eval(expr);
        assertTrue(r.failedWith(Code.DLM0204), () -> expr + ": " + r.diagnostics.sorted());
        Diagnostic d = r.diagnostics.sorted().get(0);
        assertEquals("division by zero", d.message());
        assertEquals(expr, d.span().text(), "the diagnostic covers the division");
    }

    @Test
    void zeroToANegativePowerIsAnError() {
        assertTrue(eval("0 ** -1").failedWith(Code.DLM0204));
        assertTrue(eval("0 ** -1.0").failedWith(Code.DLM0204));
    }

    @Test
    void errorsDoNotCascade() {
        // one division by zero, reported once, however many operators use its result
        Result r = eval("(1 / 0) * 2 + 3");
        assertEquals(1, r.diagnostics.errorCount());
    }

    @Test
    void nonNumbersInArithmeticAreTypeErrors() {
        assertTrue(eval("'a' + 1").failedWith(Code.DLM0201));
        assertTrue(eval("[1] * 2").failedWith(Code.DLM0201));
        // a bare name that no `let` defines
        assertTrue(eval("hidden * 2").failedWith(Code.DLM0101));
    }

    @Test
    void constantsAreUsedWhereTheyAreNamed() {
        // 2 * 128 = 256 units: 784*256 + 256 = 200_960
        ModelFixture.file("let h = 128\nlet d = h / 256\nmodel m(input=[784]) {\n    Dense(2 * h)\n    Dropout(d)\n}\n")
                .layer(0).hasOutput(256).hasParams(200_960)
                .and().layer(1).hasConfig("rate", 0.5);
    }

    @Test
    void aFloatWhereAnIntIsNeededSuggestsTheInt() {
        // 512 / 2 is 256.0 in Python too: Keras would reject Dense(256.0)'s float units
        Diagnostic d = ModelFixture.file("let h = 512 / 2\nmodel m(input=[784]) { Dense(h) }\n").failsWith(Code.DLM0201);
        assertEquals("write `256`", d.help());
    }

    @Test
    void hugeExponentsTerminate() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(1, integer("1 ** 9223372036854775807"));
            assertEquals(0, integer("0 ** 9223372036854775807"));
            assertEquals(-1, integer("(-1) ** 9223372036854775807"));
            assertTrue(eval("2 ** 9223372036854775807").failedWith(Code.DLM0204));
        });
    }

    @Test
    void largeExponentsOfSmallBasesOverflowQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String expr : List.of("2 ** 1000000000", "(-3) ** 999999999")) {
                assertTrue(eval(expr).failedWith(Code.DLM0204), expr);
            }
        });
    }
}
