package dev.dlm.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.dlm.tests.RunCommandTest.ROOT;
import static dev.dlm.tests.RunCommandTest.dlmc;
import static dev.dlm.tests.RunCommandTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 8's probes end to end, through {@code dlmc} in-process: each was a crash, a hang, a
 * stack trace, lost or leaked data, or a surprise. The destructive ones (a full disk, memory
 * caps, another user, signals) are in {@code tests/probes/run-destructive}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReliabilityProbesTest {

    private static void assertNoStackTrace(RunCommandTest.Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"),
                "no stack trace or exception name:\n" + r.err());
    }

    // ---- class 1: crashes on valid input -----------------------------------------------------

    @Test
    void csvWithoutShapeRuns(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 200; i++) csv.append(i % 3).append(',').append(i % 5).append(",1,").append(i % 7).append(',').append(i % 3).append('\n');
        write(dir, "good.csv", csv.toString());
        Path model = write(dir, "m.dlm", """
                data csv('good.csv', label='label', classes=3)
                model m(input=[4]) { Dense(3, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam; epochs = 1 }
                """);
        RunCommandTest.Run r = dlmc("run", model.toString(), "-q", "--seed", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Test loss: "), r.out());
        assertFalse(r.out().contains("accuracy"), "no metric asked for, so no accuracy: " + r.out());
        assertNoStackTrace(r);

        Path wrong = write(dir, "wrong.dlm", """
                data csv('good.csv', label='label', classes=3)
                model m(input=[5]) { Dense(3, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam; epochs = 1 }
                """);
        RunCommandTest.Run w = dlmc("run", wrong.toString(), "-q");
        assertEquals(1, w.exit(), w.err());
        assertTrue(w.err().contains("the model's input is [5]"), w.err());
        assertNoStackTrace(w);
    }

    @Test
    void idxWithoutShapeRuns(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("digits"));
        idx(data, "train", 64);
        idx(data, "t10k", 16);
        Path model = write(dir, "m.dlm", """
                data idx('digits', classes=2)
                model m(input=[16]) { Dense(2, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = sgd; metrics = [accuracy]; epochs = 1 }
                """);
        RunCommandTest.Run r = dlmc("run", model.toString(), "-q", "--seed", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("test accuracy"), r.out());
    }

    /** Writes idx files of {@code n} 4x4 uint8 images labelled 0 or 1. */
    private static void idx(Path dir, String prefix, int n) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream im = new DataOutputStream(images);
        im.writeInt(0x00000803);
        im.writeInt(n);
        im.writeInt(4);
        im.writeInt(4);
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lb = new DataOutputStream(labels);
        lb.writeInt(0x00000801);
        lb.writeInt(n);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 16; p++) im.writeByte((i % 2) * 200 + p);
            lb.writeByte(i % 2);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
    }

    // ---- class 2: diagnostics, never stack traces -------------------------------------------

    @Test
    void fmtOnAHundredThousandTermChainIsADiagnostic(@TempDir Path dir) throws Exception {
        Path chain = write(dir, "chain.dlm", "let a = 1\nlet b = " + "a + ".repeat(100_000) + "a\nmodel m(input=[4]) { Dense(2) }\n");
        String before = Files.readString(chain);
        RunCommandTest.Run r = dlmc("fmt", chain.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error[DLM0004]"), r.err());
        assertNoStackTrace(r);
        assertEquals(before, Files.readString(chain), "the file is untouched");
    }

    // ---- class 3: nothing lost --------------------------------------------------------------

    @Test
    void fmtKeepsCrlfAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = write(dir, "m.dlm", "model m(input=[4]) {\r\n  Dense(2)\r\n}\r\n");
        assertEquals(0, dlmc("fmt", f.toString()).exit());
        assertEquals("model m(input=[4]) {\r\n    Dense(2)\r\n}\r\n", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void metricsOutIsCheckedBeforeAnyWorkAndNeverOverwritesAModel(@TempDir Path dir) throws Exception {
        Path model = ROOT.resolve("models/mlp.dlm");
        String before = Files.readString(model);
        RunCommandTest.Run self = dlmc("run", model.toString(), "--metrics-out", model.toString());
        assertEquals(1, self.exit());
        assertTrue(self.err().startsWith("error[DLM0803]: cannot write --metrics-out"), self.err());
        assertFalse(self.out().contains("Epoch"), "refused before training");
        assertEquals(before, Files.readString(model));

        RunCommandTest.Run missing = dlmc("run", model.toString(), "--metrics-out", dir.resolve("no/such/m.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertFalse(missing.out().contains("Epoch"), "refused before training");
    }

    // ---- class 4: nothing leaked ------------------------------------------------------------

    @Test
    void fmtDirDoesNotFollowALinkOutOfTheFolder(@TempDir Path tmp) throws Exception {
        Path outside = write(tmp, "outside.dlm", "model   m(input=[4]) { Dense(2) }\n");
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Files.createSymbolicLink(dir.resolve("x.dlm"), outside);
        write(dir, "a.dlm", "model m(input=[4]) {\n    Dense(2)\n}\n");
        RunCommandTest.Run r = dlmc("fmt", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: skipped"), r.err());
        assertEquals("model   m(input=[4]) { Dense(2) }\n", Files.readString(outside), "the link's target is untouched");

        RunCommandTest.Run check = dlmc("check", dir.toString());
        assertFalse(check.err().contains("model   m"), "check does not echo the link's target: " + check.err());
    }

    @Test
    void aDataFileErrorDoesNotQuoteItsLines(@TempDir Path dir) throws Exception {
        write(dir, "shadow", "root:$6$secretsalt$hashhashhash:19000:0:99999:7:::\n");
        Path model = write(dir, "m.dlm", """
                data csv('shadow', label='label', classes=2)
                model m(input=[4]) { Dense(2, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam }
                """);
        RunCommandTest.Run r = dlmc("run", model.toString(), "-q");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("shadow"), "the file is named: " + r.err());
        assertFalse(r.err().contains("$6$"), r.err());
    }

    // ---- class 7: inputs of every kind ------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAndDevZeroAreRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p.dlm");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        RunCommandTest.Run r = dlmc("check", fifo.toString(), "/dev/zero");
        assertEquals(1, r.exit());
        assertEquals(2, r.err().split("not a regular file", -1).length - 1, r.err());
        assertEquals(1, dlmc("fmt", fifo.toString()).exit());
    }

    // ---- class 8: run-time surprises --------------------------------------------------------

    @Test
    void overriddenTrainingLeavesExpectationsUncheckedWithANote() {
        RunCommandTest.Run r = dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--epochs", "1", "--train-limit", "256", "-q", "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning[DLM0501]: `expect test.accuracy >= 0.98` was not checked"), r.err());
        assertTrue(r.err().contains("note: --epochs and --train-limit change the file's training settings"), r.err());
        assertTrue(r.err().contains("help: pass --check-expectations to check it anyway"), r.err());
    }

    @Test
    void optionsAreBoundedAndSeedsNonNegative() {
        String mlp = ROOT.resolve("models/mlp.dlm").toString();
        assertEquals(2, dlmc("run", mlp, "--seed", "-1").exit());
        RunCommandTest.Run r = dlmc("run", mlp, "--threads", "2000", "--epochs", "1", "--train-limit", "64", "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning[DLM0802]: --threads 2000 is more than the"), r.err());
    }
}
