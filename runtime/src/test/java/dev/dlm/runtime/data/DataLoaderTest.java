package dev.dlm.runtime.data;

import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheBuiltInMnistFromItsSpec() throws DataException {
        Dataset data = DataLoader.load(new DataSpec(new DataSource.Mnist(), Shape.of(28, 28), 10, 1.0 / 255, true, null));
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(1.0 / 255, data.train().scale());
    }

    @Test
    void resolvesRelativePathsAgainstTheBaseDirectory() throws IOException, DataException {
        IdxFixtures.writeDataset(Files.createDirectories(dir.resolve("digits")), false, 4);
        Files.writeString(dir.resolve("t.csv"), "a,b,y\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,10,x\n");

        Dataset idx = DataLoader.load(new DataSpec(new DataSource.Idx("digits"), null, 0, 1.0, true, null), dir);
        Dataset csv = DataLoader.load(new DataSpec(new DataSource.Csv("t.csv", "y"), Shape.of(2), 0, 1.0, true, null), dir);

        assertEquals("idx(digits)", idx.name());
        assertEquals(3, idx.classes());
        assertEquals(Shape.of(2), csv.sampleShape());
        assertEquals(4, csv.train().size());
        assertEquals(2, csv.classes());
    }

    @Test
    void acceptsADeclaredShapeWithTheSameNumberOfValues() throws DataException {
        IdxFixtures.writeDataset(dir, false, 2, 3);
        Dataset data = DataLoader.load(new DataSpec(new DataSource.Idx(dir.toString()), Shape.of(6), 3, 1.0, true, null));
        assertEquals(Shape.of(2, 3), data.sampleShape());
    }

    @Test
    void refusesADeclaredShapeWithAnotherNumberOfValues() {
        IdxFixtures.writeDataset(dir, false, 2, 3);
        assertDataError(() -> DataLoader.load(new DataSpec(new DataSource.Idx(dir.toString()), Shape.of(7), 3, 1.0, true, null)),
                "idx(" + dir + "): its samples have shape [2, 3] (6 values) but the program declares [7] (7 values)");
    }

    @Test
    void refusesAScaleOfZero() {
        assertDataError(() -> DataLoader.load(new DataSpec(new DataSource.Mnist(), null, 10, 0.0, true, null)),
                "mnist: scale=0.0 would make every sample zero", "use a positive scale");
    }

    @Test
    void reportsAnInvalidPath() {
        assertDataError(() -> DataLoader.load(new DataSpec(new DataSource.Csv("a\0b.csv", null), null, 0, 1.0, true, null)),
                "is not a valid path");
    }

    @Test
    void choosesTheCacheDirectoryFromTheEnvironment() {
        assertEquals(Path.of("/c"), DataLoader.cacheDirectory(Map.of("DLM_CACHE", "/c", "XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/x/dlm"), DataLoader.cacheDirectory(Map.of("XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/h/.cache/dlm"), DataLoader.cacheDirectory(Map.of("DLM_CACHE", " "), "/h"));
    }
}
