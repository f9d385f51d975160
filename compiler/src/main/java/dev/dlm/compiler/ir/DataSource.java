package dev.dlm.compiler.ir;

/** Where a model's samples come from: a built-in data set or files in a known format. */
public sealed interface DataSource permits DataSource.Mnist, DataSource.FashionMnist, DataSource.Idx, DataSource.Csv, DataSource.Cifar10 {

    /** The source as the file names it: {@code mnist}, {@code idx}... */
    String keyword();

    /** The file or folder the source reads, as the file wrote it; null for built-in sets. */
    default String path() { return null; }

    /** The random transformations applied to training batches; {@link Augmentation#NONE} for most sources. */
    default Augmentation augmentation() { return Augmentation.NONE; }

    /** The original MNIST digits, shipped with dlm. */
    record Mnist() implements DataSource {
        public String keyword() { return "mnist"; }
    }

    /** Zalando's Fashion-MNIST, from a local folder or the cache. */
    record FashionMnist() implements DataSource {
        public String keyword() { return "fashion_mnist"; }
    }

    /** A folder of the four MNIST-style idx files; {@code path} as written in the file. */
    record Idx(String path) implements DataSource {
        public String keyword() { return "idx"; }
    }

    /** A CSV file with a header; {@code label} names the label column. */
    record Csv(String path, String label) implements DataSource {
        public String keyword() { return "csv"; }
    }

    /**
     * CIFAR-10 in its binary format ({@code cifar-10-batches-bin}), from {@code path} (a folder,
     * as written in the file) or, when null, from the dlm cache; with its training-time
     * augmentation.
     */
    record Cifar10(String path, Augmentation augmentation) implements DataSource {
        public String keyword() { return "cifar10"; }
    }
}
