package dev.dlm.tests;

import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.model.TrainedRun;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.predict.InferenceGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exports read by the real clients: Python's TensorFlow ({@code tf.saved_model.load}),
 * Keras 3 ({@code keras.saving.load_model}) and TensorFlow.js in Node
 * ({@code tf.loadLayersModel}, pure-JavaScript CPU backend) predict the first 100 MNIST test
 * images as {@code dlmc predict} does, within 1e-5, for every listing and variant model (with
 * seeded random weights: no training needed for non-trivial predictions), and as dlm's
 * inference graph does for two functional models (the Y-network; two inputs with a shared
 * layer, batch normalization and merges).
 *
 * <p>Runs with {@code mvn -Pinterop} (what {@code interop/run} and CI call) and needs the
 * virtual environment {@code .venv-interop} and {@code interop/node_modules}, which
 * {@code interop/run} prepares. Without them the test is skipped with a message saying why.
 */
@Tag("interop")
class InteropTest {

    static final Path WORK = Repo.ROOT.resolve("tests/target/interop");
    static final Path PYTHON = Path.of(System.getProperty("dlm.interop.python",
            Repo.ROOT.resolve(".venv-interop/bin/python").toString()));
    static final Path NODE_MODULES = Repo.ROOT.resolve("interop/node_modules/@tensorflow/tfjs");
    static final int SAMPLES = 100;
    static final double TOLERANCE = 1e-5;

    static final List<String> MODELS = List.of("mlp.dlm", "cnn.dlm", "rnn.dlm", "variants/cnn-batchnorm.dlm",
            "variants/rnn-lstm.dlm", "variants/rnn-gru.dlm", "variants/rnn-gru-reset-before.dlm", "variants/rnn-bilstm.dlm");

    /**
     * Functional models (issue 14): every input reads the same image, as {@code data mnist}
     * feeds them. The expected probabilities come from dlm's inference graph directly (the
     * graph {@code dlmc predict} runs); {@code dlmc export} writes the files.
     */
    static final List<Path> FUNCTIONAL = List.of(Repo.MODELS.resolve("ynet.dlm"), Repo.RESOURCES.resolve("export/two_inputs.dlm"));

