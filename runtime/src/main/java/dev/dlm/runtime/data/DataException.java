package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;

/**
 * A data source that cannot be used: a missing, truncated or malformed file, or samples
 * that do not fit the program. Its message is one line for the user, in the form
 * {@code source: problem; hint: fix}, and never needs a stack trace to be understood.
 */
public final class DataException extends Exception {

    private final Code code;
    private final String source;
    private final String problem;
    private final String hint;

    /**
     * @param source  what was being read, usually a file path ({@code data/train.csv:17:3})
     * @param problem what is wrong with it, as one sentence without a final period
     * @param hint    how the user can fix it, or null when there is nothing useful to say
     */
    public DataException(String source, String problem, String hint) {
        this(source, problem, hint, null);
    }

    /** A problem of another class than a malformed file: {@link Code#DLM0701} (not found) or {@link Code#DLM0703} (does not fit). */
    public DataException(Code code, String source, String problem, String hint) {
        this(code, source, problem, hint, null);
    }

    /** As {@link #DataException(String, String, String)}, keeping the low-level cause for debugging. */
    public DataException(String source, String problem, String hint, Throwable cause) {
        this(Code.DLM0702, source, problem, hint, cause);
    }

    public DataException(Code code, String source, String problem, String hint, Throwable cause) {
        super(render(source, problem, hint), cause);
        this.code = code;
        this.source = source;
        this.problem = problem;
        this.hint = hint;
    }

    /** The diagnostic code: DLM0701 not found, DLM0702 malformed, DLM0703 does not fit the model. */
    public Code code() { return code; }

    /** What was being read: a file path, sometimes with {@code :line:column}. */
    public String source() { return source; }

    /** What is wrong with the source. */
    public String problem() { return problem; }

    /** How to fix it, or null. */
    public String hint() { return hint; }

    private static String render(String source, String problem, String hint) {
        String line = source + ": " + problem;
        return hint == null ? line : line + "; hint: " + hint;
    }
}
