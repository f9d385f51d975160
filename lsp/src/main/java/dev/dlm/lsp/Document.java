package dev.dlm.lsp;

import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One open document: its text and version, and the analysis of that text, computed at most
 * once per version (when a request or the debounced diagnostics first need it).
 */
final class Document {

    final String uri;
    private final String name;
    private String text;
    private int version;
    private Analysis analysis;

    Document(String uri, String text, int version) {
        this.uri = uri;
        this.name = displayName(uri);
        this.text = text;
        this.version = version;
    }

    synchronized String text() { return text; }

    synchronized int version() { return version; }

    synchronized Analysis analysis() {
        if (analysis == null) analysis = Analysis.of(name, text);
        return analysis;
    }

    /** Applies full or incremental changes in order (LSP positions are in the text as changed so far). */
    synchronized void change(List<TextDocumentContentChangeEvent> changes, int newVersion) {
        for (TextDocumentContentChangeEvent c : changes) {
            if (c.getRange() == null) {
                text = c.getText();
            } else {
                var source = new dev.dlm.compiler.source.SourceFile(name, text);
                int start = Positions.offset(source, c.getRange().getStart());
                int end = Math.max(start, Positions.offset(source, c.getRange().getEnd()));
                text = text.substring(0, start) + c.getText() + text.substring(end);
            }
        }
        version = newVersion;
        analysis = null;
    }

    /** The file name diagnostics show: the path's last segment, as `dlmc check` shows a relative path. */
    static String displayName(String uri) {
        try {
            Path p = Path.of(URI.create(uri)).getFileName();
            if (p != null) return p.toString();
        } catch (RuntimeException e) {
            // not a file: URI (an untitled buffer): fall through
        }
        int slash = uri.lastIndexOf('/');
        return slash >= 0 ? uri.substring(slash + 1) : uri;
    }
}
