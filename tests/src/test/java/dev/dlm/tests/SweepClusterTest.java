package dev.dlm.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cell/collect contract of {@code dlmc sweep}, end to end on this machine: every cell run
 * on its own with {@code --cell K} into one sweep directory (as the pods of a Kubernetes
 * Indexed Job or the tasks of a Slurm array do), then {@code --collect}, gives the table of
 * one {@code dlmc sweep}, and the CSV and JSON too, but for the wall times. Slices of 200
 * samples, one thread, so both ways train bit for bit alike.
 */
class SweepClusterTest {

    static final String FILE = """
            let units = 8
            data mnist
            model mlp(input=[784]) { Dense(units, activation='relu'); Dropout(0.2); Dense(10, activation='softmax') }
            train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 2; batch_size = 32; seed = 5 }
            sweep {
                cell "8, Adam" { reference train.accuracy = 0.91, test.accuracy = 0.9 }
                cell "16, SGD" { units = 16; optimizer = sgd; reference test.accuracy = 0.85 }
                cell "12, RMSprop" { units = 12; optimizer = rmsprop; reference train.accuracy = 0.92, test.accuracy = 0.5 }
            }
            """;

    static final List<String> SLICE = List.of("--train-limit", "200", "--threads", "1");

    static DlmcRun dlmc(List<String> args) {
        return DlmcRun.of(args.toArray(String[]::new));
    }

    static List<String> args(Object... words) {
        List<String> out = new java.util.ArrayList<>();
        for (Object w : words) out.add(w.toString());
        return out;
    }

    @Test
    void everyCellRunAloneThenCollectedGivesTheTableOfOneSweep(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sweep.dlm");
        Files.writeString(file, FILE);
        Path whole = tmp.resolve("whole");
        Path cells = tmp.resolve("cells");

        List<String> one = args("sweep", file, "--sweep-dir", whole);
        one.addAll(SLICE);
        DlmcRun sweep = dlmc(one);
        assertEquals(0, sweep.exitCode(), sweep.transcript());

        for (int k = 0; k < 3; k++) {
            List<String> cell = args("sweep", file, "--cell", k, "--sweep-dir", cells);
            cell.addAll(SLICE);
            DlmcRun r = dlmc(cell);
            assertEquals(0, r.exitCode(), r.transcript());
        }
        DlmcRun collect = dlmc(args("sweep", file, "--collect", cells));
        assertEquals(0, collect.exitCode(), collect.transcript());
        assertTrue(collect.err().contains("Wrote 5 files to"), collect.transcript());

        String table = withoutSeconds(Files.readString(whole.resolve("results.md")));
        assertEquals(table, withoutSeconds(Files.readString(cells.resolve("results.md"))));
        assertEquals(table, withoutSeconds(collect.out()), "--collect prints the table it wrote");
        assertTrue(table.contains("| 0 | 8, Adam | "), table);
        assertTrue(table.contains("3 of 3 cells completed"), table);
        assertEquals(csvWithoutSeconds(Files.readString(whole.resolve("results.csv"))),
                csvWithoutSeconds(Files.readString(cells.resolve("results.csv"))));
        assertEquals(jsonWithoutSeconds(Files.readString(whole.resolve("results.json"))),
                jsonWithoutSeconds(Files.readString(cells.resolve("results.json"))));
        for (String svg : List.of("accuracy.svg", "curves.svg")) {
            assertEquals(Files.readString(whole.resolve(svg)), Files.readString(cells.resolve(svg)), svg);
        }
    }

    @Test
    void collectingADirectoryWithMissingCellsNamesThemAndWritesAPartialTableWhenAsked(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sweep.dlm");
        Files.writeString(file, FILE);
        Path dir = tmp.resolve("s");
        List<String> cell = args("sweep", file, "--cell", 1, "--sweep-dir", dir);
        cell.addAll(SLICE);
        assertEquals(0, dlmc(cell).exitCode());

        DlmcRun refused = dlmc(args("sweep", file, "--collect", dir));
        assertEquals(1, refused.exitCode(), refused.transcript());
        assertTrue(refused.err().startsWith("error[DLM1550]: 2 of 3 cells of `mlp` have not finished in `"), refused.transcript());
        assertTrue(refused.err().contains("  = note: no result yet: 0,2\n"), refused.transcript());
        assertTrue(!Files.exists(dir.resolve("results.md")), "nothing is written without --partial");

        DlmcRun partial = dlmc(args("sweep", file, "--collect", dir, "--partial"));
        assertEquals(0, partial.exitCode(), partial.transcript());
        assertTrue(partial.err().contains("warning: a partial table: 2 of 3 cells have not finished (0,2)"), partial.transcript());
        assertTrue(Files.readString(dir.resolve("results.md")).contains("1 of 3 cells completed; not finished: 0, 2;"));
    }

    @Test
    void emitPrintsAnIndexedJobAndASlurmArrayOverEveryCell(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sweep.dlm");
        Files.writeString(file, FILE);
        DlmcRun k8s = dlmc(args("sweep", file, "--emit", "kubernetes", "--image", "example.org/dlmc:1", "--parallelism", "2"));
        assertEquals(0, k8s.exitCode(), k8s.transcript());
        for (String line : List.of("kind: Job", "  completionMode: Indexed", "  completions: 3", "  parallelism: 2",
                "image: \"example.org/dlmc:1\"", "          - \"$(JOB_COMPLETION_INDEX)\"", "      claimName: dlm-results")) {
            assertTrue(k8s.out().lines().anyMatch(l -> l.strip().equals(line.strip())), line + "\n" + k8s.out());
        }
        DlmcRun slurm = dlmc(args("sweep", file, "--emit", "slurm", "--sweep-dir", "runs/mlp/shared"));
        assertEquals(0, slurm.exitCode(), slurm.transcript());
        assertTrue(slurm.out().contains("#SBATCH --array=0-2\n"), slurm.out());
        assertTrue(Pattern.compile("--cell \"\\$SLURM_ARRAY_TASK_ID\" --sweep-dir runs/mlp/shared").matcher(slurm.out()).find(), slurm.out());
    }

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sweep.dlm");
        Files.writeString(file, FILE);
        for (List<String> bad : List.of(args("sweep", file, "--collect", tmp, "--emit", "kubernetes"),
                args("sweep", file, "--image", "x"), args("sweep", file, "--partial"),
                args("sweep", file, "--emit", "slurm", "--pvc", "x"), args("sweep", file, "--emit", "kubernetes", "--parallelism", "0"),
                args("sweep", file, "--collect", tmp, "--cell", "0"))) {
            DlmcRun r = dlmc(bad);
            assertEquals(2, r.exitCode(), bad + "\n" + r.transcript());
        }
    }

    /** The table without its Seconds column and total time, the only things that differ between two runs. */
    static String withoutSeconds(String markdown) {
        StringBuilder sb = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("|")) line = line.replaceAll("\\| [^|]*\\|$", "|");
            sb.append(line.replaceAll("; [0-9]+ s of training in all\\.", "")).append('\n');
        }
        return sb.toString();
    }

    static String csvWithoutSeconds(String csv) {
        StringBuilder sb = new StringBuilder();
        for (String line : csv.split("\r\n")) sb.append(line.replaceAll(",[^,]*,([^,]*)$", ",$1")).append('\n');
        return sb.toString();
    }

    static String jsonWithoutSeconds(String json) {
        return json.replaceAll("\"seconds\": [0-9.eE+-]+", "\"seconds\": _");
    }
}
