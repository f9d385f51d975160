package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.format.UnifiedDiff;
import dev.dlm.compiler.io.AtomicFile;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;
import dev.dlm.compiler.source.Span;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlmc fmt FILE...}: rewrites files in the canonical layout; with {@code --check},
 * changes nothing and exits 1 with a diff when a file is not formatted (for CI). Files are
 * replaced atomically and keep their line endings and byte order mark.
 */
final class FmtCommand implements Callable<Integer> {

    /** The command's model, written in code for start-up time (see {@link CommandModels}). */
    final CommandSpec spec;

    private final Dlmc dlmc;

    FmtCommand(Dlmc dlmc) {
        this.dlmc = dlmc;
        spec = CommandModels.command(this, "fmt", "Format .dlm files in the canonical layout (comments kept).");
        spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE").type(List.class).auxiliaryTypes(Path.class)
                .descriptionKey("").description("Files, directories to search for *.dlm files, or - to format standard input to standard output.").build());
        spec.addOption(OptionSpec.builder("--check").type(boolean.class).initialValue(false).paramLabel("<check>")
                .descriptionKey("").description("Change nothing; exit 1 and print a diff if a file is not formatted.").build());
        spec.addOption(OptionSpec.builder("--stdout").type(boolean.class).initialValue(false).paramLabel("<stdout>")
                .descriptionKey("").description("Print the formatted text instead of rewriting the file.").build());
        spec.addOption(OptionSpec.builder("--format").paramLabel("<format>").type(CheckCommand.Format.class).defaultValue("text")
                .descriptionKey("").description("How problems are reported: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
                        + "with json, github or sarif, --check reports each unformatted file as a DLM0901 diagnostic instead of a diff.").build());
        CommandModels.standardHelpOptions(spec);
    }

    @Override
    public Integer call() {
        List<Path> files = spec.positionalParameters().get(0).getValue();
        boolean check = CommandModels.flag(spec, "--check");
        boolean stdout = CommandModels.flag(spec, "--stdout");
        CheckCommand.Format format = spec.findOption("--format").getValue();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceWalk.Found found = Inputs.expandOrReport(files, err);
        if (found == null) return Dlmc.USAGE;
        List<Path> paths = found.files();
        List<Compilation> report = new ArrayList<>(Inputs.problems(found));
        boolean failed = !report.isEmpty();
        int unformatted = 0;
        boolean machine = format != CheckCommand.Format.text;
        for (Path path : paths) {
            boolean stdin = Inputs.isStdin(path);
            SourceReader.Read read = null;
            SourceFile source;
            if (stdin) {
                String piped = Inputs.readStdin(dlmc.stdin);
                if (piped == null) {
                    err.println("error[DLM0006]: cannot read standard input: it is not UTF-8 text");
                    failed = true;
                    continue;
                }
                source = new SourceFile(Inputs.STDIN_NAME, piped);
            } else {
                read = SourceReader.read(path, path.toString());
                source = read.source();
                if (read.problem() != null) {
                    report.add(new Compilation(source, null, null, List.of(DlmCompiler.problem(read))));
                    failed = true;
                    continue;
                }
            }
            String text = source.text();
            DlmCompiler.Formatting result = DlmCompiler.format(source);
            String formatted = result.formatted();
            if (formatted == null) {
                List<Diagnostic> all = new ArrayList<>(result.parse().diagnostics());
                all.add(Diagnostic.error(Code.DLM0902, source.span(0, 0), "not formatting `" + path + "`: it has syntax errors")
                        .help("fix the syntax errors first").build());
                report.add(new Compilation(source, result.parse().ast(), null, all));
                failed = true;
                continue;
            }
            if (stdout || (stdin && !check)) {
                out.print(formatted);
            } else if (!formatted.equals(text)) {
                unformatted++;
                if (check) {
                    // The diff goes to standard output (it applies with `patch`) unless a machine
                    // format owns it; the diagnostic names the file either way.
                    if (!machine) out.print(UnifiedDiff.diff(source.name(), text, formatted));
                    report.add(new Compilation(source, result.parse().ast(), null, List.of(
                            Diagnostic.error(Code.DLM0901, firstDifference(source, formatted), "`" + source.name() + "` is not formatted")
                                    .label("first difference from the canonical layout")
                                    .help(stdin ? "run `dlmc fmt -` and use its output" : "run `dlmc fmt " + path + "`").build())));
                } else {
                    try {
                        // Atomic: a full disk or a kill leaves the old file, never a truncated one.
                        AtomicFile.write(path, (read != null && read.byteOrderMark() ? "\uFEFF" : "") + formatted);
                        err.println("formatted " + dev.dlm.compiler.render.Printable.escape(path.toString()));
                    } catch (IOException e) {
                        report.add(new Compilation(source, result.parse().ast(), null, List.of(
                                Diagnostic.error(Code.DLM0803, source.span(0, 0), "cannot write `" + path + "`: "
                                        + SourceReader.reason(e) + "; the file is unchanged").build())));
                        failed = true;
                    }
                }
            }
        }
        switch (format) {
            case text -> err.print(DiagnosticRenderer.text(report, Terminal.color("auto", Terminal.Stream.ERR)));
            case json -> out.print(DiagnosticRenderer.json(report));
            case github -> out.print(DiagnosticRenderer.github(report));
            case sarif -> out.print(DiagnosticRenderer.sarif(report, Dlmc.version()));
        }
        if (check && unformatted > 0) {
            err.println(unformatted + " of " + paths.size() + (paths.size() == 1 ? " file is" : " files are") + " not formatted; run `dlmc fmt` to fix");
            return Dlmc.FAILED;
        }
        return failed ? Dlmc.FAILED : Dlmc.OK;
    }

    /** The line of {@code source} where its text first differs from {@code formatted}. */
    static Span firstDifference(SourceFile source, String formatted) {
        String text = source.text();
        int at = 0;
        int limit = Math.min(text.length(), formatted.length());
        while (at < limit && text.charAt(at) == formatted.charAt(at)) at++;
        int line = source.lineOf(Math.min(at, text.length()));
        int start = source.lineStart(line);
        return source.span(start, start + source.line(line).length());
    }
}
