package dev.dlm.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static dev.dlm.tests.RunCommandTest.dlmc;
import static dev.dlm.tests.RunCommandTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's training catalogue through {@code dlmc run}, on tiny synthetic CSV data: a binary
 * classifier (one sigmoid unit, binary crossentropy, accuracy thresholded at 0.5 and the
 * confusion metrics) and a regression model (linear output, mse, the mae metric). Each checks
 * that the metrics reach the progress line, {@code --metrics-out} and the run directory.
 */
class TrainingCatalogueRunTest {

    /** 400 rows of two features; the label is 1 when {@code x1 + 2 x2 > 0.3}. */
    static String separable() {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 400; i++) {
            double a = random.nextDouble(-1, 1), b = random.nextDouble(-1, 1);
            csv.append(String.format("%.4f,%.4f,%d%n", a, b, a + 2 * b > 0.3 ? 1 : 0));
        }
        return csv.toString();
    }

    /** 400 rows; the target is {@code 3 x1 - 2 x2 + 10} rounded, an integer in [5, 15]. */
    static String linear() {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            double a = random.nextDouble(-1, 1), b = random.nextDouble(-1, 1);
            csv.append(String.format("%.4f,%.4f,%d%n", a, b, Math.round(3 * a - 2 * b + 10)));
        }
        return csv.toString();
    }

    @Test
    void aSigmoidBinaryClassifierTrainsAndReportsKerasMetrics(@TempDir Path dir) throws Exception {
        write(dir, "points.csv", separable());
        Path model = write(dir, "binary.dlm", """
                data csv("points.csv", label="label", classes=2)
                model binary(input=[2]) {
                    Dense(8, activation='tanh')
                    Dense(1, activation='sigmoid')
                }
                train {
                    loss = binary_crossentropy
                    optimizer = adamw(learning_rate=0.05)
                    metrics = [accuracy, precision, recall, auc]
                    epochs = 8
                    batch_size = 16
                    validation_split = 0.2
                    seed = 3
                }
                """);
        Path metrics = dir.resolve("metrics.json");
        Path runDir = dir.resolve("run");
        RunCommandTest.Run r = dlmc("run", model.toString(), "--metrics-out", metrics.toString(), "--run-dir", runDir.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains(" - precision: ") && r.out().contains(" - val_auc: "), r.out());
        JsonNode root = new ObjectMapper().readTree(metrics.toFile());
        JsonNode last = root.get("epochs").get(root.get("epochs").size() - 1);
        for (String name : new String[] {"accuracy", "precision", "recall", "auc", "val_accuracy", "val_auc"}) {
            assertTrue(last.has(name), name + " missing in " + last);
        }
        // The rule is linear, so a trained sigmoid unit separates it well.
        assertTrue(last.get("val_accuracy").asDouble() > 0.9, last.toString());
        assertTrue(last.get("auc").asDouble() > 0.95, last.toString());
        assertTrue(root.get("test").get("auc").asDouble() > 0.95, root.get("test").toString());
        String history = Files.readString(runDir.resolve("history.csv"));
        assertTrue(history.startsWith("epoch,accuracy,auc,loss,precision,recall,val_accuracy,val_auc,val_loss,val_precision,val_recall\n"),
                history);
    }

    @Test
    void aLinearRegressionTrainsWithMseAndReportsMae(@TempDir Path dir) throws Exception {
        write(dir, "line.csv", linear());
        Path model = write(dir, "regression.dlm", """
                data csv("line.csv", label="y")
                model line(input=[2]) {
                    Dense(1)
                }
                train {
                    loss = mse
                    optimizer = adam(learning_rate=0.1)
                    metrics = [mae]
                    epochs = 25
                    batch_size = 16
                    seed = 3
                }
                """);
        Path metrics = dir.resolve("metrics.json");
        RunCommandTest.Run r = dlmc("run", model.toString(), "--metrics-out", metrics.toString(), "-q");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode root = new ObjectMapper().readTree(metrics.toFile());
        JsonNode first = root.get("epochs").get(0);
        JsonNode last = root.get("epochs").get(root.get("epochs").size() - 1);
        // Rounding alone leaves an error of about 0.25 on average; an untrained model is ~10 off.
        assertTrue(first.get("mae").asDouble() > 2, first.toString());
        assertTrue(last.get("mae").asDouble() < 0.6, last.toString());
        assertTrue(root.get("test").get("mae").asDouble() < 0.6, root.get("test").toString());
    }

    /** 500 rows; the target is {@code 2 x1 - 3 x2 + 0.5} plus Gaussian noise of sd 0.05: real numbers. */
    static String noisyPlane() {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 500; i++) {
            double a = random.nextDouble(-1, 1), b = random.nextDouble(-1, 1);
            double noise = 0.05 * new java.util.Random(random.nextLong()).nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.5f%n", a, b, 2 * a - 3 * b + 0.5 + noise));
        }
        return csv.toString();
    }

    @Test
    void aRegressionOnRealTargetsReachesTheNoiseFloorAndPredictsValues(@TempDir Path dir) throws Exception {
        // Issue 14: targets with fractions train as real values (they used to be refused).
        write(dir, "plane.csv", noisyPlane());
        Path model = write(dir, "plane.dlm", """
                data csv("plane.csv", label="y")
                model plane(input=[2]) {
                    Dense(1)
                }
                train {
                    loss = mse
                    optimizer = adam(learning_rate=0.05)
                    metrics = [mae, mse]
                    epochs = 12
                    batch_size = 16
                    validation_split = 0.2
                    seed = 3
                }
                """);
        Path metrics = dir.resolve("metrics.json");
        Path runDir = dir.resolve("run");
        RunCommandTest.Run r = dlmc("run", model.toString(), "--metrics-out", metrics.toString(), "--run-dir", runDir.toString(), "-q");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode root = new ObjectMapper().readTree(metrics.toFile());
        JsonNode first = root.get("epochs").get(0);
        JsonNode last = root.get("epochs").get(root.get("epochs").size() - 1);
        // 320 training rows in batches of 16: 20 steps an epoch, 240 in all. The noise alone
        // leaves an mse of 0.0025; the targets' variance is about 4.3.
        assertTrue(first.get("mse").asDouble() > 0.5, first.toString());
        assertTrue(last.get("val_mse").asDouble() < 0.01, last.toString());
        assertTrue(last.get("val_mae").asDouble() < 0.08, last.toString());
        assertEquals(last.get("loss").asDouble(), last.get("mse").asDouble(), 1e-6, "mse is the loss here");
        assertTrue(root.get("test").get("mse").asDouble() < 0.01, root.get("test").toString());

        // predict prints the real value under the label column's name: y(1, -1) = 2 + 3 + 0.5.
        Path samples = write(dir, "samples.csv", "1,-1\n0,0\n");
        RunCommandTest.Run p = dlmc("predict", runDir.toString(), samples.toString());
        assertEquals(0, p.exit(), p.err() + p.out());
        String[] lines = p.out().strip().split("\n");
        assertEquals("input,y", lines[0], p.out());
        assertEquals(5.5, Double.parseDouble(lines[1].substring(lines[1].lastIndexOf(',') + 1)), 0.1, p.out());
        assertEquals(0.5, Double.parseDouble(lines[2].substring(lines[2].lastIndexOf(',') + 1)), 0.1, p.out());

        // evaluate reports the train block's metrics, and no accuracy for real-valued targets.
        RunCommandTest.Run e = dlmc("evaluate", runDir.toString());
        assertEquals(0, e.exit(), e.err() + e.out());
        assertTrue(e.out().contains(" - mae: ") && e.out().contains(" - mse: ") && !e.out().contains("accuracy"), e.out());
        double mse = Double.parseDouble(e.out().substring(e.out().indexOf(" - mse: ") + 8).strip());
        assertEquals(root.get("test").get("mse").asDouble(), mse, 1e-3, "evaluate measures what the run's test measured");
    }

    @Test
    void aClassifierOnRealTargetsIsARunDiagnosticNotAStackTrace(@TempDir Path dir) throws Exception {
        write(dir, "plane.csv", noisyPlane());
        Path model = write(dir, "wrong.dlm", """
                data csv("plane.csv", label="y")
                model wrong(input=[2]) {
                    Dense(3, activation='softmax')
                }
                train {
                    loss = categorical_crossentropy
                    seed = 1
                }
                """);
        RunCommandTest.Run r = dlmc("run", model.toString(), "-q");
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("DLM1482") && r.err().contains("regression targets") && r.err().contains("loss = mse"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }
}
