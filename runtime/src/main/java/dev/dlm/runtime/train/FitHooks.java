package dev.dlm.runtime.train;

/**
 * What a {@code fit} tells the code around it and asks it, between steps: a run directory
 * writes its checkpoints, history and logs here; a signal handler or a test asks the loop to
 * stop after the current step.
 */
public interface FitHooks {

    /** Nothing to save, never stops. */
    FitHooks NONE = new FitHooks() {};

    /** Polled after every step (with the number of steps done): true stops the loop there. */
    default boolean stopRequested(long globalStep) { return false; }

    /** After every epoch, its stats appended to {@code state}; {@code improvedBest} when the best monitor improved. */
    default void onEpochEnd(TrainerState state, boolean improvedBest) {}

    /** When the loop stops in the middle of an epoch at {@link #stopRequested}'s request. */
    default void onInterrupted(TrainerState state) {}
}
