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

    /**
     * A CSV file with a header. {@code labels} names the label columns (empty: the last
     * column); {@code realTargets} reads them as real-valued regression targets, one float per
     * column, instead of class labels (issue 14: the checker sets it when a regression loss
     * trains an output with one unit per label column). {@code outputs}, when not empty, gives
     * each output of a model with several outputs its own label columns, in the model's output
     * order (Keras's {@code fit(x, [y1, y2])}); {@code labels} then lists every column they name.
     */
    record Csv(String path, java.util.List<String> labels, boolean realTargets, java.util.List<OutputLabels> outputs)
            implements DataSource {
        public Csv {
            labels = java.util.List.copyOf(labels);
            outputs = java.util.List.copyOf(outputs);
        }

        public Csv(String path, java.util.List<String> labels, boolean realTargets) {
            this(path, labels, realTargets, java.util.List.of());
        }

        /** A CSV source of class labels in the column {@code label} (null: the last column). */
        public Csv(String path, String label) {
            this(path, label == null ? java.util.List.of() : java.util.List.of(label), false);
        }

        public String keyword() { return "csv"; }

        /** The one label column's name, or null when the last column is the label (or several are named). */
        public String label() { return labels.size() == 1 ? labels.get(0) : null; }

        /** How many values each sample's target has: one per named label column, one for the last column. */
        public int targetWidth() { return Math.max(1, labels.size()); }

        /** This source with its labels read as real-valued targets. */
        public Csv withRealTargets() { return new Csv(path, labels, true, outputs); }

        /** This source with a label source per output (in the model's output order). */
        public Csv withOutputs(java.util.List<OutputLabels> perOutput) { return new Csv(path, labels, false, perOutput); }
    }

    /**
     * The labels of one output of a model with several outputs (issue 14): {@code output} is
     * Keras's output name, {@code columns} the CSV columns it reads in order, read as real-valued
     * targets (one per output unit) when {@code realTargets}, else as class labels (one column).
     */
    record OutputLabels(String output, java.util.List<String> columns, boolean realTargets) {
        public OutputLabels {
            columns = java.util.List.copyOf(columns);
        }
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
