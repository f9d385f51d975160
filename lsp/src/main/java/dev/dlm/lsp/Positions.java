package dev.dlm.lsp;

import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Conversions between the compiler's character offsets and LSP positions. Both count UTF-16
 * code units (LSP's default encoding), so a column is an offset minus its line's start.
 */
final class Positions {
    private Positions() {}

    static Position position(SourceFile file, int offset) {
        int clamped = Math.max(0, Math.min(offset, file.length()));
        int line = file.lineOf(clamped);
        return new Position(line - 1, clamped - file.lineStart(line));
    }

    static Range range(Span span) {
        return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
    }

    static Range range(SourceFile file, int start, int end) {
        return new Range(position(file, start), position(file, end));
    }

    /** The offset of an LSP position, clamped to the text (clients may send positions past a line's end). */
    static int offset(SourceFile file, Position p) {
        if (p.getLine() < 0) return 0;
        if (p.getLine() >= file.lineCount()) return file.length();
        int start = file.lineStart(p.getLine() + 1);
        int lineEnd = p.getLine() + 1 < file.lineCount() ? file.lineStart(p.getLine() + 2) - 1 : file.length();
        return Math.min(start + Math.max(0, p.getCharacter()), lineEnd);
    }

    /** The start of the identifier that ends at or contains {@code offset}. */
    static int wordStart(String text, int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0 && isWordChar(text.charAt(i - 1))) i--;
        return i;
    }

    /** The end of the identifier that starts at or contains {@code offset}. */
    static int wordEnd(String text, int offset) {
        int i = Math.max(0, offset);
        while (i < text.length() && isWordChar(text.charAt(i))) i++;
        return i;
    }

    static boolean isWordChar(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    /** The first {@code length} characters of a span (an item's keyword), clamped to the span. */
    static Span keyword(Span s, int length) {
        return new Span(s.file(), s.start(), Math.min(s.end(), s.start() + length));
    }
}
