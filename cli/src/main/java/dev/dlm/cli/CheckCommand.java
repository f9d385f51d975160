package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.DiagnosticRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlmc check FILE|DIR...}: reports every problem in every file, without TensorFlow. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check .dlm files: syntax, names, types, shapes, parameter counts and expectations.")
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, github, sarif }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, directories to search for *.dlm files, or - for standard input.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--werror", description = "Treat warnings as errors.")
    boolean werror;

    enum ColorMode { auto, always, never }

    @Option(names = "--color", defaultValue = "auto", description = "Color text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ColorMode color;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Dlmc dlmc;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceWalk.Found found = Inputs.expandOrReport(files, err);
        if (found == null) return Dlmc.USAGE;
        List<Path> paths = found.files();
        List<Compilation> results = new ArrayList<>(Inputs.problems(found));
        for (Path p : paths) results.add(Inputs.compile(p, dlmc.stdin));
        long errors = results.stream().flatMap(c -> c.diagnostics().stream()).filter(d -> d.isError()).count();
        long warnings = results.stream().flatMap(c -> c.diagnostics().stream()).filter(d -> !d.isError()).count();
        switch (format) {
            case text -> {
                err.print(DiagnosticRenderer.text(results, Terminal.color(color.name(), Terminal.Stream.ERR)));
                String explain = explainHint(results);
                if (explain != null) err.println(explain);
                err.println(tally(paths.size(), errors, warnings, werror));
            }
            case json -> out.print(DiagnosticRenderer.json(results));
            case github -> out.print(DiagnosticRenderer.github(results));
            case sarif -> out.print(DiagnosticRenderer.sarif(results, Dlmc.version()));
        }
        return errors > 0 || (werror && warnings > 0) ? Dlmc.FAILED : Dlmc.OK;
    }

    /**
     * Where to read more, as rustc says it: the codes reported, and the `dlmc explain` command
     * for the first; null when nothing was reported.
     */
    static String explainHint(List<Compilation> results) {
        List<String> codes = results.stream().flatMap(c -> c.diagnostics().stream()).map(d -> d.code().name()).distinct().toList();
        if (codes.isEmpty()) return null;
        if (codes.size() == 1) return "For more information about this code, try `dlmc explain " + codes.get(0) + "`.";
        return "Some codes have detailed explanations: " + String.join(", ", codes) + ".\n"
                + "For more information about a code, try `dlmc explain " + codes.get(0) + "`.";
    }

    static String tally(int files, long errors, long warnings, boolean werror) {
        String f = files + (files == 1 ? " file" : " files");
        if (errors == 0 && warnings == 0) return "ok: " + f + " checked, no problems";
        boolean failed = errors > 0 || (werror && warnings > 0);
        return (failed ? "failed" : "ok") + ": " + f + " checked, " + errors + (errors == 1 ? " error" : " errors")
                + ", " + warnings + (warnings == 1 ? " warning" : " warnings") + (failed && errors == 0 ? " (--werror)" : "");
    }
}
