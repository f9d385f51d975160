package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.DataSource;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The entry point that turns a program's {@code data} declaration into a {@link Dataset}.
 * Sources, by {@link DataSpec#kind()}:
 * <ul>
 *   <li>{@code mnist}: the four original MNIST files shipped in the runtime, each checked
 *       against the shipped {@code SHA256SUMS} on every load; no network, no cache.</li>
 *   <li>{@code fashion_mnist}: Fashion-MNIST from {@code /usr/share/datasets/fashion-mnist}
 *       (Debian's {@code dataset-fashion-mnist}), else from {@code fashion-mnist} in
 *       {@link #cacheDirectory()}.</li>
 *   <li>{@code idx}: a directory holding {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 *       {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}; samples of any rank and
 *       idx element type (uint8 samples stay bytes, others become float32).</li>
 *   <li>{@code csv}: a CSV file with a header row; {@code label} names the label column (the
 *       last one when not given), or several for a regression. Integer labels are class ids;
 *       other labels are sorted and numbered; a regression's labels are real-valued targets. The test split is the file named like it with {@code train}
 *       replaced by {@code test} when that exists, else every fifth data row.</li>
 *   <li>{@code cifar10}: CIFAR-10's binary batches from the folder {@code path} (relative to
 *       the base directory) or {@code cifar10} in {@link #cacheDirectory()}: see {@link Cifar10}.</li>
 * </ul>
 * Samples keep the source's own shape ({@code [28, 28]} for MNIST); when the program declares
 * a sample shape, it must have the same number of values. Labels are checked against the
 * declared number of classes, or counted from the data when the program declares none (0).
 * Every problem with the data is a {@link DataException} with a one-line message.
 */
public final class DataLoader {

    private DataLoader() {}

    /** Loads {@code spec}, resolving a relative path against the working directory (tests; {@code dlmc run} passes the file's folder). */
    public static Dataset load(DataSpec spec) throws DataException {
        return load(spec, Path.of(""));
    }

    /**
     * Loads {@code spec}, resolving a relative path against {@code baseDirectory} (usually
     * the directory of the {@code .dlm} file that declares it).
     *
     */
    public static Dataset load(DataSpec spec, Path baseDirectory) throws DataException {
        double scale = spec.scale();
        if (!Double.isFinite(scale) || scale == 0) {
            throw new DataException(spec.kind(), "scale=" + scale + " would make every sample "
                    + (scale == 0 ? "zero" : "non-finite"), "use a positive scale such as 1/255, or 1 for none");
        }
        int classes = Math.max(spec.classes(), 0);
        // The sources are sealed records: this chain covers them all (a test checks).
        DataSource source = spec.source();
        Dataset dataset;
        if (source instanceof DataSource.Mnist) {
            dataset = BuiltinMnist.load(BuiltinMnist.SHIPPED, scale, orMnist(classes));
        } else if (source instanceof DataSource.FashionMnist) {
            dataset = FashionMnist.load(FashionMnist.searchPath(), scale, orMnist(classes));
        } else if (source instanceof DataSource.Idx idx) {
            dataset = IdxDataset.load("idx(" + idx.path() + ")", resolve(idx.path(), baseDirectory), scale, classes);
        } else if (source instanceof DataSource.Cifar10 cifar) {
            dataset = Cifar10.load(Cifar10.searchPath(cifar.path(), baseDirectory), scale);
        } else if (source instanceof DataSource.Csv csv) {
            dataset = csv.outputs().isEmpty()
                    ? CsvSource.load(resolve(csv.path(), baseDirectory), null, csv.labels(), csv.realTargets(), scale, classes)
                    : CsvSource.loadPerOutput(resolve(csv.path(), baseDirectory), null, csv.outputs(), scale, classes);
        } else {
            throw new AssertionError("unreachable: DataSource is sealed, found " + source);
        }
        if (spec.sampleShape() != null && spec.sampleShape().elements() != dataset.sampleShape().elements()) {
            throw new DataException(Code.DLM0703, dataset.name(), "its samples have shape " + dataset.sampleShape() + " ("
                    + dataset.sampleShape().elements() + " values) but the program declares " + spec.sampleShape()
                    + " (" + spec.sampleShape().elements() + " values)",
                    "declare the shape the data has");
        }
        return dataset;
    }

    /**
     * Checks that {@code data}'s samples fit a model whose input is {@code input} (the same
     * number of values) when {@code spec} declares no sample shape, so the checker could not
     * compare them.
     */
    public static void requireInput(DataSpec spec, Dataset data, Shape input) throws DataException {
        if (spec.sampleShape() == null && data.sampleShape().elements() != input.elements()) {
            throw new DataException(Code.DLM0703, data.name(), "its samples have shape " + data.sampleShape() + " ("
                    + data.sampleShape().elements() + " values) but the model's input is " + input
                    + " (" + input.elements() + " values)", "declare the model's input as " + data.sampleShape());
        }
    }

    /**
     * Loads a CSV data set with an explicit test file.
     *
     * @param testFile    the test split's file, or null for the rules of {@code csv} above
     * @param labelColumn the label column's name, or null for the last column
     * @param classes     the number of classes, or 0 to count them from the labels
     */
    public static Dataset csv(Path file, Path testFile, String labelColumn, double scale, int classes)
            throws DataException {
        return CsvSource.load(file, testFile, labelColumn, scale, classes);
    }

    /**
     * The directory where dlm looks for data it does not ship: {@code $DLM_CACHE} when set,
     * else {@code $XDG_CACHE_HOME/dlm}, else {@code ~/.cache/dlm}.
     */
    public static Path cacheDirectory() {
        return cacheDirectory(System.getenv(), System.getProperty("user.home"));
    }

    static Path cacheDirectory(Map<String, String> environment, String home) {
        String dlmCache = environment.get("DLM_CACHE");
        if (dlmCache != null && !dlmCache.isBlank()) return Path.of(dlmCache);
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "dlm");
        return Path.of(home, ".cache", "dlm");
    }

    private static int orMnist(int classes) {
        return classes > 0 ? classes : BuiltinMnist.CLASSES;
    }

    private static Path resolve(String path, Path baseDirectory) throws DataException {
        Path resolved;
        try {
            resolved = baseDirectory.resolve(path);
        } catch (InvalidPathException e) {
            throw new DataException(path, "is not a valid path (" + e.getReason() + ")", null, e);
        }
        if (!java.nio.file.Files.exists(resolved)) {
            // Say where it looked: a relative path is read from the .dlm file's folder, not the shell's.
            throw new DataException(Code.DLM0701, path, "not found (looked for " + resolved.toAbsolutePath().normalize() + ")",
                    Path.of(path).isAbsolute() ? null : "a relative path is read from the folder of the .dlm file");
        }
        return resolved;
    }
}
