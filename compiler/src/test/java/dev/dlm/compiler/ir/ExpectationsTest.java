package dev.dlm.compiler.ir;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationsTest {

    static final SourceFile FILE = new SourceFile("t.dlm", "expect test.accuracy >= 0.98\nexpect test.loss < 0.1\n");
    static final MetricExpectation ACCURACY = new MetricExpectation("test", "accuracy", ">=", 0.98, new Span(FILE, 0, 28));
    static final MetricExpectation LOSS = new MetricExpectation("test", "loss", "<", 0.1, new Span(FILE, 29, 51));

    static Expectations.Outcome verify(Map<String, Double> measured, String where, String overridden, boolean each) {
        return Expectations.verify(List.of(ACCURACY, LOSS), e -> measured.get(e.metric()), where, overridden, each);
    }

    @Test
    void aHeldExpectationSaysNothingAndAFailedOneIsAnErrorAtItsLine() {
        var o = verify(Map.of("accuracy", 0.9812, "loss", 0.2), null, null, true);
        assertEquals(1, o.failed());
        assertEquals(0, o.unchecked());
        assertEquals(1, o.diagnostics().size());
        Diagnostic d = o.diagnostics().get(0);
        assertEquals(Code.DLM0501, d.code());
        assertTrue(d.isError());
        assertEquals(LOSS.span(), d.span());
        assertEquals("expectation failed: `test.loss` is 0.2000, expected < 0.1", d.message());
        assertEquals("measured 0.2000", d.label());
    }

    @Test
    void aSweepCellIsNamedInTheMessage() {
        var o = verify(Map.of("accuracy", 0.5, "loss", 0.05), "sweep cell 3 (sgd)", null, false);
        assertEquals("expectation failed in sweep cell 3 (sgd): `test.accuracy` is 0.5000, expected >= 0.98",
                o.diagnostics().get(0).message());
    }

    @Test
    void aResultTheRunDidNotMeasureIsAWarningNotAFailure() {
        var o = verify(Map.of("accuracy", 0.99), null, null, true);
        assertEquals(0, o.failed());
        assertEquals(1, o.diagnostics().size());
        assertFalse(o.diagnostics().get(0).isError());
        assertTrue(o.diagnostics().get(0).message().startsWith("`expect test.loss < 0.1` was not checked"));
    }

    @Test
    void overriddenTrainingChecksNothingAndWarnsPerExpectationOnlyWhenAsked() {
        var each = verify(Map.of("accuracy", 0.1, "loss", 9.0), null, "--epochs changes", true);
        assertEquals(0, each.failed());
        assertEquals(2, each.unchecked());
        assertEquals(2, each.diagnostics().size());
        assertTrue(each.diagnostics().stream().noneMatch(Diagnostic::isError));
        assertEquals("--epochs changes the file's training settings", each.diagnostics().get(0).notes().get(0));
        var counted = verify(Map.of("accuracy", 0.1, "loss", 9.0), "sweep cell 0 (a)", "--epochs changes", false);
        assertEquals(2, counted.unchecked());
        assertTrue(counted.diagnostics().isEmpty());
    }
}
