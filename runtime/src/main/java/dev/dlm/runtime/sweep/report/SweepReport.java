package dev.dlm.runtime.sweep.report;

import dev.dlm.runtime.run.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A sweep's results as a table: its title (the book's table, such as "Table 1.3.2"), the
 * book's columns that describe a cell, one row per cell in the sweep's order, and the noise
 * band the differences are judged against. {@link #write(Path)} puts every output in the
 * sweep directory.
 */
public record SweepReport(String title, List<String> columns, List<ReportRow> rows, Noise noise) {

    /** The Markdown table, in the book's column layout. */
    public static final String MARKDOWN = "results.md";
    /** The same table as CSV, one row per cell, accuracies as unrounded fractions. */
    public static final String CSV = "results.csv";
    /** Everything the table shows, and the bindings and run directories, as JSON. */
    public static final String JSON = "results.json";
    /** Each cell's test accuracy against the book's. */
    public static final String ACCURACY_CHART = "accuracy.svg";
    /** The learning curves of every cell. */
    public static final String CURVES_CHART = "curves.svg";

    public SweepReport {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Writes the five outputs into {@code dir}, each atomically; returns their paths. */
    public List<Path> write(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        write(dir.resolve(MARKDOWN), markdown(), written);
        write(dir.resolve(CSV), CsvTable.render(this), written);
        write(dir.resolve(JSON), ReportJson.render(this), written);
        write(dir.resolve(ACCURACY_CHART), AccuracyChart.render(this), written);
        write(dir.resolve(CURVES_CHART), CurvesChart.render(this), written);
        return written;
    }

    private static void write(Path file, String text, List<Path> written) throws IOException {
        AtomicFiles.write(file, text);
        written.add(file);
    }

    /** The Markdown table, as {@link #MARKDOWN} holds it. */
    public String markdown() {
        return MarkdownTable.render(this);
    }

    /** Cells that completed. */
    public long completed() {
        return rows.stream().filter(ReportRow::completed).count();
    }

    /** Cells that have not finished: no result yet, or still running or interrupted. */
    public List<Integer> missing() {
        return rows.stream().filter(r -> !r.completed() && !r.failed()).map(ReportRow::cell).toList();
    }

    /** Cells that ran and failed. */
    public List<Integer> failed() {
        return rows.stream().filter(ReportRow::failed).map(ReportRow::cell).toList();
    }

    /** The wall time of every cell that recorded one, added up. */
    public double seconds() {
        return rows.stream().filter(r -> r.seconds() != null).mapToDouble(ReportRow::seconds).sum();
    }

    /** A cell's short name for legends and labels: its column values, or its bindings when the table has no columns. */
    /**
     * The measured values the rows hold besides the accuracies, by reference key: every
     * split's metrics in the order {@code train}, {@code val}, {@code test}, each by name; with
     * {@code beyondLoss}, only metrics other than accuracy and loss (those the train block
     * asked for), which the book's tables do not have.
     */
    List<String> metricKeys(boolean beyondLoss) {
        java.util.Set<String> keys = new java.util.TreeSet<>(java.util.Comparator
                .comparingInt((String k) -> dev.dlm.runtime.sweep.CellResult.SPLITS.indexOf(k.substring(0, Math.max(0, k.indexOf('.')))))
                .thenComparing(k -> k));
        for (ReportRow r : rows) {
            for (String key : r.metrics().keySet()) {
                String metric = key.substring(key.indexOf('.') + 1);
                if (key.equals("train.accuracy") || key.equals("test.accuracy")) continue;
                if (beyondLoss && (metric.equals("accuracy") || metric.equals("loss"))) continue;
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    static String label(ReportRow row) {
        String body = row.columns().isEmpty()
                ? row.bindings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                : String.join(", ", row.columns().values());
        return row.cell() + ": " + (body.isEmpty() ? "cell " + row.cell() : body);
    }

    /** A fraction as a percentage with two decimals ({@code 98.07%}), or an en dash when unknown. */
    static String percent(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** A difference of fractions in signed percentage points ({@code +0.12}, {@code −0.65}), or an en dash. */
    static String points(Double difference) {
        if (difference == null) return "–";
        String s = String.format(Locale.ROOT, "%+.2f", difference * 100);
        // A true minus sign reads better in a table; "-0.00" is shown as "+0.00".
        return s.equals("-0.00") ? "+0.00" : s.replace('-', '−');
    }
}
