package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.format.UnifiedDiff;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlmc fmt FILE...}: rewrites files in the canonical layout; with {@code --check},
 * changes nothing and exits 1 with a diff when a file is not formatted (for CI).
 */
@Command(name = "fmt", mixinStandardHelpOptions = true, description = "Format .dlm files in the canonical layout (comments kept).")
final class FmtCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, directories to search for *.dlm files, or - to format standard input to standard output.")
    List<Path> files;

    @Option(names = "--check", description = "Change nothing; exit 1 and print a diff if a file is not formatted.")
    boolean check;

    @Option(names = "--stdout", description = "Print the formatted text instead of rewriting the file.")
    boolean stdout;

    @Option(names = "--format", defaultValue = "text",
            description = "How problems are reported: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
                    + "with json, github or sarif, --check reports each unformatted file as a DLM0901 diagnostic instead of a diff.")
    CheckCommand.Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Dlmc dlmc;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> paths = Inputs.expandOrReport(files, err);
        if (paths == null) return Dlmc.USAGE;
        boolean failed = false;
        int unformatted = 0;
        boolean machine = format != CheckCommand.Format.text;
        List<Compilation> report = new ArrayList<>();
        for (Path path : paths) {
            String text;
            boolean stdin = Inputs.isStdin(path);
            try {
                text = stdin ? Inputs.readStdin(dlmc.stdin) : Files.readString(path, StandardCharsets.UTF_8);
                if (text == null) throw new IOException("not UTF-8");
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("error[DLM0006]: cannot read " + (stdin ? "standard input: it is not UTF-8 text"
                        : "`" + path + "`: " + (Files.isDirectory(path) ? "it is a directory" : "no such file or not UTF-8 text")));
                failed = true;
                continue;
            }
            SourceFile source = new SourceFile(stdin ? Inputs.STDIN_NAME : path.toString(), text);
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
                        Files.writeString(path, formatted, StandardCharsets.UTF_8);
                        err.println("formatted " + path);
                    } catch (IOException e) {
                        err.println("error[DLM0006]: cannot write `" + path + "`: " + e.getMessage());
                        failed = true;
                    }
                }
            }
        }
        switch (format) {
            case text -> err.print(DiagnosticRenderer.text(report, Terminal.color("auto")));
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
