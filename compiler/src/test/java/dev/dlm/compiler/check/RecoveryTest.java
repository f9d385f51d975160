package dev.dlm.compiler.check;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One mistake must not hide the next, as rustc recovers: a misspelt argument does not stop
 * the shape checks of the layers after it, and an error in the {@code train} block does not
 * hide the loss's check of the model's output. Nor may recovery add noise: each mistake is
 * reported once.
 */
class RecoveryTest {

    private static List<String> codesAndLines(Compilation c) {
        return c.diagnostics().stream().map(d -> d.code() + "@" + d.span().line()).toList();
    }

    @Test
    void aMisspeltArgumentInLayerTwoDoesNotHideARankErrorInLayerFive() {
        Compilation c = DlmCompiler.compile("two.dlm", """
                data mnist
                model m(input=[28, 28, 1]) {
                    Conv2D(8, 3, activation='relu')
                    Conv2D(16, 3, activaton='relu')
                    MaxPooling2D()
                    Dense(32)
                    SimpleRNN(8)
                    Dense(10, activation='softmax')
                }
                """);
        assertNull(c.model());
        // line 4: `activaton` is unknown; line 7: SimpleRNN gets the rank-3 output of Dense
        assertEquals(List.of("DLM0104@4", "DLM0301@7"), codesAndLines(c), c.diagnostics().toString());
    }

    @Test
    void aTrainingSettingErrorDoesNotHideTheOutputRankCheck() {
        Compilation c = DlmCompiler.compile("train.dlm", """
                data mnist
                model m(input=[28, 28, 1]) {
                    Conv2D(8, 3)
                    Dense(10, activation='softmax')
                }
                train {
                    loss = categorical_crossentropy
                    epocs = 3
                }
                """);
        List<Code> codes = c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
        assertEquals(List.of(Code.DLM0306, Code.DLM0111), codes, c.diagnostics().toString());
    }

    @Test
    void aBadOptimizerArgumentStillChecksTheLoss() {
        Compilation c = DlmCompiler.compile("opt.dlm", """
                data mnist
                model m(input=[784]) {
                    Dense(10, activation='softmax')
                    Reshape((5, 2))
                }
                train {
                    loss = categorical_crossentropy
                    optimizer = adam(beta1=0.9)
                }
                """);
        List<Code> codes = c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
        assertEquals(List.of(Code.DLM0306, Code.DLM0104), codes, c.diagnostics().toString());
    }

    @Test
    void aDuplicateLayerNamePointsAtTheFirstWithALabel() {
        Compilation c = DlmCompiler.compile("dup.dlm", """
                data mnist
                model m(input=[784]) {
                    Dense(64, name='hidden')
                    Dense(10, name='hidden', activation='softmax')
                }
                """);
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == Code.DLM0102).findFirst().orElseThrow();
        assertEquals(4, d.span().line());
        assertEquals(1, d.secondary().size());
        assertEquals(3, d.secondary().get(0).span().line());
        assertEquals("first `hidden`", d.secondary().get(0).message());
    }
}
