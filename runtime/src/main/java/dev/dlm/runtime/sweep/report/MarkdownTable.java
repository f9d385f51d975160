package dev.dlm.runtime.sweep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as a Markdown table in the book's column layout: the book's columns that describe
 * a cell ({@code Layers | Regularizer | Optimizer | ReLU}), then train and test accuracy, each
 * as the book's value, dlm's and the difference in percentage points, marked {@code *} when it
 * lies outside the noise band; then, when the cells measured metrics other than accuracy and
 * loss (the train block's {@code auc}, {@code precision}...), dlm's value of each. A footnote
 * says what the band is and where it comes from, and which cells failed or have not finished.
 */
final class MarkdownTable {
    private MarkdownTable() {}

    static final String MARK = " *";

    static String render(SweepReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(escape(report.title())).append("\n\n");
        List<String> header = new ArrayList<>();
        header.add("Cell");
        header.addAll(report.columns());
        header.addAll(List.of("Train accuracy (book)", "Train accuracy (dlm)", "Δ train (pp)",
                "Test accuracy (book)", "Test accuracy (dlm)", "Δ test (pp)"));
        List<String> metrics = report.metricKeys(true);
        for (String key : metrics) header.add(metricHeader(key));
        header.add("Seconds");
        row(sb, header.stream().map(MarkdownTable::escape).toList());
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) rule.add(i <= report.columns().size() && i > 0 ? "---" : "---:");
        row(sb, rule);
        boolean marked = false;
        for (ReportRow r : report.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(r.cell()));
            for (String column : report.columns()) cells.add(escape(r.columns().getOrDefault(column, "")));
            cells.add(SweepReport.percent(r.bookTrain()));
            cells.add(r.completed() ? SweepReport.percent(r.train()) : r.status());
            cells.add(difference(r.trainDifference(), report.noise()));
            cells.add(SweepReport.percent(r.bookTest()));
            cells.add(r.completed() ? SweepReport.percent(r.test()) : r.status());
            cells.add(difference(r.testDifference(), report.noise()));
            for (String key : metrics) {
                Double v = r.completed() ? r.metrics().get(key) : null;
                cells.add(v == null ? "–" : String.format(java.util.Locale.ROOT, "%.4f", v));
            }
            cells.add(r.seconds() == null ? "–" : String.format(java.util.Locale.ROOT, "%.0f", r.seconds()));
            marked |= cells.stream().anyMatch(c -> c.endsWith(MARK));
            row(sb, cells);
        }
        sb.append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "Noise band: ±%.2f pp (%s).", report.noise().band() * 100,
                report.noise().source()));
        if (marked) sb.append(" `*`: the difference lies outside it.");
        sb.append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "\n%d of %d cells completed", report.completed(), report.rows().size()));
        if (!report.failed().isEmpty()) sb.append("; failed: ").append(list(report.failed()));
        if (!report.missing().isEmpty()) sb.append("; not finished: ").append(list(report.missing()));
        sb.append(String.format(java.util.Locale.ROOT, "; %.0f s of training in all.\n", report.seconds()));
        return sb.toString();
    }

    /** {@code test.auc} -> {@code Test auc (dlm)}. */
    private static String metricHeader(String key) {
        int dot = key.indexOf('.');
        return Character.toUpperCase(key.charAt(0)) + key.substring(1, dot) + " " + key.substring(dot + 1) + " (dlm)";
    }

    private static String difference(Double d, Noise noise) {
        return d == null ? "–" : SweepReport.points(d) + (noise.outside(d) ? MARK : "");
    }

    private static String list(List<Integer> cells) {
        return String.join(", ", cells.stream().map(String::valueOf).toList());
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** A value that cannot break the table: pipes escaped, line breaks as spaces. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
