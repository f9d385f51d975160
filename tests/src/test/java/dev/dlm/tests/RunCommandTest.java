package dev.dlm.tests;

import dev.dlm.cli.Dlmc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dlmc run} end to end, on slices of MNIST small enough for CI (hundreds of steps at most). */
class RunCommandTest {

    static final Path ROOT = CheckWithoutTensorFlowTest.ROOT;

    record Run(int exit, String out, String err) {}

    /** Runs dlmc in-process; a {@code run} without --run-dir or --resume keeps its run in a fresh temporary folder. */
    static Run dlmc(String... args) {
        if (args.length > 0 && args[0].equals("run") && !List.of(args).contains("--run-dir") && !List.of(args).contains("--resume")) {
            try {
                List<String> more = new ArrayList<>(List.of(args));
                more.add("--run-dir");
                more.add(Files.createTempDirectory("dlm-run-").resolve("run").toString());
                args = more.toArray(String[]::new);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Dlmc.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void trainsTheMlpOnASliceAndWritesMetrics(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("m.json");
        Run r = dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--epochs", "2", "--train-limit", "4000",
                "--seed", "7", "--metrics-out", metrics.toString(), "--check-expectations");
        // 2 epochs on 4,000 images cannot reach the file's `expect test.accuracy >= 0.98`: with
        // --check-expectations that is checked anyway, so exit 1, said clearly.
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error[DLM0501]: expectation failed: `test.accuracy`"), r.err());
        assertTrue(r.out().contains("Total params: 269,322"), r.out());
        assertTrue(r.out().contains("Epoch 2/2"), r.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"model\": \"mlp\"") && json.contains("\"seed\": 7") && json.contains("\"train_samples\": 4000"), json);
        double accuracy = Double.parseDouble(json.replaceAll("(?s).*\"test\": \\{[^}]*\"accuracy\": ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, "test accuracy after 2 epochs on 4,000 images: " + accuracy);
    }

    @Test
    void sameSeedSameNumbers(@TempDir Path dir) throws Exception {
        Path model = write(dir, "tiny.dlm", """
                data mnist
                model tiny(input=[784]) { Dense(32, activation='relu'); Dropout(0.2); Dense(10, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = adam; epochs = 1; batch_size = 64 }
                """);
        Run a = dlmc("run", model.toString(), "--train-limit", "1500", "--seed", "42", "-q");
        Run b = dlmc("run", model.toString(), "--train-limit", "1500", "--seed", "42", "-q");
        assertEquals(0, a.exit(), a.err());
        assertEquals(withoutRunDirectory(a.out()), withoutRunDirectory(b.out()), "two runs with the same seed printed different results");
    }

    @Test
    void divergingLossStopsWithAClearError(@TempDir Path dir) throws Exception {
        Path model = write(dir, "diverge.dlm", """
                data mnist
                model m(input=[784]) { Dense(64, activation='relu'); Dense(10, activation='softmax') }
                train { loss = mse; optimizer = sgd(learning_rate=1e30); epochs = 1; batch_size = 32 }
                """);
        Run r = dlmc("run", model.toString(), "--train-limit", "640", "--seed", "1", "-q");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("loss became"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingGpuIsAnErrorNotASilentCpuRun() {
        Run r = dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--device", "gpu", "--epochs", "1", "--train-limit", "128", "-q");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no GPU is visible"), r.err());
        assertFalse(r.out().contains("Test loss"), "it must not train on the CPU instead");
    }

    @Test
    void corruptCsvIsAClearErrorNamingTheFile(@TempDir Path dir) throws Exception {
        write(dir, "d.csv", "a,b,label\n1,2,0\n3,oops,1\n");
        Path model = write(dir, "csv.dlm", """
                data csv("d.csv", label="label", shape=[2], classes=2)
                model m(input=[2]) { Dense(2, activation='softmax') }
                train { loss = categorical_crossentropy; optimizer = sgd }
                """);
        Run r = dlmc("run", model.toString(), "-q");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("d.csv"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void corruptDataInJsonFormatIsAJsonDiagnosticWithACode(@TempDir Path dir) throws Exception {
        Path csv = write(dir, "d.csv", "a,b,label\n1,2,0\n3,oops,1\n");
        Path model = write(dir, "csv.dlm", "data csv(\"" + csv.toString().replace("\\", "/") + "\", label=\"label\", shape=[2], classes=2)\n"
                + "model m(input=[2]) { Dense(2, activation='softmax') }\n"
                + "train { loss = categorical_crossentropy; optimizer = sgd }\n");
        Run r = dlmc("run", model.toString(), "--format", "json", "-q");
        assertEquals(1, r.exit(), r.err());
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(1, root.get("errors").asInt(), r.out());
        var d = root.get("diagnostics").get(0);
        assertEquals("DLM0702", d.get("code").asText());
        assertEquals(1, d.get("line").asInt(), "located at the `data` item");
        assertTrue(d.get("message").asText().contains("oops"), d.toString());
        assertTrue(d.get("message").asText().contains("d.csv"), d.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void divergingLossIsADiagnosticAtTheTrainBlock(@TempDir Path dir) throws Exception {
        Path model = write(dir, "diverge.dlm", """
                data mnist
                model m(input=[784]) { Dense(64, activation='relu'); Dense(10, activation='softmax') }
                train { loss = mse; optimizer = sgd(learning_rate=1e30); epochs = 1; batch_size = 32 }
                """);
        Run r = dlmc("run", model.toString(), "--train-limit", "640", "--seed", "1", "-q", "--format", "json");
        assertEquals(1, r.exit());
        var d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("diagnostics").get(0);
        assertEquals("DLM0801", d.get("code").asText());
        assertEquals(3, d.get("line").asInt());
    }

    @Test
    void aFunctionalModelRunsInARunDirectoryResumesAndExports(@TempDir Path dir) throws Exception {
        Path model = write(dir, "two.dlm", """
                data mnist
                model two {
                    left  = Input(shape=[784])
                    right = Input(shape=[28, 28])
                    a = Dense(8, activation='relu')(left)
                    b = Flatten()(right)
                    b = Dense(8, activation='relu')(b)
                    y = Concatenate()([a, b])
                    out = Dense(10, activation='softmax')(y)
                }
                train { loss = categorical_crossentropy; optimizer = adam; epochs = 1; batch_size = 32; seed = 3 }
                """);
        Path runs = dir.resolve("run");
        Run first = dlmc("run", model.toString(), "--train-limit", "128", "--run-dir", runs.toString(), "-q");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("Test loss"), first.out());
        Run resumed = dlmc("run", "--resume", runs.toString(), "--epochs", "2", "-q");
        assertEquals(0, resumed.exit(), resumed.err());
        // export reads the weights file the run wrote when it stopped (issue 14: functional runs keep weights files)
        assertTrue(java.nio.file.Files.isRegularFile(runs.resolve("weights/last.weights.h5")));
        for (String format : List.of("keras", "savedmodel", "tfjs")) {
            Run export = dlmc("export", runs.toString(), "--format", format, "-o", dir.resolve(format.equals("keras") ? "two.keras" : "two-" + format).toString());
            assertEquals(0, export.exit(), export.err());
            assertTrue(export.out().contains("exported two (") && export.out().contains(" as " + format), export.out());
        }
        var imported = dev.dlm.runtime.model.KerasImport.importFile(dir.resolve("two.keras"), false);
        assertFalse(imported.result().hasErrors(), () -> imported.result().diagnostics().toString());
        assertTrue(imported.result().text().contains("= Concatenate()(["), imported.result().text());
        // evaluate gives the run's own test result; predict needs a file per input for inputs of two shapes
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var test = mapper.readTree(runs.resolve("metrics.json").toFile()).get("test");
        Run evaluate = dlmc("evaluate", runs.toString(), "--format", "json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertEquals(test.get("accuracy").asDouble(), mapper.readTree(evaluate.out()).get("accuracy").asDouble(), 1e-6, evaluate.out());
        assertEquals(test.get("loss").asDouble(), mapper.readTree(evaluate.out()).get("loss").asDouble(), 1e-5, evaluate.out());
        Path images = ROOT.resolve("../shared/datasets/mnist/t10k-images-idx3-ubyte.gz");
        Run refused = dlmc("predict", runs.toString(), images.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("DLM1210") && refused.err().contains("inputs of different shapes")
                && refused.err().contains("--input input_1=FILE --input input_2=FILE"), refused.err());
        assertFalse(refused.err().contains("Exception"), refused.err());
        Run predict = dlmc("predict", runs.toString(), "--input", "input_1=" + images, "--input", "input_2=" + images, "--format", "json");
        assertEquals(0, predict.exit(), predict.err());
        List<String> rows = predict.out().lines().toList();
        assertEquals(10_000, rows.size());
        var row = mapper.readTree(rows.get(0));
        assertTrue(row.get("input").get("input_1").asText().endsWith("t10k-images-idx3-ubyte.gz:0"), rows.get(0));
        double sum = 0;
        for (var p : row.get("probabilities")) sum += p.asDouble();
        assertEquals(1.0, sum, 1e-4, rows.get(0));
    }

    @Test
    void aFunctionalModelWhoseInputsReadTheSameSamplePredicts(@TempDir Path dir) throws Exception {
        // The Y-network's form: two branches read the same image.
        Path model = write(dir, "twin.dlm", """
                data mnist
                model twin {
                    left  = Input(shape=[28, 28, 1])
                    right = Input(shape=[28, 28, 1])
                    a = Flatten()(left)
                    b = Flatten()(right)
                    b = Dense(8, activation='relu')(b)
                    y = Concatenate()([a, b])
                    out = Dense(10, activation='softmax')(y)
                }
                train { loss = categorical_crossentropy; optimizer = adam; epochs = 1; batch_size = 32; seed = 3 }
                """);
        Path runs = dir.resolve("run");
        Run run = dlmc("run", model.toString(), "--train-limit", "256", "--run-dir", runs.toString(), "-q");
        assertEquals(0, run.exit(), run.err());
        Path images = ROOT.resolve("../shared/datasets/mnist/t10k-images-idx3-ubyte.gz");
        Run predict = dlmc("predict", runs.toString(), images.toString(), "--format", "json");
        assertEquals(0, predict.exit(), predict.err());
        List<String> rows = predict.out().lines().toList();
        assertEquals(10_000, rows.size());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = mapper.readTree(rows.get(0));
        double sum = 0;
        for (var p : first.get("probabilities")) sum += p.asDouble();
        assertEquals(1.0, sum, 1e-4, rows.get(0));
    }

    @Test
    void evaluateGivesTheRunsOwnTestResultFromItsLastWeights(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("run");
        Run run = dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--epochs", "1", "--train-limit", "512",
                "--seed", "5", "--run-dir", runs.toString(), "-q");
        assertEquals(0, run.exit(), run.err());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var metrics = mapper.readTree(runs.resolve("metrics.json").toFile()).get("test");
        Run evaluate = dlmc("evaluate", runs.toString(), "--format", "json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        var result = mapper.readTree(evaluate.out());
        assertEquals(10_000, result.get("samples").asInt(), evaluate.out());
        // Keras's evaluate on the same weights and data gives the numbers the run printed for its test set
        assertEquals(metrics.get("accuracy").asDouble(), result.get("accuracy").asDouble(), 1e-6, evaluate.out());
        assertEquals(metrics.get("loss").asDouble(), result.get("loss").asDouble(), 1e-5, evaluate.out());
        Run missing = dlmc("evaluate", dir.resolve("nothing").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("DLM1201"), missing.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--device", "tpu").exit());
        assertEquals(2, dlmc("run", ROOT.resolve("models/mlp.dlm").toString(), "--epochs", "0").exit());
    }

    private static String withoutRunDirectory(String out) {
        return out.lines().filter(l -> !l.startsWith("Run directory: ")).collect(java.util.stream.Collectors.joining("\n"));
    }
}
