package dev.dlm.runtime.sweep.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few pieces of hand-written SVG the charts share: an XML-escaped text, numbers with two
 * decimals, a linear axis with "nice" ticks, and a categorical palette. Every chart is a
 * standalone SVG 1.1 document with a white background, readable in a browser or GitHub.
 */
final class Svg {
    private Svg() {}

    /** Tableau 10, the palette most plotting tools default to; cells beyond ten cycle with a dash pattern. */
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

    static String open(int width, int height, String title) {
        return String.format(Locale.ROOT,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
                        + "  <title>%s</title>\n"
                        + "  <rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                width, height, width, height, escape(title));
    }

    static String close() {
        return "</svg>\n";
    }

    /** Text that is safe inside an element or a double-quoted attribute; control characters dropped (XML 1.0 forbids them). */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A dash pattern for the {@code i}th series: solid for the first ten, then long dashes, then dash-dot. */
    static String dash(int i) {
        return switch (Math.floorMod(i / PALETTE.length, 3)) {
            case 0 -> "";
            case 1 -> " stroke-dasharray=\"8 3\"";
            default -> " stroke-dasharray=\"12 3 2 3\"";
        };
    }

    /**
     * A linear map from data values in [lo, hi] to pixels in [from, to], with round tick
     * values; a {@code whole} axis (epochs) ticks at whole numbers only.
     */
    record Axis(double lo, double hi, double from, double to, boolean whole) {

        double map(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }

        /** Ticks at a step of 1, 2 or 5 times a power of ten, about six of them. */
        List<Double> ticks() {
            double step = step();
            List<Double> ticks = new ArrayList<>();
            // Whole multiples of the step, computed in decimal so that 488 * 0.2 is 97.6, not 97.60000000000001.
            BigDecimal decimalStep = BigDecimal.valueOf(step);
            for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
                ticks.add(BigDecimal.valueOf(k).multiply(decimalStep).doubleValue());
            }
            return ticks;
        }

        /** The tick label: as many decimals as the step needs. */
        String label(double tick) {
            double step = step();
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }

        double step() {
            double step = step(hi - lo);
            return whole ? Math.max(1, Math.rint(step)) : step;
        }

        static double step(double span) {
            double raw = span / 6;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double m = raw / power;
            return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
        }

        /**
         * An axis over {@code [min, max]} widened to whole steps, at least {@code minSpan} wide,
         * and not past {@code ceiling} (100% for accuracy).
         */
        static Axis covering(double min, double max, double minSpan, double ceiling, double from, double to, boolean whole) {
            if (max - min < minSpan) {
                double mid = (min + max) / 2;
                min = mid - minSpan / 2;
                max = mid + minSpan / 2;
                if (max > ceiling) {
                    min -= max - ceiling;
                    max = ceiling;
                }
            }
            double step = whole ? Math.max(1, Math.rint(step(max - min))) : step(max - min);
            double lo = Math.floor(min / step) * step;
            double hi = Math.min(ceiling, Math.ceil(max / step) * step);
            if (hi <= max - 1e-12 || hi <= lo) hi = Math.max(max, lo + step);
            return new Axis(lo, hi, from, to, whole);
        }
    }

    /** The horizontal axis at pixel row {@code y}: a line, ticks, tick labels and the axis title below them. */
    static void xAxis(StringBuilder sb, Axis x, double y, double top, String title) {
        sb.append("  <g class=\"x-axis\" stroke=\"#333\" ").append(FONT).append(">\n");
        sb.append("    <line x1=\"").append(num(x.from())).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                .append(num(x.to())).append("\" y2=\"").append(num(y)).append("\"/>\n");
        for (double t : x.ticks()) {
            double px = x.map(t);
            sb.append("    <line x1=\"").append(num(px)).append("\" y1=\"").append(num(top)).append("\" x2=\"").append(num(px))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e5e5e5\"/>\n");
            sb.append("    <line x1=\"").append(num(px)).append("\" y1=\"").append(num(y)).append("\" x2=\"").append(num(px))
                    .append("\" y2=\"").append(num(y + 5)).append("\"/>\n");
            sb.append("    <text x=\"").append(num(px)).append("\" y=\"").append(num(y + 18))
                    .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">").append(x.label(t)).append("</text>\n");
        }
        sb.append("    <text class=\"axis-title\" x=\"").append(num((x.from() + x.to()) / 2)).append("\" y=\"").append(num(y + 36))
                .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">").append(escape(title)).append("</text>\n");
        sb.append("  </g>\n");
    }

    /** The vertical axis at pixel column {@code x}: a line, ticks with grid lines to {@code right}, labels and a rotated title. */
    static void yAxis(StringBuilder sb, Axis y, double x, double right, String title) {
        sb.append("  <g class=\"y-axis\" stroke=\"#333\" ").append(FONT).append(">\n");
        sb.append("    <line x1=\"").append(num(x)).append("\" y1=\"").append(num(y.from())).append("\" x2=\"").append(num(x))
                .append("\" y2=\"").append(num(y.to())).append("\"/>\n");
        for (double t : y.ticks()) {
            double py = y.map(t);
            sb.append("    <line x1=\"").append(num(x)).append("\" y1=\"").append(num(py)).append("\" x2=\"").append(num(right))
                    .append("\" y2=\"").append(num(py)).append("\" stroke=\"#e5e5e5\"/>\n");
            sb.append("    <line x1=\"").append(num(x - 5)).append("\" y1=\"").append(num(py)).append("\" x2=\"").append(num(x))
                    .append("\" y2=\"").append(num(py)).append("\"/>\n");
            sb.append("    <text x=\"").append(num(x - 8)).append("\" y=\"").append(num(py + 4))
                    .append("\" text-anchor=\"end\" stroke=\"none\" fill=\"#333\">").append(y.label(t)).append("</text>\n");
        }
        double mid = (y.from() + y.to()) / 2;
        sb.append("    <text class=\"axis-title\" x=\"").append(num(x - 46)).append("\" y=\"").append(num(mid))
                .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\" transform=\"rotate(-90 ")
                .append(num(x - 46)).append(' ').append(num(mid)).append(")\">").append(escape(title)).append("</text>\n");
        sb.append("  </g>\n");
    }

    /** The chart's heading, centred above the plot. */
    static void heading(StringBuilder sb, int width, String text) {
        sb.append("  <text class=\"heading\" x=\"").append(width / 2).append("\" y=\"22\" text-anchor=\"middle\" ")
                .append("font-family=\"sans-serif\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">")
                .append(escape(text)).append("</text>\n");
    }
}
