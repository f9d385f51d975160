package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.format.UnifiedDiff;
import dev.dlm.compiler.io.AtomicFile;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.Printable;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dlmc fmt FILE...}: rewrites files in the canonical layout; with {@code --check},
 * changes nothing and exits 1 with a diff when a file is not formatted (for CI).
 */
@Command(name = "fmt", mixinStandardHelpOptions = true, description = "Format .dlm files in the canonical layout (comments kept).")
final class FmtCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, or directories to search for *.dlm files.")
    List<Path> files;

    @Option(names = "--check", description = "Change nothing; exit 1 and print a diff if a file is not formatted.")
    boolean check;

    @Option(names = "--stdout", description = "Print the formatted text instead of rewriting the file.")
    boolean stdout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceWalk.Found found = Inputs.expandOrReport(files, err);
        if (found == null) return Dlmc.USAGE;
        boolean color = Terminal.color("auto", Terminal.Stream.ERR);
        List<Compilation> problems = Inputs.problems(found);
        boolean failed = !problems.isEmpty();
        err.print(DiagnosticRenderer.text(problems, color));
        List<Path> paths = found.files();
        int unformatted = 0;
        for (Path path : paths) {
            String shown = Printable.escape(path.toString());
            SourceReader.Read read = SourceReader.read(path, path.toString());
            SourceFile source = read.source();
            if (read.problem() != null) {
                err.print(DiagnosticRenderer.text(DlmCompiler.problem(read), color));
                failed = true;
                continue;
            }
            Diagnostics diagnostics = new Diagnostics();
            String formatted = Formatter.format(source, diagnostics);
            if (formatted == null) {
                err.print(DiagnosticRenderer.text(List.of(new Compilation(source, new DlmFile(source, List.of(), List.of()), null,
                        diagnostics.sorted())), color));
                err.println("error: not formatting `" + shown + "`: fix the errors first");
                failed = true;
                continue;
            }
            if (stdout) {
                out.print(formatted);
            } else if (!formatted.equals(source.text())) {
                unformatted++;
                if (check) {
                    out.print(UnifiedDiff.diff(path.toString(), source.text(), formatted));
                } else {
                    try {
                        // Atomic: a full disk or a kill leaves the old file, never a truncated one.
                        AtomicFile.write(path, (read.byteOrderMark() ? "\uFEFF" : "") + formatted);
                        err.println("formatted " + shown);
                    } catch (IOException e) {
                        err.println("error[DLM0008]: cannot write `" + shown + "`: " + SourceReader.reason(e) + "; the file is unchanged");
                        failed = true;
                    }
                }
            }
        }
        if (check && unformatted > 0) {
            err.println(unformatted + " of " + paths.size() + (paths.size() == 1 ? " file is" : " files are") + " not formatted; run `dlmc fmt` to fix");
            return Dlmc.FAILED;
        }
        return failed ? Dlmc.FAILED : Dlmc.OK;
    }
}
