package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.format.UnifiedDiff;
import dev.dlm.compiler.parse.Parser;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Diagnostics diagnostics = new Diagnostics();
            var ast = Parser.parse(source, diagnostics);
            if (diagnostics.hasErrors()) {
                err.print(DiagnosticRenderer.text(List.of(new Compilation(source, ast, null, diagnostics.sorted())), Terminal.color("auto")));
                err.println("error: not formatting `" + path + "`: fix the syntax errors first");
                failed = true;
                continue;
            }
            String formatted = Formatter.format(ast);
            if (stdout || (stdin && !check)) {
                out.print(formatted);
            } else if (!formatted.equals(text)) {
                unformatted++;
                if (check) {
                    out.print(UnifiedDiff.diff(source.name(), text, formatted));
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
        if (check && unformatted > 0) {
            err.println(unformatted + " of " + paths.size() + (paths.size() == 1 ? " file is" : " files are") + " not formatted; run `dlmc fmt` to fix");
            return Dlmc.FAILED;
        }
        return failed ? Dlmc.FAILED : Dlmc.OK;
    }
}
