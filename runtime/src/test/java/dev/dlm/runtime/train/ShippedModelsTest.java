package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model shipped in {@code models/} compiles, emits (TensorFlow's static shapes equal the
 * checker's for every layer), and evaluates to a finite loss on a few MNIST test samples with
 * as many weights as the checker counted.
 *
 * <p>The three largest chapter-2 networks are left to {@code -Ddlm.models.all=true}: emitting
 * ResNet-56 and DenseNet-BC-100 (hundreds of layers, their gradients included) took 20 minutes
 * of a loaded CI machine, and they are made of the same blocks as ResNet-20 v1 and v2, which
 * run here (their Keras shapes and counts are pinned layer by layer by the compiler's tests).
 */
class ShippedModelsTest {

    static final Path MODELS = Path.of("..", "models");

    private static final java.util.Set<String> LARGEST = java.util.Set.of(
            "resnet56v1.dlm", "resnet56v2.dlm", "densenet_bc100.dlm");

    @TestFactory
    Stream<DynamicTest> everyShippedModelEmitsAndEvaluates() throws IOException {
        assertTrue(Files.isDirectory(MODELS), "no models directory at " + MODELS.toAbsolutePath());
        Split samples = Mnist.test(8);
        try (Stream<Path> files = Files.walk(MODELS)) {
            boolean all = Boolean.getBoolean("dlm.models.all");
            return files.filter(p -> p.toString().endsWith(".dlm"))
                    .filter(p -> all || !LARGEST.contains(p.getFileName().toString()))
                    .sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(MODELS.relativize(file).toString(), () -> {
                        Compilation compilation = DlmCompiler.compile(file);
                        assertFalse(compilation.hasErrors(), () -> file + ": " + compilation.diagnostics());
                        CheckedModel model = compilation.model();
                        try (Trainer trainer = Trainer.create(model, RunOptions.defaults().withThreads(1, 1).withSeed(1L))) {
                            long weights = 0;
                            for (String name : trainer.graph().weightNames()) weights += trainer.graph().weight(name).length;
                            assertEquals(model.totalParams(), weights, "weights emitted");
                            Evaluation evaluation = trainer.evaluate(samples);
                            assertTrue(Double.isFinite(evaluation.loss()), "loss " + evaluation.loss());
                        }
                    }));
        }
    }
}
