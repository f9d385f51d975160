package dev.dlm.runtime.sweep;

import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepProgressTest {

    @Test
    void theLineCountsCellsKeepsTheBestAndForecastsFromTheWorkDone() {
        var planned = SweepPlanner.plan(new SourceFile("s.dlm", SweepRunnerTest.BASE + "sweep { units in [8, 16, 32] }"), null);
        SweepPlan plan = planned.plan();
        long[] now = {0};
        List<String> events = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        SweepProgress p = new SweepProgress(lines::add, events::add, () -> now[0]);
        p.costs(Map.of(0, 1.0, 1, 1.0, 2, 2.0));
        p.started(new SweepDirectory(Path.of("runs/mlp/sweep-x")), 3, 0);
        assertEquals("sweep 0/3 done", p.text());
        p.cellStarted(plan.cell(0), Path.of("c0"), false);
        now[0] = 10_000_000_000L;  // 10 s: half of cell 0
        p.cellStep(plan.cell(0), 1, 2, 10, 10);
        // 0.5 units of work in 10 s; 3.5 units left -> 70 s.
        assertEquals("sweep 0/3 done · 1 running · ETA 1m 10s", p.text());
        CellResult ok = CellResultTest.sample(0, CellResult.COMPLETED);
        p.cellFinished(plan.cell(0), ok);
        assertEquals("sweep 1/3 done · best test 0.9807 (cell 0)", p.text().replaceAll(" · ETA.*", ""));
        p.cellStarted(plan.cell(1), Path.of("c1"), true);
        p.cellFinished(plan.cell(1), ok.withStatus(CellResult.FAILED, "the loss became NaN", "DLM0801", null));
        assertTrue(p.text().startsWith("sweep 1/3 done (1 failed)"), p.text());
        assertTrue(events.get(0).startsWith("Sweep directory: runs/mlp/sweep-x (3 cells)"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("cell 1 (units=16): resuming c1")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.equals("cell 1 (units=16) failed: the loss became NaN")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("test accuracy 0.9807 (book 0.9810)")), events.toString());
        assertEquals(lines.get(lines.size() - 1), p.text());
        assertEquals("1h 20m", SweepProgress.human(Duration.ofMinutes(80)));
        assertEquals("3m 05s", SweepProgress.human(Duration.ofSeconds(185)));
    }
}
