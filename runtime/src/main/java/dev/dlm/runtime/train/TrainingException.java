package dev.dlm.runtime.train;

import dev.dlm.compiler.diag.Code;

/**
 * A run that cannot go on for a reason the user can act on (the loss diverged, the requested
 * GPU is missing); the message is written for the user and printed without a stack trace.
 */
public final class TrainingException extends RuntimeException {

    private final Code code;
    private final String help;

    public TrainingException(Code code, String message, String help) {
        super(message);
        this.code = code;
        this.help = help;
    }

    /** The diagnostic code: DLM0801 non-finite loss, DLM0802 missing device, DLM0703 data that does not fit. */
    public Code code() { return code; }

    /** How to fix it, or null. */
    public String help() { return help; }
}
