package dev.dlm.cli;

/** Facts about the terminal dlmc writes to. */
final class Terminal {
    private Terminal() {}

    /** Whether to color output: {@code always}, {@code never}, or {@code auto} (a terminal, and NO_COLOR unset). */
    static boolean color(String mode) {
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> interactive() && System.getenv("NO_COLOR") == null;
        };
    }

    /** True when stdout is a terminal (not a pipe or a file). */
    static boolean interactive() {
        return System.console() != null;
    }
}
