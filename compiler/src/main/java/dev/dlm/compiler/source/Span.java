package dev.dlm.compiler.source;

/**
 * A range of characters in one source file, as offsets {@code [start, end)}. Line and column
 * are computed from the file only when a diagnostic is rendered.
 */
public record Span(SourceFile file, int start, int end) {

    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    public int length() { return end - start; }

    public String text() { return file.text().substring(Math.min(start, file.length()), Math.min(end, file.length())); }

    public int line() { return file.lineOf(start); }

    public int column() { return file.columnOf(start); }

    @Override
    public String toString() { return file.name() + ":" + line() + ":" + column(); }
}
