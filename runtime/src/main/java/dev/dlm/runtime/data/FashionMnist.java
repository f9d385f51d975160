package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test 28x28 grey-level images of 10
 * kinds of clothing, in MNIST's idx format. It is not shipped with dlm; it is read from the
 * first of these directories that exists: {@code /usr/share/datasets/fashion-mnist} (Debian's
 * package {@code dataset-fashion-mnist}), then {@code fashion-mnist} in the dlm cache
 * directory ({@link DataLoader#cacheDirectory()}). Files may be gzip-compressed or not.
 */
final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the four .gz files. */
    static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {}

    /** The directories searched, in order. */
    static List<Path> searchPath() {
        return List.of(SYSTEM_DIRECTORY, DataLoader.cacheDirectory().resolve("fashion-mnist"));
    }

    /**
     * Loads Fashion-MNIST from the first directory of {@code searchPath} that exists.
     *
     * @param classes the width of one-hot labels, at least 10
     */
    static Dataset load(List<Path> searchPath, double scale, int classes) throws DataException {
        Path dir = searchPath.stream().filter(Files::isDirectory).findFirst().orElse(null);
        if (dir == null) {
            Path cache = searchPath.get(searchPath.size() - 1);
            throw new DataException(Code.DLM0701, "fashion_mnist", "no copy found in "
                    + searchPath.stream().map(Path::toString).collect(Collectors.joining(" or ")),
                    "install it with `apt-get install dataset-fashion-mnist`, or put its four files ("
                            + IdxDataset.FILE_LIST + ", plain or .gz) in " + cache);
        }
        IdxDataset.Files4 files = IdxDataset.find(dir);
        IdxReader.Samples trainX = IdxReader.readSamples(files.trainImages());
        IdxReader.Samples testX = IdxReader.readSamples(files.testImages());
        IdxDataset.requireSampleShape(trainX, BuiltinMnist.SAMPLE_SHAPE, "Fashion-MNIST");
        IdxDataset.requireSampleShape(testX, BuiltinMnist.SAMPLE_SHAPE, "Fashion-MNIST");
        return IdxDataset.assemble("fashion_mnist", trainX, IdxReader.readLabels(files.trainLabels()),
                testX, IdxReader.readLabels(files.testLabels()), scale, classes);
    }
}
