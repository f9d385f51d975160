package dev.dlm.runtime.data;

import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8 probes of the data sources: classes 1, 4 and 8 (nothing leaked, no silent regression). */
class DataReliabilityTest {

    @TempDir
    Path dir;

    /** A shadow-like file: the first line is a secret that no message may quote. */
    private static final String SECRET = "root:$6$saltsaltsalt$0123456789abcdefghijklmnopqrstuvwxyz:19000:0:99999:7:::";

    @Test
    void aNonCsvFileIsNotQuoted() throws IOException {
        Path shadow = Files.writeString(dir.resolve("shadow"), SECRET + "\ndaemon:*:19000:0:99999:7:::\n");
        DataException e = assertDataError(() -> CsvSource.load(shadow, null, "label", 1.0, 0), "no commas");
        assertFalse(e.getMessage().contains("$6$"), e.getMessage());
        DataException last = assertDataError(() -> CsvSource.load(shadow, null, null, 1.0, 0), "one column only");
        assertFalse(last.getMessage().contains("$6$"), last.getMessage());
    }

    @Test
    void cellsAreQuotedShortAndWithoutControlCharacters() throws IOException {
        String longCell = "x".repeat(500);
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,label\n" + longCell + "\u001b[2J,1\n1,0\n1,0\n1,0\n1,0\n");
        DataException e = assertDataError(() -> CsvSource.load(csv, null, "label", 1.0, 0), "d.csv:2:1", "is not a number");
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }

    @Test
    void regressionTargetsAreRefusedNotNumberedAsClasses() throws IOException {
        Path csv = Files.writeString(dir.resolve("r.csv"), "a,y\n1,3.5\n2,11000.25\n3,7\n4,1.5\n5,2.5\n6,0.5\n");
        DataException e = assertDataError(() -> CsvSource.load(csv, null, "y", 1.0, 0), "real numbers", "regression", "loss = mse");
        assertEquals(dev.dlm.compiler.diag.Code.DLM1482, e.code());
        Path classes = Files.writeString(dir.resolve("c.csv"), "a,y\n1,-1\n2,1\n3,1\n4,-1\n5,1\n6,-1\n");
        assertDoesNotThrow(() -> CsvSource.load(classes, null, "y", 1.0, 0), "-1/1 labels stay classes");
    }

    @Test
    void relativePathsAreReadFromTheGivenFolderAndTheErrorSaysWhere() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve("d.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n");
        DataSpec spec = new DataSpec(new DataSource.Csv("d.csv", "label"), null, 0, 1.0, true, null);
        assertDoesNotThrow(() -> DataLoader.load(spec, models));
        DataSpec missing = new DataSpec(new DataSource.Csv("nope.csv", "label"), null, 0, 1.0, true, null);
        assertDataError(() -> DataLoader.load(missing, models), "not found (looked for " + models.toAbsolutePath().resolve("nope.csv"),
                "folder of the .dlm file");
    }

    @Test
    void aSourceWithoutShapeIsCheckedAgainstTheModelsInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,b,c,d,label\n1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,2\n1,2,3,4,0\n1,2,3,4,1\n");
        DataSpec spec = new DataSpec(new DataSource.Csv(csv.toString(), "label"), null, 3, 1.0, true, null);
        Dataset data = DataLoader.load(spec);
        assertDoesNotThrow(() -> DataLoader.requireInput(spec, data, Shape.of(4)));
        assertDoesNotThrow(() -> DataLoader.requireInput(spec, data, Shape.of(2, 2)), "the same number of values");
        assertDataError(() -> DataLoader.requireInput(spec, data, Shape.of(5)), "[4]", "the model's input is [5]");
    }
}
