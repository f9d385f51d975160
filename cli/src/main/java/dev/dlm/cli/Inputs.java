package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.Printable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line's paths expanded by {@link SourceWalk}, with what the walk could not read. */
final class Inputs {
    private Inputs() {}

    /**
     * The expanded files and the folders that could not be read; null after telling the user
     * that there is nothing at all to work on. Links skipped inside folders are mentioned.
     */
    static SourceWalk.Found expandOrReport(List<Path> paths, PrintWriter err) {
        SourceWalk.Found found = SourceWalk.expand(paths);
        for (Path link : found.skipped()) {
            err.println("warning: skipped `" + Printable.escape(link.toString())
                    + "`: symbolic links inside a folder are not followed (name it on the command line to include it)");
        }
        if (found.files().isEmpty() && found.problems().isEmpty()) {
            err.println("error: no .dlm files found in " + Printable.escape(paths.toString()));
            return null;
        }
        return found;
    }

    /** The unreadable folders as compilations, so every output format reports them. */
    static List<Compilation> problems(SourceWalk.Found found) {
        List<Compilation> out = new ArrayList<>();
        for (Diagnostic d : found.problems()) {
            var source = d.span().file();
            out.add(new Compilation(source, new DlmFile(source, List.of(), List.of()), null, List.of(d)));
        }
        return out;
    }
}
