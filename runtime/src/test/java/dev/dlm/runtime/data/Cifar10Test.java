package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Augmentation;
import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Cifar10} reads the binary batches, from a folder or the official archive, on synthetic files of the exact format. */
class Cifar10Test {

    @TempDir
    Path dir;

    /** Every label and pixel of the loaded splits, against the fixture's formula: CHW records become HWC samples. */
    private static void assertMatchesFixture(Dataset data, int perFile) {
        assertEquals(Shape.of(32, 32, 3), data.sampleShape());
        assertEquals(10, data.classes());
        assertEquals(5 * perFile, data.train().size());
        assertEquals(perFile, data.test().size());
        for (int i = 0; i < 6 * perFile; i++) {
            int file = i / perFile;
            int record = i % perFile;
            Split split = file < 5 ? data.train() : data.test();
            int at = file < 5 ? i : record;
            assertEquals((file + record) % 10, split.label(at));
            for (int row = 0; row < 32; row += 7) {
                for (int col = 0; col < 32; col += 5) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(Cifar10Fixtures.pixel(file, record, row, col, c), split.rawValue(at, (row * 32 + col) * 3 + c),
                                "file " + file + " record " + record + " pixel " + row + "," + col + "," + c);
                    }
                }
            }
        }
    }

    @Test
    void readsTheExtractedFolderInKerasOrder() throws Exception {
        Cifar10Fixtures.writeFolder(dir.resolve("cifar-10-batches-bin"), 3);
        assertMatchesFixture(Cifar10.load(List.of(dir), 1.0 / 255), 3);
        assertMatchesFixture(Cifar10.load(List.of(dir.resolve("cifar-10-batches-bin")), 1.0 / 255), 3);
    }

    @Test
    void readsTheArchiveWithoutExtractingItAndChecksItsSha256() throws Exception {
        Path archive = dir.resolve(Cifar10.ARCHIVE);
        Cifar10Fixtures.writeArchive(archive, 2);
        String sha;
        try (InputStream in = Files.newInputStream(archive)) {
            sha = Sha256Sums.sha256(in);
        }
        assertMatchesFixture(Cifar10.load(List.of(dir), 1.0 / 255, sha), 2);

        // The real check: our synthetic archive is not the official one.
        DataException e = assertDataError(() -> Cifar10.load(List.of(dir), 1.0 / 255),
                "SHA-256 mismatch: expected " + Cifar10.ARCHIVE_SHA256, "actual " + sha, "download it again");
        assertEquals(Code.DLM1451, e.code());
    }

    @Test
    void saysWhereItLookedAndHowToGetTheDataWhenAbsent() {
        Path cache = dir.resolve("cache/cifar10");
        DataException e = assertDataError(() -> Cifar10.load(List.of(cache), 1.0 / 255),
                "no copy found in " + cache, Cifar10.ARCHIVE, "cifar.html", "put it in " + cache, "DLM_CACHE");
        assertEquals(Code.DLM1450, e.code());
    }

    @Test
    void refusesTruncatedFilesBadLabelsAndMissingBatches() throws Exception {
        Path folder = dir.resolve("f");
        Cifar10Fixtures.writeFolder(folder, 2);
        Files.write(folder.resolve("data_batch_3.bin"), new byte[Cifar10.RECORD + 5]);
        assertEquals(Code.DLM1452, assertDataError(() -> Cifar10.load(List.of(folder), 1.0),
                "data_batch_3.bin", "3078 bytes, not a whole number of 3073-byte records").code());

        byte[] badLabel = new byte[Cifar10.RECORD];
        badLabel[0] = 10;
        Files.write(folder.resolve("data_batch_3.bin"), badLabel);
        assertEquals(Code.DLM1452, assertDataError(() -> Cifar10.load(List.of(folder), 1.0), "record 0 has label 10").code());

        Files.delete(folder.resolve("test_batch.bin"));
        assertEquals(Code.DLM1450, assertDataError(() -> Cifar10.load(List.of(folder), 1.0), "test_batch.bin", "is missing").code());
    }

    @Test
    void theDataLoaderResolvesThePathAgainstTheFilesFolder() throws Exception {
        Cifar10Fixtures.writeFolder(dir.resolve("data/cifar-10-batches-bin"), 1);
        DataSpec spec = new DataSpec(new DataSource.Cifar10("data", new Augmentation(4, true)), Shape.of(32, 32, 3), 10, 1.0 / 255, true, null);
        Dataset data = DataLoader.load(spec, dir);
        assertEquals("cifar10", data.name());
        assertEquals(5, data.train().size());
        assertEquals(Cifar10Fixtures.pixel(0, 0, 0, 0, 0) / 255f, data.train().rawValue(0, 0) / 255f);
    }
}
