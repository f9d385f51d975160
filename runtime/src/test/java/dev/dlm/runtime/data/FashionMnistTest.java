package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void explainsHowToGetItWhenNoCopyExists() {
        Path system = dir.resolve("usr-share");
        Path cache = dir.resolve("cache/fashion-mnist");
        assertDataError(() -> FashionMnist.load(List.of(system, cache), 1.0 / 255, 10),
                "fashion_mnist: no copy found in " + system + " or " + cache,
                "apt-get install dataset-fashion-mnist",
                "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte",
                "in " + cache);
    }

    @Test
    void readsTheFirstDirectoryThatExists() throws IOException, DataException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        IdxFixtures.writeDataset(cache, true, 28, 28);

        Dataset data = FashionMnist.load(List.of(dir.resolve("absent"), cache), 1.0 / 255, 10);

        assertEquals("fashion_mnist", data.name());
        assertEquals(Shape.of(28, 28), data.sampleShape());
        assertEquals(10, data.classes());
        assertEquals(6, data.train().size());
        assertArrayEquals(new int[] {2, 1, 0, 2}, new int[] {data.test().label(0), data.test().label(1),
                data.test().label(2), data.test().label(3)});
    }

    @Test
    void refusesImagesThatAreNot28By28() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        IdxFixtures.writeDataset(cache, false, 32, 32);
        assertDataError(() -> FashionMnist.load(List.of(cache), 1.0 / 255, 10),
                cache.resolve("train-images-idx3-ubyte").toString(),
                "holds samples of shape [32, 32], but Fashion-MNIST samples are [28, 28]");
    }

    static boolean installed() {
        return Files.isDirectory(FashionMnist.SYSTEM_DIRECTORY);
    }

    /** Runs where Debian's dataset-fashion-mnist is installed: its classes are balanced. */
    @Test
    @EnabledIf("installed")
    void loadsDebiansPackage() throws DataException {
        Dataset data = FashionMnist.load(List.of(FashionMnist.SYSTEM_DIRECTORY), 1.0 / 255, 10);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        for (int count : data.train().labelCounts()) assertEquals(6_000, count);
        for (int count : data.test().labelCounts()) assertEquals(1_000, count);
    }
}
