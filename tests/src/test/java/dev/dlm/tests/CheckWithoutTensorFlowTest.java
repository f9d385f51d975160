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

    @Test
    void theLanguageServerStartsAnswersAndExitsWithoutTensorFlow() throws Exception {
        // initialize, open the CNN, ask for inlay hints, shut down, exit: as an editor does.
        String cnn = java.nio.file.Files.readString(ROOT.resolve("models/cnn.dlm"));
        String open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///cnn.dlm\","
                + "\"languageId\":\"dlm\",\"version\":1,\"text\":" + jsonString(cnn) + "}}}";
        String session = frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}")
                + frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}")
                + frame(open)
                + frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/inlayHint\",\"params\":{\"textDocument\":{\"uri\":\"file:///cnn.dlm\"},"
                        + "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":999,\"character\":0}}}}")
                + frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}")
                + frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        String classes = runLoggingClasses(List.of("lsp", "--stdio"), session);
        assertTrue(classes.contains("\"serverInfo\":{\"name\":\"dlmc\""), "initialize was answered");
        assertTrue(classes.contains("Total params: 80,266"), "inlay hints were answered");
        assertTrue(classes.contains("dev.dlm.lsp.DlmLanguageServer"), "the language server ran");
        assertTrue(!classes.contains("org.tensorflow") && !classes.contains("org.bytedeco"), "`dlmc lsp` loaded TensorFlow classes");
    }

    private static String frame(String json) {
        return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String runLoggingClasses(List<String> args) throws IOException, InterruptedException {
        return runLoggingClasses(args, "");
    }

    private static String runLoggingClasses(List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), "dev.dlm.cli.Dlmc"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.lines().filter(l -> !l.contains("[class,load]")).toList().toString());
        return out;
    }
}
