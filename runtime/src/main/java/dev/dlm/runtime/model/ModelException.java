package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.diag.Code;

/**
 * A trained model or its input that cannot be used, reported to the user as a diagnostic:
 * its code, the file or folder at fault, what is wrong and how to fix it. When a run's
 * {@code model.dlm} fails to check, {@link #compilation()} holds its diagnostics.
 */
public final class ModelException extends Exception {
    private final Code code;
    private final String subject;
    private final String hint;
    private final transient Compilation compilation;

    public ModelException(Code code, String subject, String message, String hint) {
        this(code, subject, message, hint, null);
    }

    public ModelException(Code code, String subject, String message, String hint, Compilation compilation) {
        super(message);
        this.code = code;
        this.subject = subject;
        this.hint = hint;
        this.compilation = compilation;
    }

    public Code code() { return code; }

    /** The file or folder the problem is in. */
    public String subject() { return subject; }

    /** How to fix it, or null. */
    public String hint() { return hint; }

    /** The failed compilation of a run's model, or null. */
    public Compilation compilation() { return compilation; }

    /** The diagnostic as dlmc prints it: {@code error[DLMxxxx]: message}, then where and a hint. */
    public String render() {
        StringBuilder sb = new StringBuilder("error[").append(code.name()).append("]: ").append(getMessage()).append('\n');
        if (subject != null) sb.append("  --> ").append(subject).append('\n');
        if (hint != null) sb.append("  = help: ").append(hint).append('\n');
        return sb.toString();
    }
}
