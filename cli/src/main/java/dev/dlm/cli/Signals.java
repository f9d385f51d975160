package dev.dlm.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT and SIGTERM during a run: the first asks the training loop to stop after the current
 * step (it then checkpoints and the command prints how to resume; exit 130 or 143, as a shell
 * reports a process killed by that signal); a second SIGINT exits at once.
 */
final class Signals {

    private final AtomicInteger received = new AtomicInteger();
    private SignalHandler previousInt;
    private SignalHandler previousTerm;

    private Signals() {}

    static Signals install() {
        Signals s = new Signals();
        try {
            s.previousInt = Signal.handle(new Signal("INT"), sig -> s.onSignal(2));
            s.previousTerm = Signal.handle(new Signal("TERM"), sig -> s.onSignal(15));
        } catch (IllegalArgumentException e) {
            // The JVM was started with -Xrs, or the platform lacks the signal: keep its default handling.
        }
        return s;
    }

    private void onSignal(int number) {
        if (!received.compareAndSet(0, number) && number == 2) {
            System.err.println("\nSecond interrupt: exiting now; resume from the last checkpoint.");
            Runtime.getRuntime().halt(130);
        }
        if (received.get() == number) {
            System.err.println("\n" + (number == 2 ? "Interrupt" : "Terminate")
                    + ": finishing the current step and saving a checkpoint (interrupt again to exit at once)");
        }
    }

    boolean stopRequested() { return received.get() != 0; }

    /** 128 + the signal's number. */
    int exitCode() { return 128 + received.get(); }

    void uninstall() {
        try {
            if (previousInt != null) Signal.handle(new Signal("INT"), previousInt);
            if (previousTerm != null) Signal.handle(new Signal("TERM"), previousTerm);
        } catch (IllegalArgumentException e) {
            // nothing was installed
        }
    }
}
