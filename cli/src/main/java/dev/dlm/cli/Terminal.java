package dev.dlm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Facts about the terminal dlmc writes to. Java cannot ask whether one stream is a terminal
 * ({@code System.console()} needs stdin and stdout both), so the launcher tells it
 * ({@code DLMC_TTY=out,err}, from the shell's {@code [ -t 1 ]} and {@code [ -t 2 ]}); without
 * the launcher, Linux's {@code /proc/self/fd/N} names the device.
 */
final class Terminal {
    private Terminal() {}

    /** The two streams dlmc writes to. */
    enum Stream {
        OUT(1), ERR(2);

        final int fd;

        Stream(int fd) { this.fd = fd; }
    }

    /** The default width when the terminal's is unknown. */
    static final int DEFAULT_COLUMNS = 80;

    /**
     * Whether to colour what is written to {@code stream}: {@code always}, {@code never}, or
     * {@code auto}: when that stream is a terminal and {@code NO_COLOR} is unset or empty
     * (no-color.org: only a non-empty value disables colour).
     */
    static boolean color(String mode, Stream stream) {
        return color(mode, isTerminal(stream), System.getenv());
    }

    static boolean color(String mode, boolean terminal, Map<String, String> environment) {
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> {
                String noColor = environment.get("NO_COLOR");
                yield terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
            }
        };
    }

    /** True when {@code stream} is a terminal (not a pipe or a file). */
    static boolean isTerminal(Stream stream) {
        String told = System.getenv("DLMC_TTY");
        if (told != null) return java.util.Arrays.asList(told.split(",")).contains(stream.name().toLowerCase(java.util.Locale.ROOT));
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + stream.fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return stream == Stream.OUT && System.console() != null;
        }
    }

    /** True when stdout is a terminal: the live progress bar is drawn there. */
    static boolean interactive() {
        return isTerminal(Stream.OUT);
    }

    /** The terminal's width: {@code COLUMNS} when set, else what the launcher measured, else 80. */
    static int columns() {
        return columns(System.getenv());
    }

    static int columns(Map<String, String> environment) {
        for (String name : new String[] {"COLUMNS", "DLMC_COLUMNS"}) {
            String v = environment.get(name);
            if (v == null) continue;
            try {
                int n = Integer.parseInt(v.trim());
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // ignored: an unusable value means unknown
            }
        }
        return DEFAULT_COLUMNS;
    }
}
