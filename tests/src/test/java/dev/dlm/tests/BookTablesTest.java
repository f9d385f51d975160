package dev.dlm.tests;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.MetricExpectation;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book's three tables as sweeps (models/tables/*-table.dlm): 26 cells, each with the
 * book's train and test accuracy, its parameter count and its accuracy threshold, and the
 * row's regularizer where the layer tables of the summary goldens cannot show it.
 */
class BookTablesTest {

    /**
     * Test accuracy at the book's stated settings, seed 1, for the MLP table's SGD rows with ReLU
     * (cell index to accuracy): real Keras 3.15 for cells 1, 3 and 5, dlm for the others.
     */
    static final java.util.Map<Integer, Double> MLP_SGD_REACHED = java.util.Map.ofEntries(
            java.util.Map.entry(1, 0.9573), java.util.Map.entry(2, 0.9337), java.util.Map.entry(3, 0.9603),
            java.util.Map.entry(4, 0.9547), java.util.Map.entry(5, 0.9514), java.util.Map.entry(6, 0.9507),
            java.util.Map.entry(7, 0.9433), java.util.Map.entry(8, 0.9550), java.util.Map.entry(9, 0.9621),
            java.util.Map.entry(10, 0.9591), java.util.Map.entry(11, 0.9596), java.util.Map.entry(12, 0.9605));


    static SweepPlan plan(String file) {
        SweepPlanner.Planned p = SweepPlanner.plan(Repo.MODELS.resolve("tables").resolve(file));
        assertTrue(p.ok(), p.diagnostics()::toString);
        assertEquals(List.of(), p.diagnostics());
        return p.plan();
    }

    @Test
    void theTablesHaveTheBooksRowsWithTheirNumbers() {
        int total = 0;
        for (String file : List.of("mlp-table.dlm", "cnn-table.dlm", "rnn-table.dlm")) {
            SweepPlan plan = plan(file);
            total += plan.size();
            for (SweepCell c : plan.cells()) {
                assertEquals(List.of("train.accuracy", "test.accuracy"), List.copyOf(c.references().keySet()), c.label());
                List<MetricExpectation> test = c.model().expectations();
                assertEquals(1, test.size(), c.label());
                // The threshold is one point below the book's test accuracy, rounded down to a whole
                // percent; for the MLP's SGD rows the book's stated settings cannot reach (real Keras
                // neither), one point below what they reach (models/README.md, docs/tables.md).
                double book = c.references().get("test.accuracy");
                Double reached = file.startsWith("mlp") ? MLP_SGD_REACHED.get(c.index()) : null;
                double bar = reached != null ? reached : book;
                assertEquals(Math.floor(100 * bar - 1 + 1e-9) / 100, test.get(0).value(), 1e-9, c.label());
                if (reached != null) assertTrue(reached < book - 0.01, c.label() + ": the book's bar is reachable after all");
                assertEquals(c.model().train().epochs(), file.startsWith("cnn") ? 10 : 20);
                assertEquals(128, c.model().train().batchSize());
            }
        }
        assertEquals(26, total);
        SweepPlan mlp = plan("mlp-table.dlm");
        assertEquals(18, mlp.size());
        assertEquals(0.9365, mlp.cell(0).references().get("train.accuracy"));
        assertEquals(0.925, mlp.cell(0).references().get("test.accuracy"));
        assertEquals(2_913_290, mlp.cell(12).params());
        assertEquals("1024-1024-1024, Dropout(0.4), SGD", mlp.cell(12).label());
        assertEquals(0.994, plan("cnn-table.dlm").cell(2).references().get("test.accuracy"));
        assertEquals(282_122, plan("rnn-table.dlm").cell(3).params());
    }

    @Test
    void theL2RowsPenaliseEachHiddenKernelAndNoOtherRowDoes() {
        SweepPlan mlp = plan("mlp-table.dlm");
        for (SweepCell c : mlp.cells()) {
            List<CheckedLayer> dense = c.model().layers().stream().filter(l -> l.kind() == LayerKind.DENSE).toList();
            assertEquals(4, dense.size(), c.label());
            Double expected = c.label().contains("L2(0.001)") ? Double.valueOf(0.001) : c.label().contains("L2(0.01)") ? Double.valueOf(0.01) : null;
            for (CheckedLayer d : dense.subList(0, 3)) {
                Regularizer r = d.config().has("kernel_regularizer") ? d.config().regularizer("kernel_regularizer") : null;
                if (expected == null) assertNull(r, c.label() + " " + d.name());
                else assertEquals(new Regularizer(0, expected), r, c.label() + " " + d.name());
            }
            assertTrue(!dense.get(3).config().has("kernel_regularizer"), "the output layer is never penalised");
            boolean dropout = c.model().layers().stream().anyMatch(l -> l.kind() == LayerKind.DROPOUT);
            assertEquals(c.label().contains("Dropout"), dropout, c.label());
            boolean relu = c.model().layers().stream().anyMatch(l -> l.kind() == LayerKind.ACTIVATION && l.config().activation("activation").toString().equals("relu"));
            assertEquals(!c.label().contains("no ReLU"), relu, c.label());
        }
    }
}
