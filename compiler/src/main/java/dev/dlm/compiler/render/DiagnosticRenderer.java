package dev.dlm.compiler.render;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics in the formats {@code dlmc check} offers: rustc-style text, JSON,
 * GitHub Actions workflow commands, and SARIF 2.1.0 for code scanning. All four read the
 * same diagnostic values.
 */
public final class DiagnosticRenderer {
    private DiagnosticRenderer() {}

    /** Where each code is explained; SARIF's helpUri. */
    public static final String DOCS = "https://github.com/dlm-lang/dlm/blob/main/docs/errors/";

    // ---- text -----------------------------------------------------------------------------

    /** One diagnostic as rustc prints it: header, location, the source line with carets, notes. */
    public static String text(Diagnostic d, boolean color) {
        Style st = new Style(color);
        StringBuilder sb = new StringBuilder();
        String sev = d.severity().label();
        sb.append(st.severity(d, sev + "[" + d.code() + "]")).append(st.bold(": " + d.message())).append('\n');
        Span span = d.span();
        int widest = Integer.toString(span.line()).length();
        for (Diagnostic.Label l : d.secondary()) widest = Math.max(widest, Integer.toString(l.span().line()).length());
        String gutter = " ".repeat(widest);
        snippet(sb, st, gutter, span, '^', d.label(), s -> st.severity(d, s));
        for (Diagnostic.Label l : d.secondary()) snippet(sb, st, gutter, l.span(), '-', l.message(), st::blue);
        for (String note : d.notes()) sb.append(gutter).append(st.blue(" = ")).append(st.bold("note")).append(": ").append(note).append('\n');
        if (d.help() != null) sb.append(gutter).append(st.blue(" = ")).append(st.bold("help")).append(": ").append(d.help()).append('\n');
        return sb.toString();
    }

    /** One place: its location line, the source line, and the span underlined with {@code mark}. */
    private static void snippet(StringBuilder sb, Style st, String gutter, Span span, char mark, String label,
                                java.util.function.UnaryOperator<String> paint) {
        SourceFile file = span.file();
        int line = span.line();
        String lineNo = Integer.toString(line);
        sb.append(gutter).append(st.blue("--> ")).append(file.name()).append(':').append(line).append(':').append(span.column()).append('\n');
        if (file.length() == 0 && span.start() == 0) return;
        String src = file.line(line);
        sb.append(gutter).append(st.blue(" |")).append('\n');
        sb.append(st.blue(" ".repeat(gutter.length() - lineNo.length()) + lineNo + " |")).append(src.isEmpty() ? "" : " " + src).append('\n');
        int startCol = span.column() - 1;
        int endCol = span.end() > file.lineStart(line) + src.length() || span.file().lineOf(span.end()) != line
                ? src.codePointCount(0, src.length()) : file.columnOf(span.end()) - 1;
        int width = Math.max(1, endCol - startCol);
        String underline = padding(src, startCol) + String.valueOf(mark).repeat(width);
        sb.append(gutter).append(st.blue(" |")).append(' ').append(paint.apply(underline));
        if (label != null) sb.append(' ').append(paint.apply(label));
        sb.append('\n');
    }

    /** What goes before the carets: the source's own tabs, spaces for everything else, so carets line up. */
    private static String padding(String src, int col) {
        StringBuilder sb = new StringBuilder();
        int[] cps = src.codePoints().limit(col).toArray();
        for (int cp : cps) sb.append(cp == '\t' ? '\t' : ' ');
        return sb.toString();
    }

    /** All diagnostics of all files, then a one-line tally; empty text when there is nothing to say. */
    public static String text(List<Compilation> compilations, boolean color) {
        StringBuilder sb = new StringBuilder();
        for (Compilation c : compilations) {
            for (Diagnostic d : c.diagnostics()) sb.append(text(d, color)).append('\n');
        }
        return sb.toString();
    }

    // ---- JSON -----------------------------------------------------------------------------

    public static String json(List<Compilation> compilations) {
        List<Object> all = new ArrayList<>();
        for (Compilation c : compilations) for (Diagnostic d : c.diagnostics()) all.add(jsonTree(d));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("files", compilations.size());
        root.put("errors", all.stream().filter(o -> "error".equals(((Map<?, ?>) o).get("severity"))).count());
        root.put("warnings", all.stream().filter(o -> "warning".equals(((Map<?, ?>) o).get("severity"))).count());
        root.put("diagnostics", all);
        return Json.write(root);
    }

