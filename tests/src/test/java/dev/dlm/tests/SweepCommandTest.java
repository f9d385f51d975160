package dev.dlm.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc sweep} end to end, in-process: the dry run of a book table, one cell at a
 * time, a failing cell and the exit status that counts failures, resuming a sweep directory,
 * and the sweep's usage errors. Trains only the 24 samples of docs/errors/examples/iris.csv.
 */
class SweepCommandTest {

    static final Path DIVERGES = Repo.ROOT.resolve("docs/errors/examples/iris-sweep-diverges.dlm");

    @Test
    void aDryRunListsTheCellsWithTheirParametersAndTrainsNothing(@TempDir Path tmp) {
        DlmcRun run = DlmcRun.of("sweep", Repo.MODELS.resolve("tables/mlp-table.dlm").toString(), "--dry-run",
                "--sweep-dir", tmp.resolve("s").toString());
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("1024-1024-1024, Dropout(0.4), SGD"), run.out());
        assertTrue(run.out().contains("2,913,290"), run.out());
        assertTrue(run.out().startsWith("cell  label"), run.out());
        assertTrue(run.out().contains("18 cells; about "), run.out());
        assertFalse(Files.exists(tmp.resolve("s")), "a dry run writes nothing");
    }

    @Test
    void moreThreadsThanCoresIsTheSameWarningAsInRun(@TempDir Path tmp) {
        // run and sweep share TrainingOptions: both lower --threads to the cores and say so
        DlmcRun run = DlmcRun.of("sweep", Repo.MODELS.resolve("tables/rnn-table.dlm").toString(), "--dry-run",
                "--threads", "100000", "--sweep-dir", tmp.resolve("s").toString());
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("warning[DLM0802]: --threads 100000 is more than the "), run.err());
        assertTrue(run.err().contains(" processors available; using "), run.err());
    }

    @Test
    void cellsRunAloneAFailureIsCountedAndASecondRunSkipsWhatCompleted(@TempDir Path tmp) throws Exception {
        String dir = tmp.resolve("sweep").toString();
        DlmcRun failing = DlmcRun.of("sweep", DIVERGES.toString(), "--seed", "3", "--sweep-dir", dir, "--cell", "1");
        assertEquals(1, failing.exitCode(), "one failed cell: " + failing.transcript());
        assertTrue(failing.err().contains("error[DLM1501]: sweep cell 1 (too fast) failed"), failing.err());
        assertTrue(failing.err().contains("= note: DLM0801: the loss became"), failing.err());
        assertFalse(Files.exists(tmp.resolve("sweep/cell-000")), "--cell 1 runs cell 1 only");

        DlmcRun steady = DlmcRun.of("sweep", DIVERGES.toString(), "--seed", "3", "--sweep-dir", dir, "--cells", "0");
        assertEquals(0, steady.exitCode(), steady.transcript());
        String json = Files.readString(tmp.resolve("sweep/cell-000/cell.json"));
        assertTrue(json.contains("\"status\": \"completed\""), json);
        assertTrue(json.contains("\"seed\": 3"), json);

        DlmcRun all = DlmcRun.of("sweep", DIVERGES.toString(), "--sweep-dir", dir);
        assertEquals(1, all.exitCode(), all.transcript());
        assertTrue(all.out().contains("0 completed, 1 skipped (done before), 1 failed, 0 interrupted"), all.out());
        assertTrue(all.out().contains("Sweep directory: "), all.out());
    }

    @Test
    void everyExpectationOnACellsMetricsIsChecked(@TempDir Path tmp) throws Exception {
        Files.copy(Repo.ROOT.resolve("docs/errors/examples/iris.csv"), tmp.resolve("iris.csv"));
        Path file = Files.writeString(tmp.resolve("iris-metrics.dlm"), """
                data csv("iris.csv", label="species", shape=[4], classes=3)
                model iris { Dense(8, activation=relu); Dense(3, activation=softmax) }
                train { loss = categorical_crossentropy; optimizer = sgd(learning_rate=0.1); metrics = [accuracy, mae]
                        epochs = 5; batch_size = 8; seed = 3; validation_split = 0.25 }
                sweep { cell "steady" { optimizer = sgd(learning_rate=0.1) } }
                expect test.mae < 1
                expect val.loss < 100
                expect test.mae > 5
                """);
        DlmcRun run = DlmcRun.of("sweep", file.toString(), "--sweep-dir", tmp.resolve("s").toString());
        assertEquals(1, run.exitCode(), "one expectation fails: " + run.transcript());
        assertTrue(run.err().contains("error[DLM0501]: expectation failed in sweep cell 0 (steady): `test.mae` is "), run.err());
        assertFalse(run.err().contains("was not checked"), "test.mae and val.loss are recorded: " + run.err());
        assertEquals(1, run.err().split("error\\[DLM0501]").length - 1, run.err());
        assertTrue(Files.readString(tmp.resolve("s/results.md")).contains("| Test mae (dlm) |"));
        // The terminal's table shows the test split's metrics beyond accuracy and loss too.
        String header = run.out().lines().filter(l -> l.startsWith("cell") && l.contains("status")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
        assertEquals(List.of("cell", "label", "status", "train", "acc", "test", "acc", "test", "mae", "book", "test", "diff", "time"),
                List.of(header.trim().split("\\s+")), run.out());
        String row = run.out().lines().filter(l -> l.startsWith("0 ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
        assertTrue(row.matches("0\\s+steady\\s+completed\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+\\d\\.\\d{4}\\s+.*"), row);
    }

    @Test
    void usageAndPlanProblems() {
        DlmcRun noSweep = DlmcRun.of("sweep", Repo.ROOT.resolve("docs/errors/examples/iris.dlm").toString());
        assertEquals(1, noSweep.exitCode(), noSweep.transcript());
        assertTrue(noSweep.err().contains("error[DLM1503]"), noSweep.err());
        DlmcRun noCell = DlmcRun.of("sweep", DIVERGES.toString(), "--cell", "5");
        assertEquals(1, noCell.exitCode(), noCell.transcript());
        assertTrue(noCell.err().contains("error[DLM1502]: cell 5 does not exist: this sweep has 2 cells, 0 to 1"), noCell.err());
        assertEquals(2, DlmcRun.of("sweep", DIVERGES.toString(), "--cell", "0", "--cells", "0").exitCode());
        assertEquals(2, DlmcRun.of("sweep", DIVERGES.toString(), "--jobs", "0").exitCode());
        DlmcRun badList = DlmcRun.of("sweep", DIVERGES.toString(), "--cells", "1-0");
        assertEquals(1, badList.exitCode(), badList.transcript());
        assertTrue(badList.err().contains("runs backwards"), badList.err());
    }
}
