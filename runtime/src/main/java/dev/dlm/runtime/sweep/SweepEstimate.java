package dev.dlm.runtime.sweep;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long each cell of a sweep should take: the training FLOPs of the cell (3 × the
 * compiler's forward FLOPs per sample, × samples × epochs: forward pass, gradients of the
 * inputs and of the weights) divided by a rate. The rate is measured on the completed cells of
 * the sweep directory when it has some, else {@link #DEFAULT_FLOPS_PER_SECOND}, what dlmc
 * trains at on the 2-core development machine (docs/benchmarks.md: 22-33 GFLOP/s for the three
 * listings). An estimate, not a promise: a loaded machine runs slower.
 */
public final class SweepEstimate {

    /** Training FLOP/s on the 2-core development machine (docs/benchmarks.md). */
    public static final double DEFAULT_FLOPS_PER_SECOND = 25e9;

    /** The training samples of the built-in data sets, for sources that say nothing of their size. */
    private static final Map<String, Integer> BUILT_IN = Map.of("mnist", 60_000, "fashion_mnist", 60_000);

    private SweepEstimate() {}

    /**
     * One cell's estimate: its parameters, its training FLOPs and seconds (null when the data's
     * size is unknown before reading it), and what the sweep directory says of it (its result's
     * status, or null when it has not started).
     */
    public record Cell(SweepCell cell, long params, Double flops, Double seconds, String status) {}

    /** The rate measured on the completed cells of {@code done} (FLOP/s), or null without any. */
    public static Double measuredRate(SweepPlan plan, List<CellResult> done) {
        double flops = 0, seconds = 0;
        for (CellResult r : done) {
            if (!r.completed() || r.index() >= plan.size() || r.seconds() <= 0) continue;
            Double f = flops(plan.cell(r.index()).model(), r.epochs(), r.trainLimit());
            if (f == null) continue;
            flops += f;
            seconds += r.seconds();
        }
        return seconds > 0 ? flops / seconds : null;
    }

    /** The chosen cells' estimates under {@code options}, at the rate measured in its sweep directory when it has one. */
    public static List<Cell> of(SweepPlan plan, SweepRunner.Options options) throws IOException {
        SweepDirectory dir = options.sweepDir() == null ? null : new SweepDirectory(options.sweepDir());
        List<CellResult> done = dir == null ? List.of() : dir.results();
        Double measured = measuredRate(plan, done);
        double rate = measured != null ? measured : DEFAULT_FLOPS_PER_SECOND;
        List<Cell> out = new ArrayList<>();
        List<Integer> chosen = options.cells();
        for (SweepCell c : plan.cells()) {
            if (chosen != null && !chosen.contains(c.index())) continue;
            CheckedModel m = SweepRunner.withOverrides(c.model(), options);
            Double f = flops(m, m.train().epochs(), options.trainLimit());
            String status = done.stream().filter(r -> r.index() == c.index()).map(CellResult::status).findFirst().orElse(null);
            out.add(new Cell(c, c.params(), f, f == null ? null : f / rate, status));
        }
        return out;
    }

    /** Training FLOPs of {@code epochs} epochs, or null when the number of samples is unknown. */
    static Double flops(CheckedModel model, int epochs, Integer trainLimit) {
        if (model.data() == null) return null;
        Integer size = BUILT_IN.get(model.data().kind());
        Integer samples = size;
        if (trainLimit != null) samples = size == null ? trainLimit : Integer.valueOf(Math.min(size, trainLimit));
        if (samples == null) return null;
        double trained = samples * (1 - model.train().validationSplit());
        return 3.0 * model.flopsPerSample() * trained * epochs;
    }
}
