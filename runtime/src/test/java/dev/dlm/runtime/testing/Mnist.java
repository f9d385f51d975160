package dev.dlm.runtime.testing;

import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;

/** The first samples of the MNIST that ships with dlm, pixels scaled to [0, 1]. */
public final class Mnist {

    private static Dataset dataset;

    private Mnist() {}

    /** {@code prefix} is {@code train} or {@code t10k}. */
    public static synchronized Split read(String prefix, int limit) {
        if (dataset == null) {
            try {
                dataset = DataLoader.load(new DataSpec("mnist", null, null, Shape.of(28, 28), 10, 1.0 / 255, true));
            } catch (DataException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        Split split = prefix.equals("train") ? dataset.train() : dataset.test();
        return split.slice(0, Math.min(limit, split.size()));
    }
}
