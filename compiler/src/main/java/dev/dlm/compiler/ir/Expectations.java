package dev.dlm.compiler.ir;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The verdict on a model's {@code expect test.*} statements once a run has measured them: what
 * {@code dlmc run}, {@code dlmc sweep} (for each cell) and any other caller report as DLM0501.
 * An expectation fails as an error; one the run could not measure (no such result) is a
 * warning; and when options changed the training the file's promise was written for
 * ({@code --epochs 1}, a {@code --train-limit}), none is checked: a quick trial is not a failure.
 */
public final class Expectations {
    private Expectations() {}

    /**
     * What {@link #verify} found: the diagnostics to report, how many expectations failed, and
     * how many were not checked because the training was overridden.
     */
    public record Outcome(List<Diagnostic> diagnostics, int failed, int unchecked) {
        public Outcome {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Checks each expectation against what the run measured.
     *
     * @param measured        the measured value of an expectation's split and metric, or null
     *                        when the run has none
     * @param where           the run the values come from, for messages (e.g. {@code sweep cell 3
     *                        (256-256-256, SGD)}), or null for a single run
     * @param overridden      which options changed the training (e.g. {@code --epochs changes}),
     *                        or null when none did
     * @param warnEachUnchecked whether each unchecked expectation gets its own warning (a single
     *                        run) or is only counted (a sweep summarises them in one note)
     */
    public static Outcome verify(List<MetricExpectation> expectations, Function<MetricExpectation, Double> measured,
                                 String where, String overridden, boolean warnEachUnchecked) {
        List<Diagnostic> out = new ArrayList<>();
        int failed = 0;
        int unchecked = 0;
        for (MetricExpectation e : expectations) {
            if (overridden != null) {
                unchecked++;
                if (warnEachUnchecked) {
                    out.add(Diagnostic.warning(Code.DLM0501, e.span(), "`expect " + e + "` was not checked")
                            .note(overridden + " the file's training settings")
                            .help("pass --check-expectations to check it anyway").build());
                }
                continue;
            }
            Double actual = measured.apply(e);
            if (actual == null) {
                out.add(Diagnostic.warning(Code.DLM0501, e.span(), "`expect " + e + "` was not checked"
                                + (where == null ? "" : " in " + where))
                        .note("this run has no `" + e.split() + "." + e.metric() + "` result")
                        .help("list the metric in the `train` block's `metrics` so runs measure it").build());
            } else if (!e.holds(actual)) {
                failed++;
                String value = String.format(Locale.ROOT, "%.4f", actual);
                out.add(Diagnostic.error(Code.DLM0501, e.span(), "expectation failed" + (where == null ? "" : " in " + where)
                                + ": `" + e.split() + "." + e.metric() + "` is " + value + ", expected " + e.op() + " " + e.value())
                        .label("measured " + value).build());
            }
        }
        return new Outcome(out, failed, unchecked);
    }
}
