package dev.dlm.runtime.sweep.cluster;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.train.MemoryEstimate;

import java.util.Collection;

/**
 * What one cell of a sweep asks of a node: the threads it trains with (one CPU each) and the
 * memory it needs. The memory is the largest training estimate over the sweep's cells
 * ({@link MemoryEstimate}: weights, gradients, optimizer slots, a batch's activations) plus
 * {@link #OVERHEAD} for what the estimate leaves out: the JVM, TensorFlow's runtime and the
 * data set in memory. The limit leaves {@link #LIMIT_FACTOR} of headroom over the request,
 * so an estimate a little short is not an out-of-memory kill.
 */
public record CellResources(int threads, long memoryBytes) {

    /** 1 GiB: a `dlmc run` of the book's MLP peaks near 1 GiB resident with an estimate under 100 MiB. */
    public static final long OVERHEAD = 1L << 30;

    public static final double LIMIT_FACTOR = 1.5;

    public CellResources {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        if (memoryBytes < 1) throw new IllegalArgumentException("memory must be positive: " + memoryBytes);
    }

    /** The resources of a sweep whose cells are {@code models}, each trained with {@code threads} threads. */
    public static CellResources of(Collection<CheckedModel> models, int threads) {
        long largest = 0;
        for (CheckedModel m : models) largest = Math.max(largest, MemoryEstimate.bytes(m));
        return new CellResources(threads, largest + OVERHEAD);
    }

    /** The memory request as a Kubernetes quantity in whole MiB, rounded up ({@code 1331Mi}). */
    public String memoryRequest() {
        return mebibytes(memoryBytes) + "Mi";
    }

    /** The memory limit: the request times {@link #LIMIT_FACTOR}, in whole MiB. */
    public String memoryLimit() {
        return mebibytes((long) Math.ceil(memoryBytes * LIMIT_FACTOR)) + "Mi";
    }

    /** Whole MiB, rounded up: Slurm's {@code --mem} unit. */
    public long memoryMebibytes() {
        return mebibytes(memoryBytes);
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }
}
