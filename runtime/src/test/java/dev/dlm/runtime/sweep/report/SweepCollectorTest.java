package dev.dlm.runtime.sweep.report;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.sweep.CellResult;
import dev.dlm.runtime.sweep.SweepDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collecting a sweep directory's cell results into the report: the book's references from
 * the file, dlm's numbers from each {@code cell.json}, curves from each run's
 * {@code history.csv}; cells not finished named (DLM1550) unless a partial table is asked
 * for; unreadable results (DLM1551) and results of another sweep (DLM1552) refused.
 */
class SweepCollectorTest {

    static final String TEXT = """
            let dropout = 0.45
            let relu = true
            data mnist
            model mlp(input=[784]) {
                Dense(16)
                Activation('relu') if relu
                Dropout(dropout) if dropout > 0
                Dense(10, activation=softmax)
            }
            train { loss = categorical_crossentropy; optimizer = sgd; metrics = [accuracy] }
            sweep {
                cell "16, None, SGD, no ReLU" { relu = false; dropout = 0
                                                reference train.accuracy = 0.9365, test.accuracy = 0.925 }
                cell "16, Dropout(0.45), SGD" { reference train.accuracy = 0.9807, test.accuracy = 0.981 }
                cell "16, Dropout(0.2), Adam" { dropout = 0.2; optimizer = adam; reference test.accuracy = 0.983 }
            }
            """;

    static SweepPlan plan() {
        var planned = SweepPlanner.plan(new SourceFile("tables.dlm", TEXT), Path.of("models/tables.dlm"));
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        return planned.plan();
    }

    static void result(Path sweepDir, SweepCell cell, String status, Double train, Double test) throws Exception {
        SweepDirectory dir = new SweepDirectory(sweepDir);
        Files.createDirectories(dir.cellDir(cell.index()));
        new CellResult(cell.index(), cell.label(), cell.bindings(), cell.references(), cell.params(), status, 1L, 2, 500,
                train, 0.3, test, 0.31, 10.0 + cell.index(),
                List.of(new CellResult.Epoch(0, 0.5, 0.85, null, null, 5), new CellResult.Epoch(1, 0.3, train == null ? 0.9 : train, null, null, 5)),
                SweepDirectory.cellName(cell.index()), "node-" + cell.index(), "2026-12-02T05:00:00Z", "2026-12-02T05:00:10Z",
                CellResult.FAILED.equals(status) ? "loss became NaN" : null, null).write(dir.resultFile(cell.index()));
    }

    @Test
    void everyCellsResultMeetsTheBooksReferencesInTheTable(@TempDir Path dir) throws Exception {
        SweepPlan plan = plan();
        result(dir, plan.cell(0), CellResult.COMPLETED, 0.9371, 0.9262);
        result(dir, plan.cell(1), CellResult.COMPLETED, 0.9790, 0.9741);
        result(dir, plan.cell(2), CellResult.FAILED, null, null);
        // Cell 1's run logged validation too: the curve comes from the run directory's history.csv.
        Files.writeString(dir.resolve("cell-001/history.csv"), "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.8,0.6,0.82,0.5\n1,0.979,0.1,0.97,0.12\n");

        var collected = SweepCollector.collect(plan, dir, false);
        assertEquals(List.of(), collected.unfinished());
        assertEquals(5, collected.written().size());
        SweepReport report = collected.report();
        assertEquals("mlp sweep (tables.dlm)", report.title());
        assertEquals(List.of("Configuration"), report.columns(), "every cell is labelled: the label is the row");
        assertEquals(List.of(new EpochPoint(0, 0.8, 0.82), new EpochPoint(1, 0.979, 0.97)), report.rows().get(1).curve());
        assertEquals(List.of(new EpochPoint(0, 0.85, null), new EpochPoint(1, 0.9371, null)), report.rows().get(0).curve(),
                "without history.csv, the cell result's own curve");

        List<String> md = Files.readAllLines(dir.resolve(SweepReport.MARKDOWN));
        assertEquals("| Cell | Configuration | Train accuracy (book) | Train accuracy (dlm) | Δ train (pp) "
                + "| Test accuracy (book) | Test accuracy (dlm) | Δ test (pp) | Seconds |", md.get(2));
        assertEquals("| 0 | 16, None, SGD, no ReLU | 93.65% | 93.71% | +0.06 | 92.50% | 92.62% | +0.12 | 10 |", md.get(4));
        assertEquals("| 2 | 16, Dropout(0.2), Adam | – | failed | – | 98.30% | failed | – | 12 |", md.get(6));
        assertTrue(md.contains("2 of 3 cells completed; failed: 2; 33 s of training in all."), md.toString());
    }

