package dev.dlm.runtime.sweep.report;

import dev.dlm.compiler.render.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON: the title, the noise band and its source, the columns, totals, and for
 * every cell its columns, bindings, status, the book's and dlm's accuracy, the differences,
 * whether each lies outside the band, its seconds, its run directory, and every value it
 * measured by reference key ({@code metrics}: {@code train.loss}, {@code test.auc}...).
 * Accuracies are fractions; unknown values are {@code null}.
 */
final class ReportJson {
    private ReportJson() {}

    static String render(SweepReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", report.title());
        root.put("noise", Map.of("band", report.noise().band(), "source", report.noise().source()));
        root.put("columns", report.columns());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("cells", report.rows().size());
        totals.put("completed", report.completed());
        totals.put("failed", report.failed());
        totals.put("missing", report.missing());
        totals.put("seconds", report.seconds());
        root.put("totals", totals);
        List<Object> cells = new ArrayList<>();
        for (ReportRow r : report.rows()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell", r.cell());
            cell.put("columns", r.columns());
            cell.put("bindings", r.bindings());
            cell.put("status", r.status());
            cell.put("book", pair(r.bookTrain(), r.bookTest()));
            cell.put("measured", pair(r.completed() ? r.train() : null, r.completed() ? r.test() : null));
            cell.put("difference", pair(r.trainDifference(), r.testDifference()));
            cell.put("outside_noise", pair(outside(report, r.trainDifference()), outside(report, r.testDifference())));
            cell.put("seconds", r.seconds());
            cell.put("run_dir", r.runDir());
            cell.put("metrics", r.completed() ? r.metrics() : Map.of());
            cells.add(cell);
        }
        root.put("cells", cells);
        return Json.write(root);
    }

    private static Boolean outside(SweepReport report, Double difference) {
        return difference == null ? null : report.noise().outside(difference);
    }

    private static Map<String, Object> pair(Object train, Object test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_accuracy", train);
        m.put("test_accuracy", test);
        return m;
    }
}
