package dev.dlm.cli;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.Expectations;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.sweep.CellSelection;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.sweep.CellResult;
import dev.dlm.runtime.sweep.SweepEstimate;
import dev.dlm.runtime.sweep.SweepProgress;
import dev.dlm.runtime.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dlmc sweep FILE}: trains every cell of the file's sweep, each in its own run directory
 * under a sweep directory ({@link SweepRunner}), resumably, {@code --jobs} at a time, with one
 * progress line; {@code --dry-run} lists the cells with their parameters and estimated time.
 * Exit status: 0 when every cell completed, the number of failed cells (at most 100) otherwise,
 * 1 when the file does not check, 2 for a usage error, 130/143 after a signal.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every cell of a file's sweep, each in its own run directory under one sweep directory.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .dlm file with a `sweep`.")
    Path file;

    @Option(names = "--sweep-dir", paramLabel = "DIR",
            description = "Keep the sweep here (default: runs/<model>/sweep-<UTC yyyyMMdd-HHmmss>); an existing one is resumed.")
    Path sweepDir;

    @Option(names = "--jobs", paramLabel = "N", description = "Cells trained at once, the threads split between them (default: "
            + "as many as the cores hold when each cell trains on fewer threads than there are cores, as the book's MLP does; else 1).")
    Integer jobs;

    @Option(names = "--cells", paramLabel = "LIST", description = "Only these cells: indexes and ranges such as 0,3,5-7 (see --dry-run).")
    String cells;

    @Option(names = "--cell", paramLabel = "K", description = "Only cell K (what each task of a cluster job runs).")
    Integer cell;

    @Option(names = "--dry-run", description = "List the cells with their bindings, parameters and estimated time; train nothing.")
    boolean dryRun;

    /** --epochs, --batch-size, --seed, --threads, --device, --train-limit, --check-expectations: for every cell. */
    @CommandLine.Mixin
    TrainingOptions training;

    /** --collect, --emit and their settings: more than one machine (docs/sweeps.md). */
    @CommandLine.Mixin
    SweepClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        cluster.validate(spec.commandLine(), cell != null || cells != null || jobs != null || dryRun || training.changesTraining(),
                "--cell, --cells, --jobs, --dry-run, --epochs, --batch-size, --seed, --train-limit, --check-expectations and --device");
        boolean color = Terminal.color("auto", Terminal.Stream.ERR);
        SweepPlanner.Planned planned = SweepPlanner.plan(file);
        for (Diagnostic d : planned.diagnostics()) {
            err.print(DiagnosticRenderer.text(d, color));
            err.println();
        }
        err.flush();
        if (!planned.ok()) return Dlmc.FAILED;
        SweepPlan plan = planned.plan();
        if (cluster.active()) {
            try {
                return cluster.run(file, plan, training.threads == null ? 0 : training.threads, sweepDir, out, err);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return Dlmc.FAILED;
            }
        }
        List<Integer> chosen;
        try {
            chosen = cell != null ? CellSelection.parse(String.valueOf(cell), plan.size())
                    : cells != null ? CellSelection.parse(cells, plan.size()) : null;
        } catch (IllegalArgumentException e) {
            err.print(DiagnosticRenderer.text(Diagnostic.error(Code.DLM1502, plan.cell(0).model().span(), e.getMessage())
                    .help("`dlmc sweep " + file + " --dry-run` lists the cells with their indexes").build(), color));
            err.flush();
            return Dlmc.FAILED;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Integer given = training.threadCount(cores);
        int threadCount = given != null ? given : cores;
        String clamped = training.threadsClamped(cores);
        if (clamped != null) {
            err.print(DiagnosticRenderer.text(Diagnostic.warning(Code.DLM0802, plan.cell(0).model().span(), clamped).build(), color));
            err.flush();
        }
        List<String> command = new ArrayList<>(List.of("dlmc"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        SweepRunner.Options options = new SweepRunner.Options(sweepDir, chosen, 1, training.device, threadCount, given != null, training.seed,
                training.epochs, training.batchSize, training.trainLimit, command, Dlmc.version());
        options = options.withJobs(jobs != null ? jobs : options.defaultJobs(plan));
        if (dryRun) return dryRun(plan, options, out, err);
        return run(plan, options, out, err, color);
    }

    private void validate() {
        training.validate(spec.commandLine());
        if (jobs != null && jobs < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        if (cell != null && cells != null) throw new CommandLine.ParameterException(spec.commandLine(), "give --cell or --cells, not both");
        if (cell != null && cell < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--cell must be 0 or more");
    }

    /** The cells as a table: index, label, bindings, parameters, estimated time, what the sweep directory says. */
    private int dryRun(SweepPlan plan, SweepRunner.Options options, PrintWriter out, PrintWriter err) {
        List<SweepEstimate.Cell> estimates;
        try {
            estimates = SweepEstimate.of(plan, options);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot read the sweep directory " + options.sweepDir() + ": " + e.getMessage());
            err.flush();
            return Dlmc.FAILED;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"cell", "label", "bindings", "params", "estimate", "status"});
        double total = 0;
        boolean unknown = false;
        for (SweepEstimate.Cell c : estimates) {
            List<String> bindings = new ArrayList<>();
            c.cell().bindings().forEach((k, v) -> bindings.add(k + "=" + v));
            if (c.seconds() == null) unknown = true;
            else if (!"completed".equals(c.status())) total += c.seconds();
            rows.add(new String[]{String.valueOf(c.cell().index()), c.cell().label(), String.join(", ", bindings),
                    String.format(Locale.ROOT, "%,d", c.params()),
                    c.seconds() == null ? "?" : SweepProgress.human(Duration.ofSeconds((long) Math.ceil(c.seconds()))),
                    c.status() == null ? "-" : c.status()});
        }
        printTable(out, rows, List.of(3));
        out.printf("%d cells; about %s of training left%s (the rate of this sweep's completed cells when it has some, else %.0f GFLOP/s,"
                + " measured on the development machine; cells share the cores whatever --jobs is)%n", estimates.size(),
                SweepProgress.human(Duration.ofSeconds((long) Math.ceil(total))), unknown ? " and cells of unknown size" : "",
                SweepEstimate.DEFAULT_FLOPS_PER_SECOND / 1e9);
        out.flush();
        return Dlmc.OK;
    }

    private int run(SweepPlan plan, SweepRunner.Options options, PrintWriter out, PrintWriter err, boolean color) {
        boolean live = Terminal.interactive();
        SweepDisplay display = new SweepDisplay(out, live, Terminal.columns());
        SweepProgress progress = new SweepProgress(display::line, display::event);
        try {
            Map<Integer, Double> costs = new LinkedHashMap<>();
            for (SweepEstimate.Cell c : SweepEstimate.of(plan, options)) if (c.flops() != null) costs.put(c.cell().index(), c.flops());
            progress.costs(costs);
        } catch (IOException | IllegalArgumentException e) {
            // no estimate: every cell counts the same in the ETA
        }
        Signals signals = Signals.install();
        SweepRunner.Summary summary;
        try {
            summary = SweepRunner.run(plan, options, progress, signals::stopRequested);
        } catch (RunException e) {
            display.end();
            err.print(e.render());
            err.flush();
            return Dlmc.FAILED;
        } catch (IOException e) {
            display.end();
            err.println("error[DLM0803]: cannot write the sweep directory: " + e.getMessage());
            err.flush();
            return Dlmc.FAILED;
        } finally {
            signals.uninstall();
        }
        display.end();
        printResults(plan, summary, out);
        // A --cell run is one task of a cluster job: the tasks share the sweep directory, and
        // --collect makes the table once they are all done, rather than each task a partial one.
        if (cell == null) {
            try {
                if (SweepClusterOptions.writeReport(plan, summary.dir().dir(), err) != Dlmc.OK) return Dlmc.FAILED;
            } catch (IOException e) {
                err.println("error[DLM0803]: cannot write the sweep's table: " + e.getMessage());
                err.flush();
                return Dlmc.FAILED;
            }
        }
        int failedExpectations = expectations(plan, summary, err, color);
        out.println("Sweep directory: " + summary.dir().dir());
        if (summary.stopped()) {
            String again = "dlmc sweep " + file + " --sweep-dir " + summary.dir().dir();
            out.println("Stopped: the interrupted cells resume with: " + again);
            out.flush();
            return signals.exitCode();
        }
        out.flush();
        if (summary.failed() > 0) return Math.min(summary.failed(), 100);
        return failedExpectations > 0 ? Dlmc.FAILED : Dlmc.OK;
    }

    /**
     * One row per cell: status, measured accuracies beside the book's, the test split's other
     * metrics (an AUC, a mean absolute error...; the test loss when no cell has an accuracy),
     * time. Every metric of every split is in the sweep directory's results files.
     */
    private static void printResults(SweepPlan plan, SweepRunner.Summary summary, PrintWriter out) {
        boolean accuracies = summary.results().stream().anyMatch(r -> r.trainAccuracy() != null || r.testAccuracy() != null);
        List<String> extra = new ArrayList<>();
        if (!accuracies) extra.add("test.loss");
        for (CellResult r : summary.results()) {
            for (String key : r.measured().keySet()) {
                boolean shown = key.equals("test.accuracy") || key.equals("test.loss");
                if (key.startsWith("test.") && !shown && !extra.contains(key)) extra.add(key);
            }
        }
        List<String> header = new ArrayList<>(List.of("cell", "label", "status"));
        if (accuracies) header.addAll(List.of("train acc", "test acc"));
        extra.forEach(k -> header.add(k.replace('.', ' ')));
        header.addAll(List.of("book test", "diff", "time"));
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (CellResult r : summary.results()) {
            Double book = r.references().get("test.accuracy");
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.index()), r.label(), r.status()));
            if (accuracies) row.addAll(List.of(pct(r.trainAccuracy()), pct(r.testAccuracy())));
            for (String k : extra) {
                Double v = r.measured(k);
                row.add(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            row.addAll(List.of(pct(book),
                    book == null || r.testAccuracy() == null ? "" : String.format(Locale.ROOT, "%+.2f", 100 * (r.testAccuracy() - book)),
                    SweepProgress.human(Duration.ofSeconds((long) Math.ceil(r.seconds())))));
            rows.add(row.toArray(String[]::new));
        }
        List<Integer> right = new ArrayList<>();
        for (int i = 3; i < header.size() - 1; i++) right.add(i);
        printTable(out, rows, right);
        out.printf("%d completed, %d skipped (done before), %d failed, %d interrupted%n", summary.completed(), summary.skipped(),
                summary.failed(), summary.interrupted());
    }

    private static String pct(Double x) { return x == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * x); }

    /**
     * Reports the failed cells (DLM1501) and checks the completed cells' {@code expect test.*}
     * and {@code expect val.*} lines against every metric each cell recorded, as {@code dlmc run}
     * does (DLM0501); returns how many expectations failed.
     */
    private int expectations(SweepPlan plan, SweepRunner.Summary summary, PrintWriter err, boolean color) {
        String overridden = training.overridesUnlessForced();
        int failed = 0;
        int unchecked = 0;
        for (CellResult r : summary.results()) {
            if (r.failed()) print(err, r.failure(plan, summary.dir()), color);
            if (!r.completed()) continue;
            Expectations.Outcome o = Expectations.verify(plan.cell(r.index()).model().expectations(),
                    e -> r.measured(e.split() + "." + e.metric()),
                    "sweep cell " + r.index() + " (" + r.label() + ")", overridden, false);
            o.diagnostics().forEach(d -> print(err, d, color));
            failed += o.failed();
            unchecked += o.unchecked();
        }
        if (unchecked > 0) {
            err.println("note: " + unchecked + " `expect` line" + (unchecked == 1 ? "" : "s") + " on results" + (unchecked == 1 ? " was" : " were")
                    + " not checked: " + overridden + " the cells' training"
                    + " (pass --check-expectations to check them anyway)");
        }
        err.flush();
        return failed;
    }

    private static void print(PrintWriter err, Diagnostic d, boolean color) {
        err.print(DiagnosticRenderer.text(d, color));
        err.println();
    }

    /** Prints rows as aligned columns; {@code right} lists the right-aligned ones. */
    static void printTable(PrintWriter out, List<String[]> rows, List<Integer> right) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(width[i] - row[i].length());
                sb.append(right.contains(i) ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad));
                if (i < row.length - 1) sb.append("  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
