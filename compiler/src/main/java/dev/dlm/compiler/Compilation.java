package dev.dlm.compiler;

import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Severity;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.source.SourceFile;

import java.util.List;

/**
 * The result of compiling one file: its AST, its diagnostics in source order, and the
 * checked model when there were no errors.
 */
public record Compilation(SourceFile source, DlmFile ast, CheckedModel model, List<Diagnostic> diagnostics) {

    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() { return diagnostics.stream().anyMatch(Diagnostic::isError); }

    public boolean hasWarnings() { return diagnostics.stream().anyMatch(d -> d.severity() == Severity.WARNING); }
}
