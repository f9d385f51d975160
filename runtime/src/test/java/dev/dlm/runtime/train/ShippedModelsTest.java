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
 */
class ShippedModelsTest {

    static final Path MODELS = Path.of("..", "models");

    @TestFactory
    Stream<DynamicTest> everyShippedModelEmitsAndEvaluates() throws IOException {
        assertTrue(Files.isDirectory(MODELS), "no models directory at " + MODELS.toAbsolutePath());
        Split samples = Mnist.test(8);
        try (Stream<Path> files = Files.walk(MODELS)) {
            return files.filter(p -> p.toString().endsWith(".dlm")).sorted().toList().stream()
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
