package dev.dlm.tests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code dlmc} launcher script: it builds on first use and whenever a file the jar is built
 * from is newer than the jar, and otherwise goes straight to Java with the jar's absolute path
 * however it was invoked. Runs the real script in a copy of the repository's layout with fake
 * {@code mvn} and {@code java} on PATH that only log their arguments.
 */
class LauncherTest {

    @TempDir
    Path repo;

    private Path log;

    private static final Instant OLD = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant JAR_TIME = Instant.parse("2021-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2022-01-01T00:00:00Z");

    @BeforeEach
    void layout() throws IOException {
        Files.copy(Repo.ROOT.resolve("dlmc"), repo.resolve("dlmc"));
        executable(repo.resolve("dlmc"));
        for (String file : List.of("pom.xml", "compiler/pom.xml", "compiler/src/main/java/A.java",
                "compiler/src/main/resources/r.txt", "compiler/src/test/java/ATest.java", "cli/src/main/java/B.java",
                "docs/errors/DLM0001.md", "cli/target/dlmc.jar", "cli/target/dlmc-check.jar")) {
            write(repo.resolve(file), "x", OLD);
        }
        Files.setLastModifiedTime(repo.resolve("cli/target/dlmc.jar"), FileTime.from(JAR_TIME));
        Files.setLastModifiedTime(repo.resolve("cli/target/dlmc-check.jar"), FileTime.from(JAR_TIME));
        log = repo.resolve("calls.log");
        Path bin = Files.createDirectories(repo.resolve("fakebin"));
        // mvn "builds": logs and makes the jar newer than every source.
        fake(bin.resolve("mvn"), "echo \"mvn $*\" >> '" + log + "'\ntouch '" + repo.resolve("cli/target/dlmc.jar") + "'\n");
        fake(bin.resolve("java"), "echo \"java $*\" >> '" + log + "'\n");
    }

