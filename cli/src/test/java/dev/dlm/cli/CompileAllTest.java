package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Inputs#compileAll}: files compiled on several threads come back in the order given, each its own. */
class CompileAllTest {

    @Test
    void manyFilesOnSeveralThreadsKeepTheirOrderAndTheirOwnDiagnostics(@TempDir Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // every third file has an error at a line that names the file: results must not be swapped
            String body = i % 3 == 0
                    ? "model m" + i + "(input=[4]) {\n" + "\n".repeat(i) + "    Dense(units=-1)\n}\n"
                    : "model m" + i + " {\n    Input(shape=[" + (i + 1) + "])\n    Dense(" + (i + 2) + ")\n}\n";
            Path f = dir.resolve(String.format("f%02d.dlm", i));
            Files.writeString(f, body);
            files.add(f);
        }
        List<Compilation> all = Inputs.compileAll(files, new ByteArrayInputStream(new byte[0]));
        assertEquals(files.size(), all.size());
        for (int i = 0; i < files.size(); i++) {
            Compilation c = all.get(i);
            assertEquals(files.get(i).toString(), c.source().name(), "result " + i);
            if (i % 3 == 0) {
                assertTrue(c.hasErrors(), "file " + i);
                var error = c.diagnostics().stream().filter(d -> d.isError()).findFirst().orElseThrow();
                int line = c.source().lineOf(error.span().start());
                assertEquals(i + 2, line, "file " + i + ": " + c.diagnostics());
            } else {
                assertFalse(c.hasErrors(), () -> "file " + c.diagnostics());
                // Dense(i + 2) on [i + 1]: (i + 1) * (i + 2) + (i + 2) parameters
                assertEquals((long) (i + 1) * (i + 2) + (i + 2), c.model().totalParams(), "file " + i);
            }
        }
    }
}
