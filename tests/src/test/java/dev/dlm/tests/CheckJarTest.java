package dev.dlm.tests;

import dev.dlm.cli.Dlmc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cli/target/dlmc-check.jar}, which the launcher runs check, summary, fmt, explain and a
 * lone --version from: its class path names only the compiler, ANTLR and picocli, each of them in
 * {@code lib/}, and those commands print through it exactly what they print in-process with
 * the whole class path. Needs the packaged cli module (`mvn verify` builds it before this
 * module's tests).
 */
class CheckJarTest {

    private static final Path TARGET = Repo.ROOT.resolve("cli/target");
    private static final Path CHECK_JAR = TARGET.resolve("dlmc-check.jar");

    @Test
    void theClassPathNamesOnlyTheCompilersJarsAllPresent() throws IOException {
        assumePackaged();
        try (JarFile jar = new JarFile(CHECK_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.dlm.cli.Dlmc", main.getValue(Attributes.Name.MAIN_CLASS));
            List<String> entries = List.of(main.getValue(Attributes.Name.CLASS_PATH).trim().split(" +"));
            assertEquals(4, entries.size(), entries.toString());
            for (String prefix : List.of("lib/dlm-compiler-", "lib/dlm-grammar-", "lib/antlr4-runtime-", "lib/dlm-picocli-")) {
                assertTrue(entries.stream().anyMatch(e -> e.startsWith(prefix)), prefix + " in " + entries);
            }
            for (String entry : entries) assertTrue(Files.isRegularFile(TARGET.resolve(entry)), entry + " exists beside the jar");
            assertTrue(jar.getEntry("dev/dlm/cli/CheckCommand.class") != null, "the cli's classes are in the jar");
        }
    }

    @Test
    void checkSummaryFmtExplainAndVersionPrintWhatTheyPrintInProcess() throws Exception {
        assumePackaged();
        for (List<String> args : List.of(
                List.of("check", "--format", "json", "models"),
                List.of("check", "--format", "sarif", "tests/src/test/resources/diagnostics"),
                List.of("check", "tests/src/test/resources/diagnostics"),
                List.of("check", "models/missing.dlm"),
                List.of("check", "--format", "xml", "models/mlp.dlm"),
                List.of("summary", "--format", "json", "models/cnn.dlm"),
                List.of("summary", "models/rnn.dlm"),
                List.of("fmt", "--check", "models"),
                List.of("fmt", "--check", "--format", "json", "tests/src/test/resources/diagnostics"),
                List.of("check", "--help"),
                List.of("explain", "DLM0103"),
                List.of("explain", "DLM9999"),
                List.of("explain"),
                List.of("--version"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Dlmc.execute(args.toArray(String[]::new), InputStream.nullInputStream(),
                    new PrintWriter(out), new PrintWriter(err));
            String[] jar = runJar(args);
            String what = "dlmc " + String.join(" ", args);
            assertEquals(String.valueOf(status), jar[0], what + ": exit status; stderr " + jar[2]);
            assertEquals(out.toString(), jar[1], what + ": stdout");
            assertEquals(err.toString(), jar[2], what + ": stderr");
            assertFalse(jar[2].contains("NoClassDefFoundError") || jar[2].contains("ClassNotFoundException"), what + ": " + jar[2]);
        }
    }

    /**
     * A class that no jar has makes the application class loader open and index every jar of the
     * class path, the launcher's class-data archive notwithstanding (picocli's default factory
     * once probed for Groovy's {@code Closure} on every start). The jar's commands run here in a
     * class loader of their own over {@code dlmc-check.jar}, with picocli's switches as a fresh
     * JVM has them, and that loader must be asked for no class it cannot find.
     */
    @Test
    void theCommandsAskTheClassPathForNoClassItLacks() throws Exception {
        assumePackaged();
        List<String> misses = new CopyOnWriteArrayList<>();
        Properties saved = (Properties) System.getProperties().clone();
        System.clearProperty("picocli.disable.closures");
        System.clearProperty("picocli.converters.excludes");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {CHECK_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                try {
                    return super.findClass(name);
                } catch (ClassNotFoundException e) {
                    misses.add(name);
                    throw e;
                }
            }
        }) {
            Method execute = loader.loadClass("dev.dlm.cli.Dlmc").getMethod("execute",
                    String[].class, InputStream.class, PrintWriter.class, PrintWriter.class);
            for (List<String> args : List.of(
                    List.of("check", Repo.ROOT.resolve("models/mlp.dlm").toString()),
                    List.of("summary", Repo.ROOT.resolve("models/cnn.dlm").toString()),
                    List.of("fmt", "--check", Repo.ROOT.resolve("models/rnn.dlm").toString()),
                    List.of("explain", "DLM0103"))) {
                StringWriter err = new StringWriter();
                Object status = execute.invoke(null, args.toArray(String[]::new), InputStream.nullInputStream(),
                        new PrintWriter(new StringWriter()), new PrintWriter(err));
                assertEquals(0, status, "dlmc " + String.join(" ", args) + ": " + err);
            }
        } finally {
            System.setProperties(saved);
        }
        assertEquals(List.of(), misses, "classes looked up on dlmc-check.jar's class path and not found");
    }

    private static void assumePackaged() {
        Assumptions.assumeTrue(Files.isRegularFile(CHECK_JAR), "cli is packaged (mvn verify, or mvn -pl cli -am package)");
    }

    /** Exit status, stdout and stderr of {@code java -jar dlmc-check.jar args} from the repository root. */
    private static String[] runJar(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", CHECK_JAR.toString()));
        cmd.addAll(args);
        Path errFile = Files.createTempFile("dlmc-check", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Repo.ROOT.toFile()).redirectError(errFile.toFile());
            pb.environment().remove("DLMC_TTY");
            pb.environment().remove("NO_COLOR");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dlmc-check.jar finished");
            return new String[] {String.valueOf(p.exitValue()), out, Files.readString(errFile, StandardCharsets.UTF_8)};
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