    public static Map<String, Object> jsonTree(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Span s = d.span();
        m.put("code", d.code().name());
        m.put("severity", d.severity().label());
        m.put("message", d.message());
        m.put("file", s.file().name());
        m.put("line", s.line());
        m.put("column", s.column());
        m.put("end_line", s.file().lineOf(s.end()));
        m.put("end_column", s.file().columnOf(s.end()));
        m.put("label", d.label());
        if (!d.secondary().isEmpty()) {
            List<Object> labels = new ArrayList<>();
            for (Diagnostic.Label l : d.secondary()) {
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("file", l.span().file().name());
                lm.put("line", l.span().line());
                lm.put("column", l.span().column());
                lm.put("end_line", l.span().file().lineOf(l.span().end()));
                lm.put("end_column", l.span().file().columnOf(l.span().end()));
                lm.put("message", l.message());
                labels.add(lm);
            }
            m.put("secondary", labels);
        }
        m.put("notes", d.notes());
        m.put("help", d.help());
        return m;
    }

    // ---- GitHub Actions -------------------------------------------------------------------

    /**
     * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}): the
     * runner turns each into an annotation on the pull request's line.
     */
    public static String github(List<Compilation> compilations) {
        StringBuilder sb = new StringBuilder();
        for (Compilation c : compilations) {
            for (Diagnostic d : c.diagnostics()) {
                Span s = d.span();
                String level = switch (d.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case NOTE -> "notice";
                };
                StringBuilder msg = new StringBuilder(d.message());
                for (String n : d.notes()) msg.append("\nnote: ").append(n);
                if (d.help() != null) msg.append("\nhelp: ").append(d.help());
                sb.append("::").append(level)
                        .append(" file=").append(property(s.file().name()))
                        .append(",line=").append(s.line())
                        .append(",col=").append(s.column())
                        .append(",endLine=").append(s.file().lineOf(s.end()))
                        .append(",endColumn=").append(s.file().columnOf(s.end()))
                        .append(",title=").append(property(d.code().name() + " " + d.code().title()))
                        .append("::").append(data(msg.toString())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    // ---- SARIF ----------------------------------------------------------------------------

    /** SARIF 2.1.0 with a rule for every code, for GitHub code scanning and other SARIF viewers. */
    public static String sarif(List<Compilation> compilations, String version) {
        List<Object> rules = new ArrayList<>();
        Map<Code, Integer> ruleIndex = new LinkedHashMap<>();
        for (Code code : Code.values()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", code.name());
            rule.put("name", camel(code.title()));
            rule.put("shortDescription", Map.of("text", code.title()));
            rule.put("helpUri", DOCS + code.name() + ".md");
            ruleIndex.put(code, rules.size());
            rules.add(rule);
        }
        List<Object> results = new ArrayList<>();
        for (Compilation c : compilations) {
            for (Diagnostic d : c.diagnostics()) {
                Span s = d.span();
                Map<String, Object> region = new LinkedHashMap<>();
                region.put("startLine", s.line());
                region.put("startColumn", s.column());
                region.put("endLine", s.file().lineOf(s.end()));
                region.put("endColumn", s.file().columnOf(s.end()));
                Map<String, Object> physical = new LinkedHashMap<>();
                physical.put("artifactLocation", Map.of("uri", s.file().name().replace('\\', '/')));
                physical.put("region", region);
                StringBuilder text = new StringBuilder(d.message());
                for (String n : d.notes()) text.append("\nnote: ").append(n);
                if (d.help() != null) text.append("\nhelp: ").append(d.help());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ruleId", d.code().name());
                result.put("ruleIndex", ruleIndex.get(d.code()));
                result.put("level", switch (d.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case NOTE -> "note";
                });
                result.put("message", Map.of("text", text.toString()));
                result.put("locations", List.of(Map.of("physicalLocation", physical)));
                if (!d.secondary().isEmpty()) {
                    List<Object> related = new ArrayList<>();
                    for (Diagnostic.Label l : d.secondary()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("id", related.size());
                        Map<String, Object> where = new LinkedHashMap<>();
                        where.put("startLine", l.span().line());
                        where.put("startColumn", l.span().column());
                        Map<String, Object> location = new LinkedHashMap<>();
                        location.put("artifactLocation", Map.of("uri", l.span().file().name().replace('\\', '/')));
                        location.put("region", where);
                        r.put("physicalLocation", location);
                        r.put("message", Map.of("text", l.message()));
                        related.add(r);
                    }
                    result.put("relatedLocations", related);
                }
                results.add(result);
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "dlmc");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/dlm-lang/dlm");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.write(root);
    }

    private static String camel(String title) {
        StringBuilder sb = new StringBuilder();
        for (String w : title.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }

    /** ANSI styling, or none. */
    private record Style(boolean on) {
        String wrap(String code, String s) { return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s; }
        String bold(String s) { return wrap("1", s); }
        String blue(String s) { return wrap("1;34", s); }
        String severity(Diagnostic d, String s) {
            return wrap(switch (d.severity()) {
                case ERROR -> "1;31";
                case WARNING -> "1;33";
                case NOTE -> "1;36";
            }, s);
        }
    }
}
