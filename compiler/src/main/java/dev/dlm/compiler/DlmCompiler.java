package dev.dlm.compiler;

import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.check.Checker;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.parse.Parser;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;

import java.nio.file.Path;

/** The compiler's entry point: source text in, a {@link Compilation} (model and diagnostics) out. */
public final class DlmCompiler {

    private DlmCompiler() {}

    /** Parses and checks one file's text. Never throws for anything in the text. */
    public static Compilation compile(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        try {
            DlmFile file = Parser.parse(source, diagnostics);
            CheckedModel model = diagnostics.hasErrors() ? null : Checker.check(file, diagnostics);
            return new Compilation(source, file, model, diagnostics.sorted());
        } catch (StackOverflowError e) {
            // An expression chained tens of thousands of terms long: the recursive AST walk gives up.
            Diagnostics tooDeep = new Diagnostics();
            tooDeep.report(Diagnostic.error(Code.DLM0004, Parser.densestLine(source), "this expression is nested too deeply to check")
                    .help("split long expressions into several `let` constants"));
            return new Compilation(source, new DlmFile(source, java.util.List.of(), java.util.List.of()), null, tooDeep.sorted());
        }
    }

    /**
     * The canonical layout of a file's text ({@link Formatting#formatted()}), with the file's own
     * line endings (the first one found: CRLF stays CRLF), or null there when the text has
     * syntax errors, which {@link Formatting#parse()} reports. Never throws for anything in the
     * text.
     */
    public static Formatting format(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        try {
            DlmFile file = Parser.parse(source, diagnostics);
            String formatted = diagnostics.hasErrors() ? null : Formatter.format(file);
            String separator = source.lineSeparator();
            if (formatted != null && !separator.equals("\n")) formatted = formatted.replace("\n", separator);
            return new Formatting(new Compilation(source, file, null, diagnostics.sorted()), formatted);
        } catch (StackOverflowError e) {
            Diagnostics tooDeep = new Diagnostics();
            tooDeep.report(Diagnostic.error(Code.DLM0004, Parser.densestLine(source), "this expression is nested too deeply to format")
                    .help("split long expressions into several `let` constants"));
            return new Formatting(new Compilation(source, new DlmFile(source, java.util.List.of(), java.util.List.of()), null,
                    tooDeep.sorted()), null);
        }
    }

    /** A file's parse (with its diagnostics) and its formatted text, null when it has syntax errors. */
    public record Formatting(Compilation parse, String formatted) {}

    public static Compilation compile(String name, String text) {
        return compile(new SourceFile(name, text));
    }

    /**
     * Reads and compiles a file. An unreadable, non-regular, too large or non-UTF-8 file is a
     * DLM0006 diagnostic (at the first bad byte for invalid UTF-8).
     */
    public static Compilation compile(Path path) {
        SourceReader.Read read = SourceReader.read(path, path.toString());
        if (read.problem() == null) return compile(read.source());
        return new Compilation(read.source(), new DlmFile(read.source(), java.util.List.of(), java.util.List.of()), null,
                java.util.List.of(problem(read)));
    }

    /** The diagnostic for a file that could not be read. */
    public static Diagnostic problem(SourceReader.Read read) {
        SourceReader.Problem p = read.problem();
        var d = Diagnostic.error(Code.DLM0006, read.source().span(p.offset(), p.offset()), p.message()).help(p.help());
        if (p.kind() == SourceReader.Kind.NOT_UTF8) d.label("first byte that is not UTF-8");
        return d.build();
    }
}
