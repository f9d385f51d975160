package dev.dlm.runtime.sweep.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed-to-seed noise of an accuracy: a difference from the book within {@code ±band} (a
 * fraction: 0.003 is 0.3 percentage points) is what another seed could give, one outside it
 * is marked. The band is either measured, from cells that repeat the same configuration under
 * different seeds, or the documented constant {@link #DEFAULT}; {@link #source()} says which,
 * and the report prints it.
 */
public record Noise(double band, String source) {

    /**
     * ±0.3 percentage points: twice the binomial standard error of an accuracy near 98% on
     * MNIST's 10,000 test images ({@code sqrt(0.98 * 0.02 / 10000)} = 0.14 pp), the spread a
     * re-run with another seed shows at the least. Two Keras runs of the MLP with seeds 1 and
     * 2 (bench/results/parity) differed by 0.07 pp, inside it; the book rounds to 0.1 pp.
     */
    public static final Noise DEFAULT = new Noise(0.003,
            "documented constant: twice the binomial standard error of ~98% accuracy on 10,000 test images");

    /** The axis whose values are seeds: cells that differ only in it repeat one configuration. */
    public static final String SEED_AXIS = "seed";

    /** True when {@code difference} (a fraction) lies outside the band. */
    public boolean outside(double difference) {
        // A hair of slack so that a difference equal to the band, rounded in float, counts as inside.
        return Math.abs(difference) > band + 1e-9;
    }

    /**
     * The band measured from the sweep itself: twice the pooled sample standard deviation of
     * the test accuracy over groups of completed cells with the same bindings but for
     * {@link #SEED_AXIS}; {@link #DEFAULT} when no configuration ran under two seeds or more.
     */
    public static Noise of(List<ReportRow> rows) {
        Map<Map<String, String>, List<Double>> groups = new LinkedHashMap<>();
        for (ReportRow row : rows) {
            if (!row.completed() || row.test() == null || !row.bindings().containsKey(SEED_AXIS)) continue;
            Map<String, String> configuration = new LinkedHashMap<>(row.bindings());
            configuration.remove(SEED_AXIS);
            groups.computeIfAbsent(configuration, k -> new ArrayList<>()).add(row.test());
        }
        double squares = 0;
        int freedom = 0;
        int runs = 0;
        for (List<Double> group : groups.values()) {
            if (group.size() < 2) continue;
            double mean = group.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            for (double v : group) squares += (v - mean) * (v - mean);
            freedom += group.size() - 1;
            runs += group.size();
        }
        if (freedom == 0) return DEFAULT;
        double sd = Math.sqrt(squares / freedom);
        return new Noise(2 * sd, String.format(java.util.Locale.ROOT,
                "measured: twice the pooled standard deviation of test accuracy over %d runs of %d configurations under different seeds",
                runs, (int) groups.values().stream().filter(g -> g.size() >= 2).count()));
    }
}
