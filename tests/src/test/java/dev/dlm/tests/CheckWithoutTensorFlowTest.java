package dev.dlm.tests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check}, {@code summary} and {@code fmt} must never load TensorFlow (the compiler's
 * promise: JVM start plus milliseconds). Runs dlmc in a fresh JVM with class-loading logged
 * and asserts no {@code org.tensorflow} or JavaCPP class was loaded.
 */
class CheckWithoutTensorFlowTest {

    static final Path ROOT = Path.of(System.getProperty("dlm.root", "..")).toAbsolutePath().normalize();

    @Test
    void checkSummaryAndFmtLoadNoTensorFlowClass() throws Exception {
        for (List<String> args : List.of(
                List.of("check", "models"),
                List.of("summary", "models/cnn.dlm"),
                List.of("fmt", "--check", "models/rnn.dlm"))) {
            String classes = runLoggingClasses(args);
            assertTrue(classes.contains("dev.dlm.compiler.parse.Parser"), "the compiler ran: " + args);
            assertTrue(!classes.contains("org.tensorflow") && !classes.contains("org.bytedeco"),
                    "`dlmc " + String.join(" ", args) + "` loaded TensorFlow classes");
        }
    }

    private static String runLoggingClasses(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), "dev.dlm.cli.Dlmc"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.lines().filter(l -> !l.contains("[class,load]")).toList().toString());
        return out;
    }
}
