package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The MNIST database of handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA
 * 3.0), shipped inside the runtime as its four original {@code .gz} files so that the first
 * run needs no network. Every load checks each file against the shipped {@code SHA256SUMS}
 * before decompressing it.
 */
final class BuiltinMnist {

    /** The samples: 28x28 grey-level images, 0 (background) to 255. */
    static final Shape SAMPLE_SHAPE = Shape.of(28, 28);
    static final int CLASSES = 10;
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final String SUMS = "SHA256SUMS";
    /** The four data files, in the order {@link #parse} expects them. */
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    private static final String RESOURCES = "mnist/";

    /** Where the files are read from: the runtime's own resources, or a directory. */
    interface Store {
        /** How to name file {@code name} in messages. */
        String display(String name);

        /** File {@code name}, open for reading from its start. */
        InputStream open(String name) throws DataException;

        /** The whole content of file {@code name}. */
        default byte[] read(String name) throws DataException {
            try (InputStream in = open(name)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw IoErrors.describe(display(name), e);
            }
        }
    }

    /** The copy shipped in the runtime, next to this class. */
    static final Store SHIPPED = new Store() {
        @Override
        public String display(String name) {
            return "mnist/" + name + " (built into dlm)";
        }

        @Override
        public InputStream open(String name) throws DataException {
            InputStream in = BuiltinMnist.class.getResourceAsStream(RESOURCES + name);
            if (in == null) {
                throw new DataException(Code.DLM0701, display(name), "is missing from the dlm runtime",
                        "the installation is incomplete; reinstall dlm");
            }
            return in;
        }
    };

    private BuiltinMnist() {}

    /** A copy of the four files and SHA256SUMS in {@code dir}, verified the same way. */
    static Store directory(Path dir) {
        return new Store() {
            @Override
            public String display(String name) {
                return dir.resolve(name).toString();
            }

            @Override
            public InputStream open(String name) throws DataException {
                try {
                    return Files.newInputStream(dir.resolve(name));
                } catch (IOException e) {
                    throw IoErrors.describe(display(name), e);
                }
            }
        };
    }

    /**
     * Loads MNIST from {@code store}: 60,000 training and 10,000 test images of 28x28 uint8
     * pixels, multiplied by {@code scale} when batches are filled. A file whose SHA-256
     * differs from {@code SHA256SUMS} is refused, even when it happens to parse.
     *
     * @param classes the width of one-hot labels, at least 10
     */
    static Dataset load(Store store, double scale, int classes) throws DataException {
        Sha256Sums sums = Sha256Sums.parse(new String(store.read(SUMS), StandardCharsets.UTF_8), store.display(SUMS));
        // Hashing and inflating each take about 0.2 s on a cold JVM: overlap them on two cores.
        // Each side streams the files itself: holding the compressed files whole for both would
        // leave ~12 MB of garbage in the old generation for the rest of a run (docs/benchmarks.md,
        // "Peak memory of `dlmc run`").
        CompletableFuture<Hashes> hashes = CompletableFuture.supplyAsync(() -> Hashes.of(store));
        Dataset dataset = null;
        DataException parseFailure = null;
        try {
            dataset = parse(store, scale, classes);
        } catch (DataException e) {
            parseFailure = e;
        }
        // A damaged file is reported as such, not as whatever parsing it broke.
        Hashes actual = hashes.join();
        for (int i = 0; i < actual.hex().length; i++) {
            sums.verify(FILES.get(i), actual.hex()[i], store.display(FILES.get(i)));
        }
        if (actual.failure() != null) throw actual.failure();
        if (parseFailure != null) throw parseFailure;
        return dataset;
    }

    /** The SHA-256 of each file in {@link #FILES} order up to the first that could not be read, and why. */
    private record Hashes(String[] hex, DataException failure) {
        static Hashes of(Store store) {
            List<String> hex = new ArrayList<>();
            for (String name : FILES) {
                try (InputStream in = store.open(name)) {
                    hex.add(Sha256Sums.sha256(in));
                } catch (DataException e) {
                    return new Hashes(hex.toArray(String[]::new), e);
                } catch (IOException e) {
                    return new Hashes(hex.toArray(String[]::new), IoErrors.describe(store.display(name), e));
                }
            }
            return new Hashes(hex.toArray(String[]::new), null);
        }
    }

    private static Dataset parse(Store store, double scale, int classes) throws DataException {
        IdxReader.Samples trainX = IdxReader.readSamples(store.open(TRAIN_IMAGES), store.display(TRAIN_IMAGES));
        IdxReader.Labels trainY = IdxReader.readLabels(store.open(TRAIN_LABELS), store.display(TRAIN_LABELS));
        IdxReader.Samples testX = IdxReader.readSamples(store.open(TEST_IMAGES), store.display(TEST_IMAGES));
        IdxReader.Labels testY = IdxReader.readLabels(store.open(TEST_LABELS), store.display(TEST_LABELS));
        IdxDataset.requireSampleShape(trainX, SAMPLE_SHAPE, "MNIST");
        IdxDataset.requireSampleShape(testX, SAMPLE_SHAPE, "MNIST");
        return IdxDataset.assemble("mnist", trainX, trainY, testX, testY, scale, classes);
    }
}
