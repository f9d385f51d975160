package dev.dlm.runtime.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellResultTest {

    static CellResult sample(int index, String status) {
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("units", "[256, 256, 256]");
        bindings.put("optimizer", "sgd");
        return new CellResult(index, "256-256-256 sgd", bindings, Map.of("test.accuracy", 0.981), 335_114, status, 42L, 20, 512,
                0.9731, 0.0912, 0.9807, 0.0701, 12.5,
                List.of(new CellResult.Epoch(1, 0.5, 0.85, null, null, 6.0), new CellResult.Epoch(2, 0.3, 0.9, 0.2, 0.93, 6.5)),
                SweepDirectory.cellName(index), "node-1", "2026-12-02T04:00:00Z", "2026-12-02T04:00:12Z", null, null);
    }

    @Test
    void aResultSurvivesItsFile(@TempDir Path dir) throws Exception {
        SweepDirectory sweep = new SweepDirectory(dir);
        CellResult r = sample(3, CellResult.COMPLETED);
        r.write(sweep.resultFile(3));
        assertEquals(r, sweep.result(3));
        assertEquals(List.of("units", "optimizer"), List.copyOf(sweep.result(3).bindings().keySet()));
        assertTrue(Files.readString(sweep.resultFile(3)).contains("\"test\": {"), () -> sweep.resultFile(3).toString());
        assertEquals(0.9807, r.measured("test.accuracy"));
        assertNull(sweep.result(4));
    }

    @Test
    void everyMetricSurvivesItsFileByItsReferenceKey(@TempDir Path dir) throws Exception {
        CellResult plain = sample(1, CellResult.COMPLETED);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train.auc", 0.91);
        metrics.put("val.loss", 0.3);
        metrics.put("val.auc", 0.88);
        metrics.put("test.auc", 0.93);
        metrics.put("test.dense_1_accuracy", 0.7);
        metrics.put("test.loss", 0.0701);  // the field's: not kept twice
        CellResult r = new CellResult(plain.index(), plain.label(), plain.bindings(), plain.references(), plain.params(), plain.status(),
                plain.seed(), plain.epochs(), plain.trainLimit(), plain.trainAccuracy(), plain.trainLoss(), plain.testAccuracy(),
                plain.testLoss(), plain.seconds(), plain.history(), plain.runDir(), plain.host(), plain.started(), plain.finished(),
                null, null, metrics);
        assertEquals(List.of("train.auc", "val.loss", "val.auc", "test.auc", "test.dense_1_accuracy"), List.copyOf(r.metrics().keySet()));
        r.write(dir.resolve("cell.json"));
        String json = Files.readString(dir.resolve("cell.json"));
        var parsed = dev.dlm.compiler.keras.JsonReader.object(json);
        assertEquals(Map.of("loss", 0.3, "auc", 0.88), parsed.get("val"), json);
        assertEquals(0.93, ((Map<?, ?>) parsed.get("test")).get("auc"), json);
        CellResult back = CellResult.read(dir.resolve("cell.json"));
        assertEquals(r, back);
        assertEquals(0.93, back.measured("test.auc"));
        assertEquals(0.3, back.measured("val.loss"));
        assertEquals(0.91, back.measured("train.auc"));
        assertEquals(0.9807, back.measured("test.accuracy"));
        assertNull(back.measured("val.precision"));
        CellResult failed = back.withStatus(CellResult.FAILED, "x", null, null);
        assertEquals(back.metrics(), failed.metrics());
    }

    @Test
    void aModelWithSeveralOutputsHasNoModelWideAccuracyInItsCurve(@TempDir Path dir) throws Exception {
        CellResult plain = sample(1, CellResult.COMPLETED);
        CellResult r = new CellResult(plain.index(), plain.label(), plain.bindings(), plain.references(), plain.params(), plain.status(),
                plain.seed(), plain.epochs(), plain.trainLimit(), null, 0.5, null, 0.6, plain.seconds(),
                List.of(new CellResult.Epoch(1, 0.5, Double.NaN, null, null, 6.0)), plain.runDir(), plain.host(), plain.started(),
                plain.finished(), null, null, Map.of("test.digit_accuracy", 0.8));
        r.write(dir.resolve("cell.json"));
        CellResult back = CellResult.read(dir.resolve("cell.json"));
        assertTrue(Double.isNaN(back.history().get(0).accuracy()), "written as null, read as NaN");
        assertEquals(0.8, back.measured("test.digit_accuracy"));
    }

    @Test
    void resultsAreListedByIndex(@TempDir Path dir) throws Exception {
        SweepDirectory sweep = new SweepDirectory(dir);
        for (int i : new int[]{12, 2, 1000}) sample(i, CellResult.COMPLETED).write(sweep.resultFile(i));
        Files.createDirectories(sweep.cellDir(5));  // a cell that has started but written nothing yet
        assertEquals(List.of(2, 12, 1000), sweep.results().stream().map(CellResult::index).toList());
        assertEquals("cell-1000", SweepDirectory.cellName(1000));
    }

    @Test
    void aFailedCellKeepsItsError(@TempDir Path dir) throws Exception {
        CellResult failed = sample(0, CellResult.RUNNING).withStatus(CellResult.FAILED, "loss is NaN", "DLM0801", "2026-12-02T05:00:00Z");
        failed.write(dir.resolve("c.json"));
        CellResult back = CellResult.read(dir.resolve("c.json"));
        assertTrue(back.failed());
        assertEquals("DLM0801", back.errorCode());
        assertEquals("loss is NaN", back.error());
    }

    @Test
    void aFailedCellBecomesADiagnosticAtTheSweepsModel(@TempDir Path dir) {
        var planned = dev.dlm.compiler.sweep.SweepPlanner.plan(new dev.dlm.compiler.source.SourceFile("t.dlm", """
                let units = 16
                data mnist
                model m(input=[784]) {
                    Dense(units)
                    Dense(10, activation=softmax)
                }
                train { loss = categorical_crossentropy }
                sweep { units in [16, 32] }
                """), null);
        SweepDirectory sweep = new SweepDirectory(dir);
        CellResult failed = sample(1, CellResult.RUNNING).withStatus(CellResult.FAILED, "loss is NaN", "DLM0801", "2026-12-02T05:00:00Z");
        var d = failed.failure(planned.plan(), sweep);
        assertEquals(dev.dlm.compiler.diag.Code.DLM1501, d.code());
        assertEquals(planned.plan().cell(1).model().span(), d.span());
        assertTrue(d.notes().contains("DLM0801: loss is NaN"), d.notes()::toString);
        assertTrue(d.notes().contains("its run directory: " + sweep.cellDir(1)), d.notes()::toString);
        assertTrue(d.help().contains("dlmc explain DLM0801"), d::help);
        assertNull(sample(1, CellResult.COMPLETED).failure(planned.plan(), sweep));
    }

    @Test
    void aMalformedFileIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.json"), "{\"index\": 1}");
        assertThrows(IllegalArgumentException.class, () -> CellResult.read(dir.resolve("c.json")));
    }
}
