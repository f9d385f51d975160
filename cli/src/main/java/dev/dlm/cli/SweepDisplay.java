package dev.dlm.cli;

import java.io.PrintWriter;

/**
 * Where a sweep's progress goes: on a terminal, one line redrawn in place (cut to the
 * terminal's width, so it never wraps) with the cells' events printed above it; piped, the
 * events only, and the progress line each time a cell ends.
 */
final class SweepDisplay {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final int columns;
    private long lastDraw;
    private boolean drawn;
    private String last = "";

    SweepDisplay(PrintWriter out, boolean live, int columns) {
        this.out = out;
        this.live = live;
        this.columns = columns;
    }

    /** The progress line changed. */
    synchronized void line(String text) {
        boolean changedCells = !prefix(text).equals(prefix(last));
        last = text;
        if (!live) {
            if (changedCells) {
                out.println(text);
                out.flush();
            }
            return;
        }
        long now = System.nanoTime();
        if (!changedCells && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        String shown = text.length() >= columns ? text.substring(0, Math.max(0, columns - 1)) : text;
        out.print("\r" + shown + "\u001b[K");
        out.flush();
        drawn = true;
    }

    /** A line that stays: a cell finished or failed. */
    synchronized void event(String text) {
        if (live && drawn) out.print("\r\u001b[K");
        out.println(text);
        if (live && drawn) out.print(last.length() >= columns ? last.substring(0, Math.max(0, columns - 1)) : last);
        out.flush();
    }

    /** Ends the live line. */
    synchronized void end() {
        if (live && drawn) out.println();
        drawn = false;
        out.flush();
    }

    /** The counts part of the line (before the ETA), which changes only when a cell starts or ends. */
    private static String prefix(String line) {
        int eta = line.indexOf(" · ETA");
        return eta < 0 ? line : line.substring(0, eta);
    }
}
