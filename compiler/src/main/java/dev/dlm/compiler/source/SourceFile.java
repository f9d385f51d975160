package dev.dlm.compiler.source;

import java.util.Arrays;

/**
 * The text of one .dlm file with a line index, so spans can be rendered as line:column. A line
 * ends at {@code \n}, {@code \r\n} or a lone {@code \r} (old Mac files), as in editors.
 */
public final class SourceFile {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        // Jumps from terminator to terminator with String.indexOf rather than testing every
        // character: a check reads each file once, mostly before the JIT has compiled a loop.
        int length = text.length();
        int[] starts = new int[16];
        int count = 1;
        int lf = text.indexOf('\n');
        int cr = text.indexOf('\r');
        while (lf >= 0 || cr >= 0) {
            // The last character of the next terminator: \n, a lone \r, or the \n of \r\n.
            int end = cr >= 0 && (lf < 0 || cr < lf)
                    ? (cr + 1 < length && text.charAt(cr + 1) == '\n' ? cr + 1 : cr)
                    : lf;
            if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
            starts[count++] = end + 1;
            if (lf >= 0 && lf <= end) lf = text.indexOf('\n', end + 1);
            if (cr >= 0 && cr <= end) cr = text.indexOf('\r', end + 1);
        }
        lineStarts = Arrays.copyOf(starts, count);
    }

    /** The name shown in diagnostics: the path as the user gave it. */
    public String name() { return name; }

    public String text() { return text; }

    public int length() { return text.length(); }

    public int lineCount() { return lineStarts.length; }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.min(offset, text.length()));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of a character offset, counting code points. */
    public int columnOf(int offset) {
        int start = lineStarts[lineOf(offset) - 1];
        int end = Math.min(offset, text.length());
        return text.codePointCount(start, end) + 1;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && line < lineStarts.length && text.charAt(end) == '\n' && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }

    /** The file's line terminator: the first one in it ({@code \r\n}, {@code \r} or {@code \n}), {@code \n} when it has none. */
    public String lineSeparator() {
        if (lineStarts.length < 2) return "\n";
        int end = lineStarts[1] - 1;
        return text.charAt(end) == '\r' ? "\r" : end > 0 && text.charAt(end - 1) == '\r' ? "\r\n" : "\n";
    }

    public int lineStart(int line) { return lineStarts[line - 1]; }

    public Span span(int start, int end) { return new Span(this, start, end); }

    /**
     * The UTF-16 offset of the {@code index}-th code point. ANTLR's character streams count
     * code points; spans count UTF-16 units, which differ after a character outside the BMP.
     */
    public int offsetOfCodePoint(int index) {
        if (codePointOffsets == null) {
            if (text.codePointCount(0, text.length()) == text.length()) return Math.min(index, text.length());
            codePointOffsets = text.codePoints().map(cp -> 0).toArray();
            int offset = 0;
            for (int i = 0; i < codePointOffsets.length; i++) {
                codePointOffsets[i] = offset;
                offset += Character.charCount(text.codePointAt(offset));
            }
        }
        return index >= codePointOffsets.length ? text.length() : codePointOffsets[index];
    }

    private int[] codePointOffsets;

    /** A zero-width span at the end of the file, for "unexpected end of file". */
    public Span end() { return new Span(this, text.length(), text.length()); }

    @Override
    public String toString() { return name; }
}
