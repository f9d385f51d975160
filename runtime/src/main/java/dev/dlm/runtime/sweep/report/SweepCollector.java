package dev.dlm.runtime.sweep.report;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.sweep.CellResult;
import dev.dlm.runtime.sweep.SweepDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Merges the results of a sweep's cells into its report: reads every cell's
 * {@code cell-NNN/cell.json} from the sweep directory (written there by one {@code dlmc sweep}
 * or by cells run separately with {@code --cell K}, on any machine that shares the folder),
 * checks each belongs to this sweep, sets dlm's numbers beside the book's references, reads
 * each cell's learning curve from its run directory, and writes the table and charts into
 * the sweep directory.
 */
public final class SweepCollector {
    private SweepCollector() {}

    /** The column that shows an explicit cell's label (the book's row, such as "256-256-256, Dropout(0.45), SGD"). */
    public static final String LABEL_COLUMN = "Configuration";

    /** The report written and the cells it still lacks (empty when complete). */
    public record Collected(SweepReport report, List<Path> written, List<Integer> unfinished) {}

    /**
     * Collects the results in {@code sweepDir} and writes the report there.
     *
     * @param partial write the report even when cells have not finished; else that is DLM1550
     *                and nothing is written
     */
    public static Collected collect(SweepPlan plan, Path sweepDir, boolean partial) throws IOException, RunException {
        SweepReport report = report(plan, sweepDir);
        List<Integer> unfinished = report.missing();
        if (!unfinished.isEmpty() && !partial) throw incomplete(plan, sweepDir, report);
        return new Collected(report, report.write(sweepDir), unfinished);
    }

