package dev.dlm.tests;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnostics a corpus file declares in its own comments: {@code # ~ ERROR DLM0303} on
 * the line the diagnostic points at, {@code # ~^ ...} for the line above (one {@code ^} per
 * line), {@code # ~v ...} for the line below (one {@code v} per line). One comment may hold
 * several marks. See {@code tests/src/test/resources/diagnostics/README.md}.
 */
final class InlineExpectations {
    private InlineExpectations() {}

    /** One expected (or reported) diagnostic: where, how severe, which code. */
    record Expected(int line, String severity, String code) implements Comparable<Expected> {
        @Override public int compareTo(Expected o) {
            int c = Integer.compare(line, o.line);
            if (c != 0) return c;
            c = severity.compareTo(o.severity);
            return c != 0 ? c : code.compareTo(o.code);
        }

        @Override public String toString() { return line + ": " + severity + " " + code; }
    }

    /** The start of a mark: `#` then `~`, so ordinary comments mentioning `~` are left alone. */
    private static final Pattern COMMENT_MARK = Pattern.compile("#\\s*~");
    private static final Pattern MARK = Pattern.compile("~(\\^*|v*)\\s+(ERROR|WARNING|NOTE)\\s+(DLM\\d{4})");
    private static final Pattern MARKS = Pattern.compile("(\\s*" + MARK.pattern() + ")+\\s*");

    /**
     * Parses every mark in {@code text}. A comment that starts a mark but does not parse
     * (a misspelt severity, a missing code) is an error, never silently an expectation less.
     */
    static Set<Expected> parse(String text) {
        Set<Expected> out = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher start = COMMENT_MARK.matcher(lines[i]);
            if (!start.find()) continue;
            String marks = lines[i].substring(start.end() - 1);
            if (!MARKS.matcher(marks).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": malformed expectation `" + marks.strip()
                        + "`; write `# ~ ERROR DLM0101` (or ~^ / ~v for the line above / below)");
            }
            Matcher m = MARK.matcher(marks);
            while (m.find()) {
                String shift = m.group(1);
                int line = i + 1 + (shift.startsWith("v") ? shift.length() : -shift.length());
                if (line < 1 || line > lines.length) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": `" + m.group() + "` points outside the file");
                }
                out.add(new Expected(line, m.group(2), m.group(3)));
            }
        }
        return out;
    }
}
