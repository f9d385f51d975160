package dev.dlm.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive's warm-up: its samples still check as described, so every step does the work it is there for. */
class ArchiveTrainingTest {

    @Test
    void everyStepEndsAsExpected() {
        assertEquals(java.util.List.of(), ArchiveTraining.run());
    }

    @Test
    void theCleanSampleIsCleanAndTheFaultyOneHasErrorsOfSeveralCodes() {
        assertEquals("ok: 1 file checked, no problems\n", check(ArchiveTraining.CLEAN, Dlmc.OK));
        String faulty = check(ArchiveTraining.FAULTY, Dlmc.FAILED);
        long codes = faulty.lines().filter(l -> l.startsWith("error[DLM")).map(l -> l.substring(0, 13)).distinct().count();
        assertTrue(codes >= 3, faulty);
    }

    private static String check(String model, int status) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int actual = Dlmc.execute(new String[] {"check", "--color", "never", "-"},
                new ByteArrayInputStream(model.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err));
        assertEquals(status, actual, err.toString());
        return out + err.toString();
    }
}
