package dev.dlm.compiler;

import dev.dlm.compiler.ir.CheckedModel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book's three listings and every model file in the repository's {@code models/} folder
 * compile, with the parameter counts Keras's {@code model.summary()} prints for them.
 */
class SeedModelsTest {

    /** The repository's models folder, seen from the compiler module (Maven's working directory). */
    static final Path MODELS = Path.of("..", "models");

    static List<Path> modelFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MODELS)) {
            return files.filter(p -> p.toString().endsWith(".dlm")).sorted().toList();
        }
    }

    private static CheckedModel compile(String name) {
        Compilation c = DlmCompiler.compile(MODELS.resolve(name));
        assertNotNull(c.model(), () -> name + ": " + c.diagnostics());
        return c.model();
    }

    @Test
    void mlpListing132() {
        // Dense 784*256+256 = 200_960; Dense 256*256+256 = 65_792; Dense 256*10+10 = 2_570; sum 269_322
        CheckedModel m = compile("mlp.dlm");
        assertEquals(269_322, m.totalParams());
        assertEquals(269_322, m.trainableParams());
        assertEquals(List.of(200_960L, 0L, 0L, 65_792L, 0L, 0L, 2_570L, 0L),
                m.layers().stream().map(l -> l.paramCount()).toList());
    }

    @Test
    void cnnListing141() {
        // Conv 640 + Conv 36_928 + Conv 36_928 + Dense 576*10+10 = 5_770: 80_266
        CheckedModel m = compile("cnn.dlm");
        assertEquals(80_266, m.totalParams());
        assertTrue(m.reshapesInput(), "MNIST's [28, 28] samples are read as [28, 28, 1]");
        assertEquals(List.of(26L, 26L, 64L), m.layers().get(0).output().dims());
        assertEquals(List.of(5L, 5L, 64L), m.layers().get(3).output().dims());
        assertEquals(List.of(576L), m.layers().get(5).output().dims());
    }

    @Test
    void rnnListing151() {
        // SimpleRNN 256*(28+256+1) = 72_960 + Dense 2_570 = 75_530
        CheckedModel m = compile("rnn.dlm");
        assertEquals(75_530, m.totalParams());
        assertFalse(m.reshapesInput());
    }

    @Test
    void batchNormalizedCnnVariant() {
        // 80_266 + 3 BN layers * 4*64 = 81_034; moving statistics 3 * 2*64 = 384 not trainable
        CheckedModel m = compile("variants/cnn-batchnorm.dlm");
        assertEquals(81_034, m.totalParams());
        assertEquals(80_650, m.trainableParams());
        assertEquals(384, m.nonTrainableParams());
    }

    @Test
    void theFolderHoldsTheListingsTablesAndVariants() throws IOException {
        List<Path> files = modelFiles();
        // The three listings, the Y-network, the book's three tables (26 rows as sweep cells) and the variants.
        assertTrue(files.size() >= 14, () -> "models found: " + files);
        for (String table : List.of("mlp-table.dlm", "cnn-table.dlm", "rnn-table.dlm")) {
            assertTrue(files.stream().anyMatch(f -> f.endsWith(Path.of("tables", table))), () -> "no " + table + " in " + files);
        }
    }

    /** Every file's own {@code expect} lines are checked by compiling it: an unmet one is an error. */
    @TestFactory
    Stream<DynamicTest> everyModelFileCompilesWithoutErrors() throws IOException {
        return modelFiles().stream().map(p -> DynamicTest.dynamicTest(MODELS.relativize(p).toString(), () -> {
            Compilation c = DlmCompiler.compile(p);
            assertNotNull(c.model(), () -> c.diagnostics().toString());
            assertFalse(c.hasWarnings(), () -> c.diagnostics().toString());
            assertTrue(Files.readString(p).contains("expect params =="), "every model states its parameter count");
        }));
    }
}
