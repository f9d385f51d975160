package dev.dlm.compiler.diag;

import dev.dlm.compiler.source.Span;

import java.util.List;

/**
 * One problem found in a file: a value, never an exception. {@code message} says what is
 * wrong; {@code label} annotates the primary span (shown under the carets); {@code secondary}
 * marks other places that matter (where a name was first defined), each with its own span and
 * label; {@code notes} explain why; {@code help} says how to fix it, when a fix is known.
 */
public record Diagnostic(Code code, Severity severity, Span span, String message, String label,
                         List<Label> secondary, List<String> notes, String help) {

    public Diagnostic {
        secondary = List.copyOf(secondary);
        notes = List.copyOf(notes);
    }

    /** A secondary place: its span and what it is ("first defined here"). */
    public record Label(Span span, String message) {}

    public static Builder error(Code code, Span span, String message) {
        return new Builder(code, Severity.ERROR, span, message);
    }

    public static Builder warning(Code code, Span span, String message) {
        return new Builder(code, Severity.WARNING, span, message);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** Builds a diagnostic step by step; {@link Diagnostics#report} finishes it. */
    public static final class Builder {
        private final Code code;
        private final Severity severity;
        private final Span span;
        private final String message;
        private String label;
        private final java.util.ArrayList<Label> secondary = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> notes = new java.util.ArrayList<>();
        private String help;

        private Builder(Code code, Severity severity, Span span, String message) {
            this.code = code;
            this.severity = severity;
            this.span = span;
            this.message = message;
        }

        public Builder label(String label) { this.label = label; return this; }

        /** Marks another place that matters, with its own label. */
        public Builder secondary(Span at, String message) { secondary.add(new Label(at, message)); return this; }

        public Builder note(String note) { notes.add(note); return this; }

        public Builder help(String help) { this.help = help; return this; }

        public Diagnostic build() { return new Diagnostic(code, severity, span, message, label, secondary, notes, help); }
    }
}
