package dev.dlm.compiler.sweep;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepPlannerTest {

    static final String BASE = """
            let dropout = 0.45
            let relu = true
            data mnist
            model mlp(input=[784]) {
                Dense(256)
                Activation('relu') if relu
                Dropout(dropout) if dropout > 0
                Dense(10, activation=softmax)
            }
            train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy] }
            """;

    static SweepPlanner.Planned plan(String text) {
        return SweepPlanner.plan(new SourceFile("t.dlm", text), null);
    }

    static List<Code> codes(SweepPlanner.Planned p) {
        return p.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void aGridIsEnumeratedInAxisOrderWithTheLastAxisFastest() {
        var p = plan(BASE + "sweep { optimizer in [sgd, adam, rmsprop]; dropout in [0.4, 0.5] }");
        assertTrue(p.ok(), () -> p.diagnostics().toString());
        SweepPlan plan = p.plan();
        assertEquals("mlp", plan.modelName());
        assertEquals(6, plan.size());
        assertEquals(Map.of("optimizer", "sgd", "dropout", "0.4"), plan.cell(0).bindings());
        assertEquals(List.of("optimizer", "dropout"), List.copyOf(plan.cell(0).bindings().keySet()));
        assertEquals(Map.of("optimizer", "sgd", "dropout", "0.5"), plan.cell(1).bindings());
        assertEquals(Map.of("optimizer", "rmsprop", "dropout", "0.5"), plan.cell(5).bindings());
        assertEquals("optimizer=adam, dropout=0.4", plan.cell(2).label());
        for (int i = 0; i < 6; i++) assertEquals(i, plan.cell(i).index());
        assertEquals("sgd", plan.cell(0).model().train().optimizer().kerasName());
        assertEquals("rmsprop", plan.cell(5).model().train().optimizer().kerasName());
    }

    @Test
    void cellsBindSeveralNamesAndCarryTheirReferencesAndExpectations() {
        var p = plan(BASE + """
                sweep {
                    cell "plain" { relu = false; dropout = 0; optimizer = sgd
                                   expect params == 203_530
                                   reference train.accuracy = 0.9365, test.accuracy = 0.925 }
                    cell { dropout = 0.2 }
                }
                """);
        assertTrue(p.ok(), () -> p.diagnostics().toString());
        SweepCell plain = p.plan().cell(0);
        assertEquals("plain", plain.label());
        assertEquals(List.of("dense", "dense_1"), plain.model().layers().stream().map(l -> l.name()).toList());
        assertEquals(203_530, plain.params());
        assertEquals(Map.of("train.accuracy", 0.9365, "test.accuracy", 0.925), plain.references());
        SweepCell second = p.plan().cell(1);
        assertEquals("dropout=0.2", second.label());
        assertEquals(4, second.model().layers().size());
        assertTrue(second.references().isEmpty());
    }

    @Test
    void cellsAreCrossedWithTheGrid() {
        var p = plan(BASE + "sweep { cell \"a\" { dropout = 0.2 }; cell \"b\" { dropout = 0.3 }; seed in [1, 2, 3] }");
        assertTrue(p.ok(), () -> p.diagnostics().toString());
        assertEquals(6, p.plan().size());
        assertEquals("a, seed=3", p.plan().cell(2).label());
        assertEquals(Map.of("dropout", "0.3", "seed", "1"), p.plan().cell(3).bindings());
        assertEquals(1L, p.plan().cell(3).model().train().seed());
    }

    @Test
    void aValueIsCheckedWhereItIsUsedAndTheCellIsNamed() {
        var p = plan(BASE + "sweep { cell \"bad\" { dropout = 1.5 } }");
        assertFalse(p.ok());
        Diagnostic d = p.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("sweep cell 0 (bad)")), d::toString);
        assertTrue(d.secondary().stream().anyMatch(l -> l.span().text().equals("1.5")), d::toString);
    }

    @Test
    void aSettingValueIsReportedInTheSweep() {
        var p = plan(BASE + "sweep { optimizer in [sgd, adamw2] }");
        assertFalse(p.ok());
        Diagnostic d = p.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals(Code.DLM0109, d.code());
        assertEquals("adamw2", d.span().text());
    }

    @Test
    void aFileWithoutSweepHasNoPlan() {
        var p = plan(BASE);
        assertNull(p.plan());
        assertEquals(List.of(Code.DLM1503), codes(p));
    }

    @Test
    void malformedSweepsAreDiagnosed() {
        assertTrue(codes(plan(BASE + "sweep { }")).contains(Code.DLM0606));
        assertTrue(codes(plan(BASE + "sweep { cell { dropout = 0.1; dropout = 0.2 } }")).contains(Code.DLM0602));
        assertTrue(codes(plan(BASE + "sweep { dropout in [0.1]; cell { dropout = 0.2 } }")).contains(Code.DLM0602));
        assertTrue(codes(plan(BASE + "sweep { cell { reference test.acuracy = 0.9 } }")).contains(Code.DLM0603));
        var pct = plan(BASE + "sweep { cell { reference test.accuracy = 98.1 } }");
        assertTrue(codes(pct).contains(Code.DLM0604));
        assertTrue(pct.diagnostics().get(0).help().contains("0.981"), pct.diagnostics()::toString);
        assertTrue(codes(plan(BASE + "sweep { cell \"a\" { dropout = 0.1 }; cell \"a\" { dropout = 0.2 } }")).contains(Code.DLM0607));
        assertTrue(codes(plan(BASE + "sweep { cell { dropuot = 0.1 } }")).contains(Code.DLM0601));
        assertTrue(codes(plan(BASE.replace("if relu", "if 3") + "sweep { dropout in [0.1] }")).contains(Code.DLM0605));
        assertNotNull(plan(BASE + "sweep { dropout in [0.1] }").plan());
    }

    @Test
    void aSweepWithoutDataOrTrainingSettingsHasNothingToRun() {
        var noData = plan(BASE.replace("data mnist\n", "") + "sweep { dropout in [0.1, 0.2] }");
        assertFalse(noData.ok());
        // The checker's warning (the model can be checked, not run), then the planner's error: a sweep runs.
        assertTrue(codes(noData).stream().allMatch(Code.DLM0114::equals), noData.diagnostics()::toString);
        assertTrue(noData.diagnostics().stream().anyMatch(d -> d.isError() && d.message().contains("cannot run the sweep of `mlp`")
                && d.message().contains("no `data` source")), noData.diagnostics()::toString);
        var noTrain = plan(BASE.substring(0, BASE.indexOf("train {")) + "sweep { dropout in [0.1, 0.2] }");
        assertFalse(noTrain.ok());
        assertTrue(noTrain.diagnostics().stream().anyMatch(d -> d.isError() && d.message().contains("no `train` block")),
                noTrain.diagnostics()::toString);
    }
}
