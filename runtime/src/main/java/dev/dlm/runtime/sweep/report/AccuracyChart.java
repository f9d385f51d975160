package dev.dlm.runtime.sweep.report;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.runtime.sweep.report.Svg.escape;
import static dev.dlm.runtime.sweep.report.Svg.num;

/**
 * Each cell's test accuracy against the book's, as a dot plot: one row per cell, the book's
 * value as a hollow dot inside its grey noise band, dlm's as a filled dot, so a dot outside
 * the band is a difference larger than another seed would give. The series are groups with
 * {@code data-series="book"} and {@code data-series="dlm"}, one circle per cell with a value.
 */
final class AccuracyChart {
    private AccuracyChart() {}

    private static final int WIDTH = 820;
    private static final int TOP = 44;
    private static final int ROW = 22;
    private static final String DLM = Svg.PALETTE[0];

    static String render(SweepReport report) {
        List<ReportRow> rows = report.rows();
        List<String> labels = new ArrayList<>();
        for (ReportRow r : rows) labels.add(SweepReport.label(r) + (r.completed() ? "" : " (" + r.status() + ")"));
        int labelWidth = Math.min(340, 20 + 7 * labels.stream().mapToInt(String::length).max().orElse(10));
        double left = labelWidth + 10;
        double right = WIDTH - 30;
        double band = report.noise().band() * 100;

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ReportRow r : rows) {
            if (r.bookTest() != null) {
                min = Math.min(min, r.bookTest() * 100 - band);
                max = Math.max(max, r.bookTest() * 100 + band);
            }
            if (r.completed() && r.test() != null) {
                min = Math.min(min, r.test() * 100);
                max = Math.max(max, r.test() * 100);
            }
        }
        if (min > max) { min = 90; max = 100; }
        Svg.Axis x = Svg.Axis.covering(min, max, 1, 100, left, right, false);
        double axisY = TOP + rows.size() * ROW + 8;
        int height = (int) axisY + 90;

        StringBuilder sb = new StringBuilder(Svg.open(WIDTH, height, report.title() + ": test accuracy, dlm against the book"));
        Svg.heading(sb, WIDTH, report.title() + ": test accuracy, dlm against the book");
        Svg.xAxis(sb, x, axisY, TOP - 6, "Test accuracy (%)");

        sb.append("  <g class=\"labels\" ").append(Svg.FONT).append(" fill=\"#222\" text-anchor=\"end\">\n");
        for (int i = 0; i < rows.size(); i++) {
            sb.append("    <text x=\"").append(num(left - 10)).append("\" y=\"").append(num(rowY(i) + 4)).append("\">")
                    .append(escape(labels.get(i))).append("</text>\n");
        }
        sb.append("  </g>\n");

        sb.append("  <g class=\"noise\" fill=\"#d9d9d9\">\n");
        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            if (r.bookTest() == null) continue;
            double lo = x.map(Math.max(x.lo(), r.bookTest() * 100 - band));
            double hi = x.map(Math.min(x.hi(), r.bookTest() * 100 + band));
            sb.append("    <rect data-cell=\"").append(r.cell()).append("\" x=\"").append(num(lo)).append("\" y=\"")
                    .append(num(rowY(i) - 6)).append("\" width=\"").append(num(hi - lo)).append("\" height=\"12\"/>\n");
        }
        sb.append("  </g>\n");

        sb.append("  <g class=\"series\" data-series=\"book\" fill=\"white\" stroke=\"#333\" stroke-width=\"1.5\">\n");
        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            if (r.bookTest() != null) circle(sb, r.cell(), x.map(r.bookTest() * 100), rowY(i), r.bookTest());
        }
        sb.append("  </g>\n");
        sb.append("  <g class=\"series\" data-series=\"dlm\" fill=\"").append(DLM).append("\" stroke=\"none\">\n");
        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            if (r.completed() && r.test() != null) circle(sb, r.cell(), x.map(r.test() * 100), rowY(i), r.test());
        }
        sb.append("  </g>\n");

        double ly = axisY + 62;
        sb.append("  <g class=\"legend\" ").append(Svg.FONT).append(" fill=\"#222\">\n");
        sb.append("    <circle cx=\"").append(num(left)).append("\" cy=\"").append(num(ly)).append("\" r=\"5\" fill=\"white\" stroke=\"#333\" stroke-width=\"1.5\"/>\n");
        sb.append("    <text x=\"").append(num(left + 10)).append("\" y=\"").append(num(ly + 4)).append("\">book</text>\n");
        sb.append("    <circle cx=\"").append(num(left + 70)).append("\" cy=\"").append(num(ly)).append("\" r=\"5\" fill=\"").append(DLM).append("\"/>\n");
        sb.append("    <text x=\"").append(num(left + 80)).append("\" y=\"").append(num(ly + 4)).append("\">dlm</text>\n");
        sb.append("    <rect x=\"").append(num(left + 130)).append("\" y=\"").append(num(ly - 6)).append("\" width=\"24\" height=\"12\" fill=\"#d9d9d9\"/>\n");
        sb.append("    <text x=\"").append(num(left + 160)).append("\" y=\"").append(num(ly + 4)).append("\">")
                .append(escape(String.format(java.util.Locale.ROOT, "book ± %.2f pp (seed-to-seed noise)", band))).append("</text>\n");
        sb.append("  </g>\n");
        return sb.append(Svg.close()).toString();
    }

    private static double rowY(int i) {
        return TOP + ROW / 2.0 + i * ROW;
    }

    private static void circle(StringBuilder sb, int cell, double cx, double cy, double value) {
        sb.append("    <circle data-cell=\"").append(cell).append("\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
                .append("\" r=\"5\"><title>").append(SweepReport.percent(value)).append("</title></circle>\n");
    }
}
