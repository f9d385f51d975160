package dev.dlm.runtime.testing;

import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;

/** The built-in MNIST (loaded once per test JVM), pixels scaled to [0, 1], and slices of it. */
public final class Mnist {

    private static Dataset dataset;

    private Mnist() {}

    public static synchronized Dataset dataset() {
        if (dataset == null) {
            try {
                dataset = DataLoader.load(new DataSpec(new dev.dlm.compiler.ir.DataSource.Mnist(), Shape.of(28, 28), 10, 1 / 255.0, true, null));
            } catch (DataException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return dataset;
    }

    /** The first {@code limit} training samples. */
    public static Split train(int limit) { return first(dataset().train(), limit); }

    /** The first {@code limit} test samples. */
    public static Split test(int limit) { return first(dataset().test(), limit); }

    private static Split first(Split split, int limit) { return split.slice(0, Math.min(limit, split.size())); }
}