    @Test
    void freshJarRunsJavaWithoutBuilding() throws Exception {
        List<String> calls = dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm");
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("java ") && calls.get(0).endsWith(" -jar " + checkJar() + " check m.dlm"), calls.toString());
    }

    @Test
    void checkSummaryFmtExplainAndALoneVersionRunFromTheCheckJarEverythingElseFromTheFullOne() throws Exception {
        // dlmc-check.jar's class path has only the compiler's jars: a command that may register
        // every subcommand (help, an option first, no command) must get dlmc.jar.
        for (String[] args : List.of(new String[] {"check", "m.dlm"}, new String[] {"summary", "--format", "json", "m.dlm"},
                new String[] {"fmt", "--check", "m.dlm"}, new String[] {"--version"}, new String[] {"-V"},
                new String[] {"check", "--help"}, new String[] {"explain", "DLM0001"})) {
            Files.deleteIfExists(log);
            List<String> calls = dlmc(repo, "./dlmc", Map.of(), args);
            assertEquals(1, calls.size(), String.join(" ", args) + ": " + calls);
            assertTrue(calls.get(0).endsWith(" -jar " + checkJar() + " " + String.join(" ", args)), String.join(" ", args) + ": " + calls);
        }
        for (String[] args : List.of(new String[] {}, new String[] {"help"}, new String[] {"help", "check"},
                new String[] {"-h"}, new String[] {"-V", "check"}, new String[] {"--version", "x"},
                new String[] {"lsp"}, new String[] {"completion", "bash"},
                new String[] {"run", "m.dlm"}, new String[] {"evaluate", "runs/x"}, new String[] {"bogus"})) {
            Files.deleteIfExists(log);
            List<String> calls = dlmc(repo, "./dlmc", Map.of(), args);
            assertEquals(1, calls.size(), String.join(" ", args) + ": " + calls);
            String tail = args.length == 0 ? " -jar " + jar() : " -jar " + jar() + " " + String.join(" ", args);
            assertTrue(calls.get(0).endsWith(tail), String.join(" ", args) + ": " + calls);
        }
    }

    @Test
    void eachCommandGetsTheJvmOptionsItsLifetimeWantsAndTheUsersOptionsComeLast() throws Exception {
        // run: full JIT, the serial collector and a small young generation (peak memory); sweep:
        // the JVM's defaults (G1 collects finished cells); check: C1 only; lsp: full JIT, serial.
        String run = dlmc(repo, "./dlmc", Map.of("DLMC_JAVA_OPTS", "-Xmx3g"), "run", "m.dlm").get(0);
        assertTrue(run.startsWith("java -XX:+UseSerialGC -Xmn8m -Xmx3g -jar "), run);
        Files.deleteIfExists(log);
        String sweep = dlmc(repo, "./dlmc", Map.of(), "sweep", "m.dlm").get(0);
        assertTrue(sweep.startsWith("java -jar "), sweep);
        Files.deleteIfExists(log);
        String lsp = dlmc(repo, "./dlmc", Map.of(), "lsp").get(0);
        assertTrue(lsp.startsWith("java -XX:+UseSerialGC -jar "), lsp);
        Files.deleteIfExists(log);
        String check = dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm").get(0);
        assertTrue(check.startsWith("java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "), check);
        assertFalse(check.contains("-Xmn"), check);
    }

    @Test
    void aCollectorTheUserChoosesReplacesTheLaunchersOwn() throws Exception {
        // The JVM refuses to start with two collectors ("Multiple garbage collectors selected").
        Map<String, String> user = Map.of("DLMC_JAVA_OPTS", "-Xmx3g -XX:+UseG1GC");
        String run = dlmc(repo, "./dlmc", user, "run", "m.dlm").get(0);
        assertTrue(run.startsWith("java -Xmx3g -XX:+UseG1GC -jar "), run);
        for (String[] args : List.of(new String[] {"check", "m.dlm"}, new String[] {"lsp"})) {
            Files.deleteIfExists(log);
            String call = dlmc(repo, "./dlmc", user, args).get(0);
            assertFalse(call.contains("UseSerialGC") || call.contains("-Xmn"), call);
            assertTrue(call.contains(" -Xmx3g -XX:+UseG1GC -jar "), call);
        }
        Files.deleteIfExists(log);
        // An option that merely mentions a collector's name selects none.
        String tuned = dlmc(repo, "./dlmc", Map.of("DLMC_JAVA_OPTS", "-XX:+UseGCOverheadLimit"), "run", "m.dlm").get(0);
        assertTrue(tuned.startsWith("java -XX:+UseSerialGC -Xmn8m -XX:+UseGCOverheadLimit -jar "), tuned);
    }

    @Test
    void withoutTheCheckJarCheckRunsFromTheFullJar() throws Exception {
        // A jar built before dlmc-check.jar existed, run with DLMC_NO_BUILD=1.
        Files.delete(repo.resolve("cli/target/dlmc-check.jar"));
        List<String> calls = dlmc(repo, "./dlmc", Map.of("DLMC_NO_BUILD", "1", "DLMC_CDS", "1"), "check", "m.dlm");
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).endsWith(" -jar " + jar() + " check m.dlm"), calls.toString());
        assertFalse(calls.get(0).contains("-XX:SharedArchiveFile") || calls.get(0).contains("-XX:ArchiveClassesAtExit"), calls.toString());
    }

    @Test
    void theClassDataArchiveIsMadeAndUsedWithTheCheckJarOnly() throws Exception {
        Map<String, String> cds = Map.of("DLMC_CDS", "1");
        String archive = repo.toRealPath().resolve("cli/target/dlmc-check.jsa").toString();
        List<String> first = dlmc(repo, "./dlmc", cds, "check", "m.dlm");
        assertEquals(1, first.size(), first.toString());
        assertTrue(first.get(0).contains(" -XX:ArchiveClassesAtExit=" + archive + ".") && first.get(0).endsWith(" -jar " + checkJar() + " check m.dlm"),
                first.toString());
        // The run that makes the archive also runs cli's ArchiveTraining; no other run does.
        assertTrue(first.get(0).contains(" -Ddlmc.cds.train=true "), first.toString());
        // The fake java wrote no archive: no partial file is left behind.
        try (var files = Files.list(repo.resolve("cli/target"))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
        write(repo.resolve("cli/target/dlmc-check.jsa"), "archive", NEW);
        for (String[] args : List.of(new String[] {"check", "m.dlm"}, new String[] {"summary", "m.dlm"}, new String[] {"--version"},
                new String[] {"explain", "DLM0001"})) {
            Files.deleteIfExists(log);
            List<String> calls = dlmc(repo, "./dlmc", cds, args);
            assertTrue(calls.get(0).contains(" -XX:SharedArchiveFile=" + archive + " ")
                    && calls.get(0).endsWith(" -jar " + checkJar() + " " + String.join(" ", args)), calls.toString());
            assertFalse(calls.get(0).contains("dlmc.cds.train"), calls.toString());
        }
        for (String[] args : List.of(new String[] {"completion", "bash"}, new String[] {"help"}, new String[] {"run", "m.dlm"})) {
            Files.deleteIfExists(log);
            List<String> calls = dlmc(repo, "./dlmc", cds, args);
            assertFalse(calls.get(0).contains("-XX:SharedArchiveFile"), calls.toString());
            assertTrue(calls.get(0).endsWith(" -jar " + jar() + " " + String.join(" ", args)), calls.toString());
        }
        // An archive older than the jar (a rebuild since) is made anew, not used.
        Files.setLastModifiedTime(repo.resolve("cli/target/dlmc-check.jsa"), FileTime.from(OLD));
        Files.deleteIfExists(log);
        List<String> stale = dlmc(repo, "./dlmc", cds, "check", "m.dlm");
        assertTrue(stale.get(0).contains(" -XX:ArchiveClassesAtExit=" + archive + "."), stale.toString());
    }

    @Test
    void aNewerMainSourceResourcePomOrErrorPageRebuilds() throws Exception {
        for (String file : List.of("compiler/src/main/java/A.java", "compiler/src/main/resources/r.txt", "pom.xml",
                "compiler/pom.xml", "docs/errors/DLM0001.md", "cli/src/main/java/New.java")) {
            Files.setLastModifiedTime(repo.resolve("cli/target/dlmc.jar"), FileTime.from(JAR_TIME));
            write(repo.resolve(file), "changed", NEW);
            Files.deleteIfExists(log);
            List<String> calls = dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm");
            assertEquals(2, calls.size(), file + ": " + calls);
            assertTrue(calls.get(0).startsWith("mvn ") && calls.get(0).contains("-pl cli -am package"), file + ": " + calls);
            assertTrue(calls.get(1).startsWith("java "), file + ": " + calls);
            Files.setLastModifiedTime(repo.resolve(file), FileTime.from(OLD));
        }
    }

    @Test
    void aNewerTestSourceDoesNotRebuildNorDoesNoBuild() throws Exception {
        write(repo.resolve("compiler/src/test/java/ATest.java"), "changed", NEW);
        assertFalse(dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm").toString().contains("mvn "));
        write(repo.resolve("compiler/src/main/java/A.java"), "changed", NEW);
        Files.deleteIfExists(log);
        assertFalse(dlmc(repo, "./dlmc", Map.of("DLMC_NO_BUILD", "1"), "check", "m.dlm").toString().contains("mvn "));
    }

    @Test
    void aBuildThatLeavesTheJarAloneStillBuildsOnlyOnce() throws Exception {
        // Maven does not rewrite a jar whose contents did not change: a touched source would
        // otherwise be "newer than the jar" at every start.
        fake(repo.resolve("fakebin/mvn"), "echo \"mvn $*\" >> '" + log + "'\n");
        write(repo.resolve("compiler/src/main/java/A.java"), "x", NEW);
        assertTrue(dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm").get(0).startsWith("mvn "));
        Files.deleteIfExists(log);
        List<String> second = dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm");
        assertEquals(1, second.size(), second.toString());
        assertTrue(second.get(0).startsWith("java "), second.toString());
    }

    @Test
    void aMissingJarBuilds() throws Exception {
        Files.delete(repo.resolve("cli/target/dlmc.jar"));
        List<String> calls = dlmc(repo, "./dlmc", Map.of(), "check", "m.dlm");
        assertTrue(calls.get(0).startsWith("mvn "), calls.toString());
    }

    @Test
    void theJarPathIsAbsoluteAndCanonicalHoweverTheScriptIsNamed() throws Exception {
        Path sub = Files.createDirectories(repo.resolve("models"));
        String name = repo.getFileName().toString();
        for (String[] how : List.of(
                new String[] {repo.toString(), "./dlmc"},
                new String[] {repo.toString(), repo.resolve("dlmc").toString()},
                new String[] {repo.getParent().toString(), name + "/dlmc"},
                new String[] {sub.toString(), "../dlmc"},
                new String[] {sub.toString(), "./../dlmc"},
                new String[] {sub.toString(), "../models/../dlmc"})) {
            Files.deleteIfExists(log);
            List<String> calls = dlmc(Path.of(how[0]), how[1], Map.of(), "summary", "m.dlm");
            assertEquals(1, calls.size(), String.join(" in ", how) + ": " + calls);
            assertTrue(calls.get(0).endsWith(" -jar " + checkJar() + " summary m.dlm"), String.join(" in ", how) + ": " + calls);
        }
    }

    private String jar() throws IOException {
        return repo.toRealPath().resolve("cli/target/dlmc.jar").toString();
    }

    private String checkJar() throws IOException {
        return repo.toRealPath().resolve("cli/target/dlmc-check.jar").toString();
    }

    /** Runs {@code script} with bash from {@code dir}; the fake tools' calls, in order. */
    private List<String> dlmc(Path dir, String script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", repo.resolve("fakebin") + ":/usr/bin:/bin");
        pb.environment().remove("DLMC_NO_BUILD");
        pb.environment().put("DLMC_CDS", "0");
        pb.environment().putAll(env);
        // The script's idea of the working directory must be the real one, not the JVM's.
        pb.environment().put("PWD", dir.toRealPath().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher finished");
        assertEquals(0, p.exitValue(), out);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void write(Path file, String text, Instant time) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private static void fake(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
