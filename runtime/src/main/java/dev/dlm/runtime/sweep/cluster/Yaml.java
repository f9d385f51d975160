package dev.dlm.runtime.sweep.cluster;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A minimal YAML writer for manifests, in block style: maps (insertion order kept) and lists
 * indented by two spaces, numbers and booleans plain, strings plain only when YAML 1.1 and
 * 1.2 both read them back as the same string, multi-line text as a literal block, anything
 * else double-quoted with JSON's escapes (a double-quoted YAML scalar is a JSON string).
 */
final class Yaml {
    private Yaml() {}

    /** Strings that need no quotes: names, paths, quantities such as {@code 512Mi}. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_./-]*");

    /** Plain words that YAML 1.1 reads as booleans or null. */
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)y|n|yes|no|on|off|true|false|null|~|\\.nan|\\.inf");

    static String write(Map<String, ?> document) {
        StringBuilder sb = new StringBuilder();
        map(document, sb, 0);
        return sb.toString();
    }

    private static void map(Map<String, ?> m, StringBuilder sb, int indent) {
        for (Map.Entry<String, ?> e : m.entrySet()) {
            pad(sb, indent);
            sb.append(key(e.getKey())).append(':');
            value(e.getValue(), sb, indent);
        }
    }

    /** The value after {@code key:} or {@code -}: inline for a scalar, on the next lines for a collection. */
    @SuppressWarnings("unchecked")
    private static void value(Object v, StringBuilder sb, int indent) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append(" {}\n"); return; }
            sb.append('\n');
            map((Map<String, ?>) m, sb, indent + 1);
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) { sb.append(" []\n"); return; }
            sb.append('\n');
            for (Object item : l) {
                pad(sb, indent + 1);
                sb.append('-');
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    // The first key goes on the dash's line, the others line up under it.
                    StringBuilder inner = new StringBuilder();
                    map((Map<String, ?>) m, inner, indent + 2);
                    sb.append(' ').append(inner.substring((indent + 2) * 2));
                } else {
                    value(item, sb, indent + 1);
                }
            }
        } else {
            sb.append(' ').append(scalar(v, indent + 1)).append('\n');
        }
    }

    static String scalar(Object v, int indent) {
        if (v == null) return "null";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        String s = v.toString();
        if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches()) return s;
        if (s.indexOf('\n') >= 0 && literalBlockFits(s)) return literal(s, indent);
        return quoted(s);
    }

    /** A literal block keeps text as it is, unless it holds a control character or starts a line with indentation YAML would take for its own. */
    private static boolean literalBlockFits(String s) {
        if (s.startsWith(" ") || s.startsWith("\n")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\ufeff') return false;
        }
        return true;
    }

    private static String literal(String s, int indent) {
        // The chomping indicator keeps the final line breaks exactly: none (-), one (clip) or more (+).
        String body = s;
        String chomp;
        if (!s.endsWith("\n")) chomp = "-";
        else if (s.endsWith("\n\n")) chomp = "+";
        else chomp = "";
        if (body.endsWith("\n")) body = body.substring(0, body.length() - 1);
        StringBuilder sb = new StringBuilder("|").append(chomp);
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) sb.append("  ".repeat(indent)).append(line);
        }
        return sb.toString();
    }

    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\ufeff') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String key(String k) {
        return PLAIN.matcher(k).matches() && !RESERVED.matcher(k).matches() ? k : quoted(k);
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }
}
