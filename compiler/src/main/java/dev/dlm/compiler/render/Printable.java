package dev.dlm.compiler.render;

/**
 * Text from a file made safe to print: control characters cannot move the cursor, change
 * colours, end a line (forging a GitHub Actions {@code ::error} command) or reorder the text
 * (bidirectional overrides). Each is shown as one visible character, so carets under a source
 * line still line up: C0 controls as their Unicode control pictures ({@code ␛} for ESC), the
 * rest as U+FFFD.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every control character replaced; tabs are kept when {@code keepTabs}. */
    public static String escape(String s, boolean keepTabs) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char shown = shown(c, keepTabs);
            if (shown != c && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (sb != null) sb.append(shown);
        }
        return sb == null ? s : sb.toString();
    }

    /** {@code s} with every control character replaced, tabs included: for one-line messages. */
    public static String escape(String s) {
        return escape(s, false);
    }

    private static char shown(char c, boolean keepTabs) {
        if (c == '\t' && keepTabs) return c;
        if (c < 0x20) return (char) (0x2400 + c);
        if (c == 0x7f) return '\u2421';
        if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c) {
            return '\uFFFD';
        }
        return c;
    }
}
