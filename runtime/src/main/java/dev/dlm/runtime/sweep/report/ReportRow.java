package dev.dlm.runtime.sweep.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of a sweep as its report shows it: the cell's index in the sweep's documented
 * order, the values of the book's columns ({@code Layers -> 256-256-256}, in the book's
 * order), the bindings that made the cell, the book's and dlm's train and test accuracy
 * (fractions; null when unknown), the wall time, the status, the learning curve, and every
 * value the cell measured by reference key ({@code test.loss}, {@code test.auc},
 * {@code val.precision}...).
 *
 * @param status {@code completed}, {@code failed}, {@code missing} (no result yet), or
 *               {@code running} or {@code interrupted} (not finished); only a completed cell's
 *               accuracy is compared
 * @param runDir the cell's run directory relative to the sweep directory, or null
 */
public record ReportRow(int cell, Map<String, String> columns, Map<String, String> bindings,
                        Double bookTrain, Double bookTest, Double train, Double test,
                        Double seconds, String status, String runDir, List<EpochPoint> curve, Map<String, Double> metrics) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String MISSING = "missing";

    public ReportRow {
        // Insertion order is the book's column order (and the sweep's axis order): keep it.
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        curve = List.copyOf(curve);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A row without other measured values than its accuracies. */
    public ReportRow(int cell, Map<String, String> columns, Map<String, String> bindings, Double bookTrain, Double bookTest,
                     Double train, Double test, Double seconds, String status, String runDir, List<EpochPoint> curve) {
        this(cell, columns, bindings, bookTrain, bookTest, train, test, seconds, status, runDir, curve, Map.of());
    }

    public boolean completed() { return COMPLETED.equals(status); }

    public boolean failed() { return FAILED.equals(status); }

    /** dlm's train accuracy minus the book's, or null when either is unknown or the cell did not complete. */
    public Double trainDifference() { return difference(train, bookTrain); }

    /** dlm's test accuracy minus the book's, or null when either is unknown or the cell did not complete. */
    public Double testDifference() { return difference(test, bookTest); }

    private Double difference(Double measured, Double book) {
        return completed() && measured != null && book != null ? measured - book : null;
    }
}
