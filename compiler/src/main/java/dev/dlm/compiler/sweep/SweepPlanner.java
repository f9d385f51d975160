package dev.dlm.compiler.sweep;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.check.Checker;
import dev.dlm.compiler.check.SweepChecker;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.source.SourceFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the {@link SweepPlan} of a file: compiles it, checks every cell, and returns the plan
 * or the diagnostics that stop it (a file without a sweep is DLM1503).
 */
public final class SweepPlanner {

    private SweepPlanner() {}

    /** A plan, or null with the errors that prevent one; {@code diagnostics} holds warnings either way. */
    public record Planned(SweepPlan plan, Compilation compilation, List<Diagnostic> diagnostics) {
        public Planned {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean ok() { return plan != null; }
    }

    /** Reads and plans a file. */
    public static Planned plan(Path file) {
        Compilation c = DlmCompiler.compile(file);
        if (c.hasErrors()) return new Planned(null, c, c.diagnostics());
        return plan(c.source(), file, c);
    }

    /** Plans a source text; {@code file} is where it was read from (may be null). */
    public static Planned plan(SourceFile source, Path file) {
        Compilation c = DlmCompiler.compile(source);
        if (c.hasErrors()) return new Planned(null, c, c.diagnostics());
        return plan(source, file, c);
    }

    private static Planned plan(SourceFile source, Path file, Compilation compilation) {
        Diagnostics diagnostics = new Diagnostics();
        Checker.Swept swept = Checker.checkSweep(compilation.ast(), diagnostics);
        if (diagnostics.hasErrors() || swept.model() == null) return new Planned(null, compilation, diagnostics.sorted());
        if (swept.sweep() == null) {
            diagnostics.report(Diagnostic.error(Code.DLM1503, swept.model().span(),
                            "`" + swept.model().name() + "` has no `sweep`: there is nothing to sweep over")
                    .help("add `sweep { dropout in [0.4, 0.5] }` or explicit cells, or train the file with `dlmc run`"));
            return new Planned(null, compilation, diagnostics.sorted());
        }
        CheckedModel model = swept.model();
        if (model.data() == null || model.train() == null) {
            // Every cell trains: a sweep without data or training settings has nothing to run, here or on a cluster.
            diagnostics.report(Diagnostic.error(Code.DLM0114, model.span(), "cannot run the sweep of `" + model.name()
                            + "`: the file has no " + (model.data() == null ? "`data` source" : "`train` block"))
                    .help(model.data() == null ? "add `data mnist` (or idx(...), csv(...))" : "add a `train { loss = ... }` block"));
            return new Planned(null, compilation, diagnostics.sorted());
        }
        List<SweepCell> cells = new ArrayList<>();
        for (SweepChecker.Expanded e : swept.cells()) {
            Map<String, String> bindings = new LinkedHashMap<>();
            e.bindings().forEach((name, b) -> bindings.put(name, b.text()));
            String text = "# cell " + e.index() + " (" + e.label().replace('\n', ' ') + ") of the sweep in "
                    + (file == null ? source.name() : file.toString()) + "\n" + Formatter.format(e.file());
            cells.add(new SweepCell(e.index(), e.label(), bindings, e.references(), e.model(), text));
        }
        return new Planned(new SweepPlan(swept.model().name(), file, cells), compilation, diagnostics.sorted());
    }

    /** True when a file declares a sweep (whether or not it checks). */
    public static boolean hasSweep(Compilation c) {
        return c.ast().items().stream().anyMatch(i -> i instanceof Item.Sweep);
    }
}
