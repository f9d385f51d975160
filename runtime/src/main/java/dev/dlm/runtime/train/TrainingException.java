package dev.dlm.runtime.train;

/**
 * A run that cannot go on for a reason the user can act on (the loss diverged, the requested
 * GPU is missing); the message is written for the user and printed without a stack trace.
 */
public final class TrainingException extends RuntimeException {
    public TrainingException(String message) { super(message); }
}
