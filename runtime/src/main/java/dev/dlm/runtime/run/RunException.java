package dev.dlm.runtime.run;

import dev.dlm.compiler.diag.Code;

import java.util.List;

/**
 * A run directory cannot be used as asked (not a run, a different model, already in use): a
 * user error with its diagnostic code, the lines that explain it, and a help line.
 */
public final class RunException extends Exception {

    private final Code code;
    private final List<String> notes;
    private final String help;

    public RunException(Code code, String message, List<String> notes, String help) {
        super(message);
        this.code = code;
        this.notes = List.copyOf(notes);
        this.help = help;
    }

    public Code code() { return code; }

    public List<String> notes() { return notes; }

    public String help() { return help; }

    /** The rustc-style rendering: {@code error[DLM1101]: message}, notes and help. */
    public String render() {
        StringBuilder sb = new StringBuilder("error[").append(code.name()).append("]: ").append(getMessage()).append('\n');
        for (String n : notes) sb.append("  = note: ").append(n).append('\n');
        if (help != null) sb.append("  = help: ").append(help).append('\n');
        return sb.toString();
    }
}
