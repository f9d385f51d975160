package dev.dlm.runtime.train;

/**
 * How a {@code fit} ended: the history of the finished epochs, the state to continue from,
 * and whether it was interrupted (asked to stop) rather than finished or stopped by a callback.
 */
public record FitResult(History history, TrainerState state, boolean interrupted) {
}
