package dev.dlm.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc run} as a process that dies: killed with SIGKILL at a moment of the OS's
 * choosing, or stopped with SIGTERM, it leaves a run directory that {@code --resume}
 * continues to the very weights, history and test results of an uninterrupted run.
 */
class RunLifecycleTest {

    static final String MODEL = """
            data mnist
            model tiny(input=[784]) { Dense(32, activation='relu'); Dropout(0.2); Dense(10, activation='softmax') }
            train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy]; epochs = 25; batch_size = 32
                    validation_split = 0.1 }
            """;

    static List<String> runArgs(Path model, Path dir) {
        return List.of("run", model.toString(), "--train-limit", "3000", "--seed", "11", "--threads", "1", "--run-dir", dir.toString(), "-q");
    }

    /** {@code dlmc} in a child JVM (the test's class path), output to {@code log}. */
    static Process child(List<String> args, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dlm.cli.Dlmc"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        return pb.start();
    }

    /** Waits until the run in {@code dir} has a checkpoint, then gives it {@code extraMillis} more. */
    static void awaitCheckpoint(Process p, Path dir, long extraMillis) throws Exception {
        Path state = dir.resolve("checkpoints/latest/trainer.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(state) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        Thread.sleep(extraMillis);
    }

    static byte[] weights(Path dir) throws Exception {
        return Files.readAllBytes(dir.resolve("checkpoints/latest/variables.data-00000-of-00001"));
    }

    @Test
    void sigkillThenResumeEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path model = Files.writeString(tmp.resolve("tiny.dlm"), MODEL);
        Path whole = tmp.resolve("whole");
        DlmcRun a = DlmcRun.of(runArgs(model, whole).toArray(String[]::new));
        assertEquals(0, a.exitCode(), a.transcript());

        Path killed = tmp.resolve("killed");
        Process p = child(runArgs(model, killed), tmp.resolve("child.log"));
        awaitCheckpoint(p, killed, 150);
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly(); // SIGKILL: no handler runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        String json = Files.readString(killed.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"running\""), "a killed run cannot record its end: " + json);

        DlmcRun b = DlmcRun.of("run", "--resume", killed.toString(), "-q");
        assertEquals(0, b.exitCode(), b.transcript());
        assertArrayEquals(weights(whole), weights(killed), "final weights differ after SIGKILL and resume");
        assertEquals(Files.readString(whole.resolve("history.csv")), Files.readString(killed.resolve("history.csv")));
        assertEquals(testLine(a.out()), testLine(b.out()));
        assertTrue(Files.readString(killed.resolve("run.json")).contains("\"status\": \"completed\""));
    }

    @Test
    void sigtermCheckpointsPrintsTheResumeCommandAndExits143(@TempDir Path tmp) throws Exception {
        Path model = Files.writeString(tmp.resolve("tiny.dlm"), MODEL);
        Path dir = tmp.resolve("run");
        Path log = tmp.resolve("child.log");
        Process p = child(runArgs(model, dir), log);
        awaitCheckpoint(p, dir, 100);
        assertTrue(p.isAlive(), "the run ended before the signal: " + Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(143, p.exitValue(), out);
        assertTrue(out.contains("Resume it with: dlmc run --resume " + dir), out);
        String json = Files.readString(dir.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"interrupted\""), json);
        DlmcRun resumed = DlmcRun.of("run", "--resume", dir.toString(), "-q");
        assertEquals(0, resumed.exitCode(), resumed.transcript());
        assertTrue(Files.readString(dir.resolve("history.csv")).lines().count() == 26, "25 epochs and a header");
    }

    @Test
    void resumingAnotherModelIsRefusedWithWhatChanged(@TempDir Path tmp) throws Exception {
        Path model = Files.writeString(tmp.resolve("tiny.dlm"), MODEL.replace("epochs = 25", "epochs = 1"));
        Path dir = tmp.resolve("run");
        assertEquals(0, DlmcRun.of(runArgs(model, dir).toArray(String[]::new)).exitCode());
        Path wider = Files.writeString(tmp.resolve("wider.dlm"), MODEL.replace("Dense(32", "Dense(48"));
        DlmcRun r = DlmcRun.of("run", wider.toString(), "--resume", dir.toString());
        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("error[DLM1101]"), r.err());
        assertTrue(r.err().contains("`dense` units 32 -> 48"), r.err());
        DlmcRun notARun = DlmcRun.of("run", "--resume", tmp.toString());
        assertEquals(1, notARun.exitCode());
        assertTrue(notARun.err().contains("error[DLM1102]"), notARun.err());
        DlmcRun again = DlmcRun.of(runArgs(model, dir).toArray(String[]::new));
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("error[DLM1103]"), again.err());
    }

    private static String testLine(String out) {
        return out.lines().filter(l -> l.startsWith("Test loss")).findFirst().orElse("no test line in:\n" + out);
    }
}
