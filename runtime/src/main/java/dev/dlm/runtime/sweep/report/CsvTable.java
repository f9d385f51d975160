package dev.dlm.runtime.sweep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break
 * quoted): one row per cell, the book's columns by their names, then the status and the
 * accuracies as unrounded fractions, so a spreadsheet or pandas reads the numbers exactly,
 * then every other value a cell measured ({@code train_loss}, {@code val_auc},
 * {@code test_auc}...: the reference key with an underscore; blank where it has none), the
 * seconds and the run directory.
 */
final class CsvTable {
    private CsvTable() {}

    static String render(SweepReport report) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("cell");
        header.addAll(report.columns());
        header.addAll(List.of("status", "book_train_accuracy", "train_accuracy", "train_difference",
                "book_test_accuracy", "test_accuracy", "test_difference", "outside_noise"));
        List<String> metrics = report.metricKeys(false);
        for (String key : metrics) header.add(key.replace('.', '_'));
        header.addAll(List.of("seconds", "run_dir"));
        line(sb, header);
        for (ReportRow r : report.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(r.cell()));
            for (String column : report.columns()) cells.add(r.columns().getOrDefault(column, ""));
            cells.add(r.status());
            cells.add(number(r.bookTrain()));
            cells.add(number(r.completed() ? r.train() : null));
            cells.add(number(r.trainDifference()));
            cells.add(number(r.bookTest()));
            cells.add(number(r.completed() ? r.test() : null));
            cells.add(number(r.testDifference()));
            cells.add(r.testDifference() == null ? "" : String.valueOf(report.noise().outside(r.testDifference())));
            for (String key : metrics) cells.add(number(r.completed() ? r.metrics().get(key) : null));
            cells.add(number(r.seconds()));
            cells.add(r.runDir() == null ? "" : r.runDir());
            line(sb, cells);
        }
        return sb.toString();
    }

    private static String number(Double d) {
        return d == null ? "" : String.valueOf(d);
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(field(fields.get(i)));
        }
        sb.append("\r\n");
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
