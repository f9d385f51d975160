package dev.dlm.runtime.sweep.report;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.runtime.sweep.report.Svg.escape;
import static dev.dlm.runtime.sweep.report.Svg.num;

/**
 * The learning curves of every cell: accuracy per epoch, training as a line of the cell's
 * colour and validation (when the run logged it) as a dotted line of the same colour, with a
 * legend naming each cell. Each cell is a group {@code data-series="cell K"} holding a
 * {@code polyline} of class {@code train} and, when logged, one of class {@code validation}.
 */
final class CurvesChart {
    private CurvesChart() {}

    private static final int TOP = 44;
    private static final int PLOT_HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int LEGEND_ROW = 18;

    static String render(SweepReport report) {
        List<ReportRow> rows = report.rows().stream().filter(r -> !r.curve().isEmpty()).toList();
        List<String> labels = new ArrayList<>();
        for (ReportRow r : rows) labels.add(SweepReport.label(r));
        int legendWidth = Math.min(380, 50 + 7 * Math.max(22, labels.stream().mapToInt(String::length).max().orElse(0)));
        int plotRight = LEFT + 520;
        int width = plotRight + 30 + legendWidth;
        int height = Math.max(TOP + PLOT_HEIGHT + 80, TOP + 10 + (rows.size() + 3) * LEGEND_ROW);

        double minAccuracy = Double.POSITIVE_INFINITY;
        int lastEpoch = 1;
        for (ReportRow r : rows) {
            for (EpochPoint p : r.curve()) {
                lastEpoch = Math.max(lastEpoch, p.epoch() + 1);
                if (p.accuracy() != null) minAccuracy = Math.min(minAccuracy, p.accuracy() * 100);
                if (p.valAccuracy() != null) minAccuracy = Math.min(minAccuracy, p.valAccuracy() * 100);
            }
        }
        if (minAccuracy == Double.POSITIVE_INFINITY) minAccuracy = 90;
        Svg.Axis x = Svg.Axis.covering(1, lastEpoch, 1, Double.POSITIVE_INFINITY, LEFT, plotRight, true);
        Svg.Axis y = Svg.Axis.covering(minAccuracy, 100, 1, 100, TOP + PLOT_HEIGHT, TOP, false);

        String title = report.title() + ": learning curves";
        StringBuilder sb = new StringBuilder(Svg.open(width, height, title));
        Svg.heading(sb, width, title);
        Svg.yAxis(sb, y, LEFT, plotRight, "Accuracy (%)");
        Svg.xAxis(sb, x, TOP + PLOT_HEIGHT, TOP, "Epoch");
        if (rows.isEmpty()) {
            sb.append("  <text x=\"").append((LEFT + plotRight) / 2).append("\" y=\"").append(TOP + PLOT_HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" ").append(Svg.FONT).append(" fill=\"#888\">no cell has logged an epoch yet</text>\n");
        }

        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            sb.append("  <g class=\"series\" data-series=\"cell ").append(r.cell()).append("\" fill=\"none\" stroke=\"")
                    .append(Svg.colour(i)).append("\">\n");
            line(sb, "train", r.curve(), true, x, y, "stroke-width=\"2\"" + Svg.dash(i));
            line(sb, "validation", r.curve(), false, x, y, "stroke-width=\"1.2\" stroke-dasharray=\"2 3\"");
            sb.append("  </g>\n");
        }

        double lx = plotRight + 30;
        sb.append("  <g class=\"legend\" ").append(Svg.FONT).append(" fill=\"#222\">\n");
        for (int i = 0; i < rows.size(); i++) {
            double ly = TOP + 6 + i * LEGEND_ROW;
            sb.append("    <line x1=\"").append(num(lx)).append("\" y1=\"").append(num(ly)).append("\" x2=\"").append(num(lx + 28))
                    .append("\" y2=\"").append(num(ly)).append("\" stroke=\"").append(Svg.colour(i)).append("\" stroke-width=\"2\"")
                    .append(Svg.dash(i)).append("/>\n");
            sb.append("    <text x=\"").append(num(lx + 36)).append("\" y=\"").append(num(ly + 4)).append("\">")
                    .append(escape(labels.get(i))).append("</text>\n");
        }
        double ky = TOP + 6 + (rows.size() + 1) * LEGEND_ROW;
        sb.append("    <line x1=\"").append(num(lx)).append("\" y1=\"").append(num(ky)).append("\" x2=\"").append(num(lx + 28))
                .append("\" y2=\"").append(num(ky)).append("\" stroke=\"#333\" stroke-width=\"2\"/>\n");
        sb.append("    <text x=\"").append(num(lx + 36)).append("\" y=\"").append(num(ky + 4)).append("\">training accuracy</text>\n");
        ky += LEGEND_ROW;
        sb.append("    <line x1=\"").append(num(lx)).append("\" y1=\"").append(num(ky)).append("\" x2=\"").append(num(lx + 28))
                .append("\" y2=\"").append(num(ky)).append("\" stroke=\"#333\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>\n");
        sb.append("    <text x=\"").append(num(lx + 36)).append("\" y=\"").append(num(ky + 4)).append("\">validation accuracy</text>\n");
        sb.append("  </g>\n");
        return sb.append(Svg.close()).toString();
    }

    /** A polyline through the epochs that logged the value; nothing when none did. */
    private static void line(StringBuilder sb, String kind, List<EpochPoint> curve, boolean train,
                             Svg.Axis x, Svg.Axis y, String style) {
        StringBuilder points = new StringBuilder();
        int n = 0;
        for (EpochPoint p : curve) {
            Double v = train ? p.accuracy() : p.valAccuracy();
            if (v == null) continue;
            if (n++ > 0) points.append(' ');
            points.append(num(x.map(p.epoch() + 1))).append(',').append(num(y.map(v * 100)));
        }
        if (n == 0) return;
        sb.append("    <polyline class=\"").append(kind).append("\" ").append(style).append(" points=\"").append(points).append("\"/>\n");
    }
}
