package dev.dlm.compiler.ast;

import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;

import java.util.List;

/**
 * A parsed file: its items in order, and its comments (kept for the formatter, which must
 * put every comment back where it was).
 */
public record DlmFile(SourceFile source, List<Item> items, List<Comment> comments) {

    public DlmFile {
        items = List.copyOf(items);
        comments = List.copyOf(comments);
    }

    /** A {@code #} or {@code //} comment, text included. */
    public record Comment(String text, Span span) {}
}