    /** The report of the results in {@code sweepDir}, without writing it. */
    public static SweepReport report(SweepPlan plan, Path sweepDir) throws IOException, RunException {
        SweepDirectory dir = new SweepDirectory(sweepDir);
        strays(plan, dir);
        List<String> columns = columns(plan);
        boolean labelled = columns.contains(LABEL_COLUMN);
        List<ReportRow> rows = new ArrayList<>();
        for (SweepCell cell : plan.cells()) {
            CellResult result = read(dir, cell.index());
            if (result != null && !result.bindings().equals(cell.bindings())) {
                throw new RunException(Code.DLM1552, "`" + dir.resultFile(cell.index()) + "` is not the result of cell "
                        + cell.index() + " of this sweep",
                        List.of("the sweep's cell " + cell.index() + " binds " + show(cell.bindings()),
                                "the result's cell binds " + show(result.bindings())),
                        "the file changed since the cells ran, or the folder holds another sweep: collect from the folder "
                                + "its cells ran into, or run the cells again into a new --sweep-dir");
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (labelled) values.put(LABEL_COLUMN, cell.label());
            cell.bindings().forEach((k, v) -> values.put(k, display(v)));
            List<EpochPoint> curve = LearningCurve.read(dir.cellDir(cell.index()));
            if (curve.isEmpty() && result != null) curve = curve(result);
            rows.add(new ReportRow(cell.index(), values, cell.bindings(),
                    cell.references().get("train.accuracy"), cell.references().get("test.accuracy"),
                    result == null ? null : result.trainAccuracy(), result == null ? null : result.testAccuracy(),
                    result == null ? null : result.seconds(), result == null ? ReportRow.MISSING : result.status(),
                    SweepDirectory.cellName(cell.index()), curve, result == null ? Map.of() : measured(result)));
        }
        return new SweepReport(title(plan), columns, rows, Noise.of(rows));
    }

    /** Every value {@code result} measured, by reference key (those it did not measure left out). */
    private static Map<String, Double> measured(CellResult result) {
        Map<String, Double> out = new LinkedHashMap<>();
        result.measured().forEach((k, v) -> { if (v != null) out.put(k, v); });
        return out;
    }

    /** "mlp sweep (mlp.dlm)": the model and the file it came from. */
    static String title(SweepPlan plan) {
        return plan.modelName() + " sweep" + (plan.file() == null ? "" : " (" + plan.file().getFileName() + ")");
    }

    /**
     * The table's columns: when every cell has an explicit label (the book's row, such as
     * "256-256-256, Dropout(0.45), SGD"), that label alone, since a cell binds only what differs
     * from the file and most binding columns would be blank; otherwise the label when any cell
     * has one, then every binding's name in order of first appearance (a grid binds every axis
     * in every cell).
     */
    static List<String> columns(SweepPlan plan) {
        if (plan.cells().stream().allMatch(c -> !c.label().equals(derivedLabel(c)))) return List.of(LABEL_COLUMN);
        List<String> columns = new ArrayList<>();
        for (SweepCell cell : plan.cells()) {
            if (!cell.label().equals(derivedLabel(cell)) && !columns.contains(LABEL_COLUMN)) columns.add(0, LABEL_COLUMN);
            for (String name : cell.bindings().keySet()) if (!columns.contains(name)) columns.add(name);
        }
        return columns;
    }

    /** The label a cell gets when the file names it not: its bindings, {@code dropout=0.4, optimizer=sgd}. */
    private static String derivedLabel(SweepCell cell) {
        return cell.bindings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A binding's value for a table: a quoted string without its quotes. */
    static String display(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static CellResult read(SweepDirectory dir, int index) throws RunException {
        try {
            return dir.result(index);
        } catch (IOException | IllegalArgumentException e) {
            throw new RunException(Code.DLM1551, "cannot read the result of cell " + index + ", `" + dir.resultFile(index) + "`: "
                    + e.getMessage(), List.of(),
                    "run the cell again (`--cell " + index + "` resumes it from its last checkpoint and rewrites the result)");
        }
    }

    /** A result for a cell the sweep does not have: the folder belongs to another sweep (DLM1552). */
    private static void strays(SweepPlan plan, SweepDirectory dir) throws IOException, RunException {
        if (!Files.isDirectory(dir.dir())) return;
        try (Stream<Path> s = Files.list(dir.dir())) {
            for (Path p : s.sorted().toList()) {
                Matcher m = CELL_DIR.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.exists(p.resolve(CellResult.FILE))) continue;
                long index = Long.parseLong(m.group(1));
                if (index >= plan.size()) {
                    throw new RunException(Code.DLM1552, "`" + p.resolve(CellResult.FILE) + "` is the result of cell " + index
                            + ", but this sweep has cells 0 to " + (plan.size() - 1),
                            List.of("the folder holds another sweep, or the file lost cells since they ran"),
                            "collect from the folder the file's cells ran into, or run them again into a new --sweep-dir");
                }
            }
        }
    }

    private static final Pattern CELL_DIR = Pattern.compile("cell-(\\d{3,18})");

    private static RunException incomplete(SweepPlan plan, Path sweepDir, SweepReport report) {
        List<Integer> unfinished = report.missing();
        List<String> notes = new ArrayList<>();
        List<Integer> none = report.rows().stream().filter(r -> ReportRow.MISSING.equals(r.status())).map(ReportRow::cell).toList();
        if (!none.isEmpty()) notes.add("no result yet: " + ranges(none));
        List<Integer> running = report.rows().stream().filter(r -> !r.completed() && !r.failed() && !ReportRow.MISSING.equals(r.status()))
                .map(ReportRow::cell).toList();
        if (!running.isEmpty()) notes.add("running or interrupted: " + ranges(running));
        String file = plan.file() == null ? "FILE" : plan.file().toString();
        return new RunException(Code.DLM1550, unfinished.size() + " of " + plan.size() + " cells of `" + plan.modelName()
                + "` have not finished in `" + sweepDir + "`", notes,
                "run them with `dlmc sweep " + file + " --cells " + ranges(unfinished) + " --sweep-dir " + sweepDir
                        + "` (or wait for them), or add --partial to write the table of the cells that have finished");
    }

    /** Cell numbers as the --cells option takes them: {@code 0,3,5-7}. */
    public static String ranges(List<Integer> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            int start = cells.get(i);
            int end = start;
            while (i + 1 < cells.size() && cells.get(i + 1) == end + 1) end = cells.get(++i);
            if (sb.length() > 0) sb.append(',');
            sb.append(start);
            if (end > start) sb.append('-').append(end);
        }
        return sb.toString();
    }

    private static List<EpochPoint> curve(CellResult result) {
        return result.history().stream().map(e -> new EpochPoint(e.epoch(), e.accuracy(), e.valAccuracy())).toList();
    }

    private static String show(Map<String, String> bindings) {
        return bindings.isEmpty() ? "nothing" : bindings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
