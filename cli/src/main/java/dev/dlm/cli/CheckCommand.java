package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.DiagnosticRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlmc check FILE|DIR...}: reports every problem in every file, without TensorFlow. */
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, github, sarif }

    enum ColorMode { auto, always, never }

    /** The command's model, written in code for start-up time (see {@link CommandModels}). */
    final CommandSpec spec;

    private final Dlmc dlmc;

    CheckCommand(Dlmc dlmc) {
        this.dlmc = dlmc;
        spec = CommandModels.command(this, "check", "Check .dlm files: syntax, names, types, shapes, parameter counts and expectations.");
        spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE").type(List.class).auxiliaryTypes(Path.class)
                .descriptionKey("").description("Files, directories to search for *.dlm files, or - for standard input.").build());
        spec.addOption(OptionSpec.builder("--format").paramLabel("<format>").type(Format.class).defaultValue("text")
                .descriptionKey("").description("Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--werror").type(boolean.class).initialValue(false).paramLabel("<werror>")
                .descriptionKey("").description("Treat warnings as errors.").build());
        spec.addOption(OptionSpec.builder("--color").paramLabel("<color>").type(ColorMode.class).defaultValue("auto")
                .descriptionKey("").description("Color text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        CommandModels.standardHelpOptions(spec);
    }

    @Override
    public Integer call() {
        List<Path> files = spec.positionalParameters().get(0).getValue();
        Format format = spec.findOption("--format").getValue();
        ColorMode color = spec.findOption("--color").getValue();
        boolean werror = CommandModels.flag(spec, "--werror");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceWalk.Found found = Inputs.expandOrReport(files, err);
        if (found == null) return Dlmc.USAGE;
        List<Path> paths = found.files();
        List<Compilation> results = new ArrayList<>(Inputs.problems(found));
        results.addAll(Inputs.compileAll(paths, dlmc.stdin));
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
