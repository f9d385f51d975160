package dev.dlm.cli;

import dev.dlm.runtime.train.EpochStats;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, class 8: colour and the live progress bar follow the terminal. */
class TerminalDisplayTest {

    @Test
    void noColorCountsOnlyWhenNonEmpty() {
        assertTrue(Terminal.color("auto", true, Map.of()));
        assertTrue(Terminal.color("auto", true, Map.of("NO_COLOR", "")), "an empty NO_COLOR does not disable colour");
        assertFalse(Terminal.color("auto", true, Map.of("NO_COLOR", "1")));
        assertFalse(Terminal.color("auto", false, Map.of()), "not a terminal");
        assertFalse(Terminal.color("auto", true, Map.of("TERM", "dumb")));
        assertTrue(Terminal.color("always", false, Map.of("NO_COLOR", "1")));
    }

    @Test
    void columnsComeFromTheEnvironment() {
        assertEquals(80, Terminal.columns(Map.of()));
        assertEquals(120, Terminal.columns(Map.of("COLUMNS", "120")));
        assertEquals(60, Terminal.columns(Map.of("DLMC_COLUMNS", "60")));
        assertEquals(80, Terminal.columns(Map.of("COLUMNS", "wide")));
    }

    @Test
    void theLiveLineNeverReachesTheLastColumn() {
        for (int columns : new int[] {20, 40, 60, 80, 200}) {
            Progress p = new Progress(new PrintWriter(new StringWriter()), true, false, true, columns);
            String line = p.fit(12_345, 60_000, " - ETA: 1:02:03 - loss: 0.1234 - accuracy: 0.9876");
            assertTrue(line.length() <= columns - 1, columns + " columns: " + line.length() + " `" + line + "`");
        }
        Progress wide = new Progress(new PrintWriter(new StringWriter()), true, false, true, 200);
        assertTrue(wide.fit(1, 2, " - ETA: 1s").contains("[" + "=".repeat(15) + ">" + ".".repeat(14) + "]"), "30-wide bar when it fits");
    }

    @Test
    void accuracyIsShownOnlyWhenAskedFor() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, false, false, 80);
        p.onEpochStart(1, 1, 10);
        p.onEpochEnd(new EpochStats(1, 0.5, 0.9, null, null, 1.0));
        assertFalse(out.toString().contains("accuracy"), out.toString());
        assertTrue(out.toString().contains("loss: 0.5000"), out.toString());
    }
}