    @Test
    void unfinishedCellsAreNamedWithTheCommandThatRunsThemAndNothingIsWritten(@TempDir Path dir) throws Exception {
        SweepPlan plan = plan();
        result(dir, plan.cell(1), CellResult.RUNNING, null, null);
        RunException e = assertThrows(RunException.class, () -> SweepCollector.collect(plan, dir, false));
        assertEquals(Code.DLM1550, e.code());
        assertEquals("3 of 3 cells of `mlp` have not finished in `" + dir + "`", e.getMessage());
        assertEquals(List.of("no result yet: 0,2", "running or interrupted: 1"), e.notes());
        assertTrue(e.help().contains("dlmc sweep models/tables.dlm --cells 0-2 --sweep-dir " + dir), e.help());
        assertFalse(Files.exists(dir.resolve(SweepReport.MARKDOWN)));

        var partial = SweepCollector.collect(plan, dir, true);
        assertEquals(List.of(0, 1, 2), partial.unfinished());
        String md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("| 1 | 16, Dropout(0.45), SGD | 98.07% | running |"), md);
        assertTrue(md.contains("0 of 3 cells completed; not finished: 0, 1, 2;"), md);
    }

    @Test
    void aResultOfAnotherSweepIsRefused(@TempDir Path dir) throws Exception {
        SweepPlan plan = plan();
        SweepCell other = new SweepCell(0, "x", Map.of("dropout", "0.6"), Map.of(), plan.cell(0).model());
        result(dir, other, CellResult.COMPLETED, 0.9, 0.9);
        RunException e = assertThrows(RunException.class, () -> SweepCollector.collect(plan, dir, true));
        assertEquals(Code.DLM1552, e.code());
        assertEquals(List.of("the sweep's cell 0 binds relu = false, dropout = 0", "the result's cell binds dropout = 0.6"), e.notes());

        Path stray = Files.createTempDirectory(dir.getParent(), "stray");
        result(stray, new SweepCell(7, "y", Map.of(), Map.of(), plan.cell(0).model()), CellResult.COMPLETED, 0.9, 0.9);
        RunException s = assertThrows(RunException.class, () -> SweepCollector.collect(plan, stray, true));
        assertEquals(Code.DLM1552, s.code());
        assertTrue(s.getMessage().endsWith("is the result of cell 7, but this sweep has cells 0 to 2"), s.getMessage());
    }

    @Test
    void anUnreadableResultNamesItsFile(@TempDir Path dir) throws Exception {
        SweepPlan plan = plan();
        Files.createDirectories(dir.resolve("cell-000"));
        Files.writeString(dir.resolve("cell-000/cell.json"), "{\"index\": 0, \"status\": ");
        RunException e = assertThrows(RunException.class, () -> SweepCollector.collect(plan, dir, true));
        assertEquals(Code.DLM1551, e.code());
        assertTrue(e.getMessage().contains("cell-000"), e.getMessage());
    }

    @Test
    void aGridsColumnsAreItsAxes() {
        var planned = SweepPlanner.plan(new SourceFile("grid.dlm", TEXT.substring(0, TEXT.indexOf("sweep {"))
                + "sweep { cell \"no ReLU\" { relu = false }; optimizer in [sgd, adam] }\n"), null);
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        assertEquals(List.of("Configuration"), SweepCollector.columns(planned.plan()));
        var grid = SweepPlanner.plan(new SourceFile("grid.dlm", TEXT.substring(0, TEXT.indexOf("sweep {"))
                + "sweep { dropout in [0.2, 0.4]; optimizer in [sgd, adam] }\n"), null);
        assertEquals(List.of("dropout", "optimizer"), SweepCollector.columns(grid.plan()));
        assertEquals("mlp sweep", SweepCollector.title(grid.plan()));
    }

    @Test
    void cellListsAreWrittenAsRanges() {
        assertEquals("0,3,5-7", SweepCollector.ranges(List.of(0, 3, 5, 6, 7)));
        assertEquals("", SweepCollector.ranges(List.of()));
        assertEquals("256-256-256", SweepCollector.display("\"256-256-256\""));
        assertEquals("'", SweepCollector.display("'"));
    }
}