    @BeforeAll
    static void prepare() throws Exception {
        if (!Files.isExecutable(PYTHON)) skip("no Python environment at " + PYTHON + " (interop/run makes it)");
        if (!Files.isDirectory(NODE_MODULES)) skip("no @tensorflow/tfjs in interop/node_modules (interop/run installs it)");
        if (Files.exists(WORK)) deleteTree(WORK);
        Files.createDirectories(WORK.resolve("images"));
        Split test = DataLoader.load(new DataSpec(new dev.dlm.compiler.ir.DataSource.Mnist(), Shape.of(28, 28), 10, 1 / 255.0, true, null)).test();
        writeImages(test);
        List<String> pngs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) pngs.add(WORK.resolve("images/" + String.format("%03d.png", i)).toString());
        for (String file : MODELS) {
            String name = Path.of(file).getFileName().toString().replace(".dlm", "");
            Path folder = WORK.resolve(name);
            Path run = folder.resolve("run");
            TrainedModel model = KerasImportTest.randomModel(Repo.MODELS.resolve(file), 17);
            TrainedRun.write(run, model, TrainedRun.Which.LAST);
            List<String> args = new ArrayList<>(List.of("predict", run.toString()));
            args.addAll(pngs);
            DlmcRun predict = DlmcRun.of(args.toArray(String[]::new));
            assertEquals(0, predict.exitCode(), predict.transcript());
            Files.writeString(folder.resolve("predict.csv"), predict.out());
            assertEquals(SAMPLES + 1, predict.out().lines().count(), "a header and one row per image");
            DlmcRun fromIdx = DlmcRun.of("predict", run.toString(), WORK.resolve("images.idx").toString());
            assertEquals(probabilities(predict.out()), probabilities(fromIdx.out()), "PNG and idx inputs predict alike");
            export(run, "savedmodel", folder.resolve("saved"), 0);
            export(run, "keras", folder.resolve("model.keras"), 0);
            boolean tfjsCan = !(file.contains("rnn-gru.dlm"));
            export(run, "tfjs", folder.resolve("tfjs"), tfjsCan ? 0 : 1);
        }
        float[] x = new float[SAMPLES * 784];
        for (int i = 0; i < x.length; i++) x[i] = (float) (test.rawValue(i / 784, i % 784) / 255.0);
        for (Path file : FUNCTIONAL) {
            Path folder = WORK.resolve("functional-" + file.getFileName().toString().replace(".dlm", ""));
            Path run = folder.resolve("run");
            TrainedModel model = KerasImportTest.randomModel(file, 17);
            TrainedRun.write(run, model, TrainedRun.Which.LAST);
            StringBuilder csv = new StringBuilder("sample,class");
            for (int c = 0; c < 10; c++) csv.append(",p").append(c);
            csv.append('\n');
            try (InferenceGraph graph = InferenceGraph.build(model, 1)) {
                float[] p = graph.predict(x, SAMPLES);
                for (int i = 0; i < SAMPLES; i++) {
                    csv.append(i).append(",-");
                    for (int c = 0; c < 10; c++) csv.append(',').append(p[i * 10 + c]);
                    csv.append('\n');
                }
            }
            Files.writeString(folder.resolve("predict.csv"), csv);
            export(run, "savedmodel", folder.resolve("saved"), 0);
            export(run, "keras", folder.resolve("model.keras"), 0);
            export(run, "tfjs", folder.resolve("tfjs"), 0);
        }
    }

    private static void export(Path run, String format, Path to, int exit) {
        DlmcRun r = DlmcRun.of("export", run.toString(), "--format", format, "-o", to.toString());
        assertEquals(exit, r.exitCode(), r.transcript());
        if (exit != 0) assertTrue(r.err().contains("error[DLM1204]"), r.transcript());
    }

    @Test
    void pythonTensorFlowAndKerasPredictAsDlmc() throws Exception {
        Map<String, Double> diffs = run(List.of(PYTHON.toString(), Repo.ROOT.resolve("interop/check_exports.py").toString(), WORK.toString()));
        assertEquals(2 * (MODELS.size() + FUNCTIONAL.size()), diffs.size(), "a SavedModel and a .keras result per model: " + diffs);
        diffs.forEach((k, v) -> assertTrue(v <= TOLERANCE, k + " differs from dlmc predict by " + v));
        System.err.println("interop: Python TensorFlow/Keras max |diff| per export: " + diffs);
    }

    @Test
    void tensorflowJsInNodePredictsAsDlmc() throws Exception {
        Map<String, Double> diffs = run(List.of("node", Repo.ROOT.resolve("interop/check_tfjs.js").toString(), WORK.toString()));
        assertEquals(MODELS.size() - 1 + FUNCTIONAL.size(), diffs.size(), "a TF.js result per model but GRU(reset_after=True): " + diffs);
        diffs.forEach((k, v) -> assertTrue(v <= TOLERANCE, k + " differs from dlmc predict by " + v));
        System.err.println("interop: TF.js max |diff| per export: " + diffs);
    }

    /**
     * The TensorBoard event files of a run (issue 9's writer) read by TensorBoard's own
     * EventAccumulator, and the run's weights (written when it stopped) used by predict. Skipped, with a message, on a
     * branch whose {@code dlmc run} keeps no run directory yet.
     */
    @Test
    void tensorBoardReadsTheEventFilesOfARunAndPredictUsesItsCheckpoint() throws Exception {
        DlmcRun help = DlmcRun.of("run", "--help");
        if (!help.out().contains("--run-dir")) skip("this build's dlmc run keeps no run directory (issue 9's writer is not merged)");
        String text = Files.readString(Repo.MODELS.resolve("mlp.dlm")).lines()
                .filter(l -> !l.startsWith("expect")).collect(java.util.stream.Collectors.joining("\n"));
        Path file = WORK.resolve("tensorboard.dlm");
        Files.writeString(file, text + "\n");
        Path run = WORK.resolve("tensorboard-run");
        DlmcRun r = DlmcRun.of("run", file.toString(), "--epochs", "2", "--train-limit", "512", "--seed", "1",
                "--run-dir", run.toString(), "-q");
        assertEquals(0, r.exitCode(), r.transcript());
        Process p = new ProcessBuilder(PYTHON.toString(), Repo.ROOT.resolve("interop/check_tensorboard.py").toString(),
                run.resolve("tensorboard").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        Matcher loss = Pattern.compile("\"train\": \\{\"scalars\": \\{[^}]*\"epoch_loss\": \\[\\[0, ([0-9.eE+-]+)], \\[1, ([0-9.eE+-]+)]]").matcher(out);
        assertTrue(loss.find(), "TensorBoard reads epoch_loss at steps 0 and 1 of train: " + out);
        assertTrue(Double.parseDouble(loss.group(2)) < Double.parseDouble(loss.group(1)), "the loss fell: " + out);
        DlmcRun predict = DlmcRun.of("predict", run.toString(), WORK.resolve("images.idx").toString());
        assertEquals(0, predict.exitCode(), predict.transcript());
        assertEquals(SAMPLES + 1, predict.out().lines().count());
        System.err.println("interop: TensorBoard read " + out.strip());
    }

    private static final Pattern LINE = Pattern.compile("\\{\"model\": ?\"([^\"]+)\", ?\"format\": ?\"(\\w+)\", ?\"samples\": ?(\\d+), ?\"max_abs_diff\": ?([0-9.eE+-]+)}");

    /** Runs a checker script; its JSON lines as "model/format" -> max |diff|. */
    private static Map<String, Double> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Repo.ROOT.resolve("interop").toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
        Map<String, Double> diffs = new TreeMap<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            assertEquals(SAMPLES, Integer.parseInt(m.group(3)), m.group());
            diffs.put(m.group(1) + "/" + m.group(2), Double.parseDouble(m.group(4)));
        }
        return diffs;
    }

    private static List<String> probabilities(String csv) {
        return csv.lines().skip(1).map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }

    /** The first 100 test images as 8-bit greyscale PNGs and as one idx file (unsigned bytes). */
    private static void writeImages(Split test) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream idx = new DataOutputStream(bytes);
        idx.writeInt(0x00000803);
        idx.writeInt(SAMPLES);
        idx.writeInt(28);
        idx.writeInt(28);
        for (int i = 0; i < SAMPLES; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int e = 0; e < 784; e++) {
                int v = (int) test.rawValue(i, e);
                img.getRaster().setSample(e % 28, e / 28, 0, v);
                idx.writeByte(v);
            }
            ImageIO.write(img, "png", WORK.resolve("images/" + String.format("%03d.png", i)).toFile());
        }
        Files.write(WORK.resolve("images.idx"), bytes.toByteArray());
    }

    private static void skip(String why) {
        System.err.println("INTEROP TESTS SKIPPED: " + why);
        Assumptions.abort("interop tests skipped: " + why);
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
