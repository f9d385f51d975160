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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            tooDeep.report(Diagnostic.error(Code.DLM0004, source.span(0, 0), "the file's expressions are nested too deeply to check")
                    .help("split long expressions into several `let` constants"));
            return new Compilation(source, new DlmFile(source, java.util.List.of(), java.util.List.of()), null, tooDeep.sorted());
        }
    }

    /**
     * The canonical layout of a file's text ({@link Formatting#formatted()}), or null there when
     * the text has syntax errors, which {@link Formatting#parse()} reports. Never throws for
     * anything in the text.
     */
    public static Formatting format(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        try {
            DlmFile file = Parser.parse(source, diagnostics);
            String formatted = diagnostics.hasErrors() ? null : Formatter.format(file);
            return new Formatting(new Compilation(source, file, null, diagnostics.sorted()), formatted);
        } catch (StackOverflowError e) {
            Diagnostics tooDeep = new Diagnostics();
            tooDeep.report(Diagnostic.error(Code.DLM0004, source.span(0, 0), "the file's expressions are nested too deeply to format")
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

    /** Reads and compiles a file; an unreadable or non-UTF-8 file is a DLM0006 diagnostic. */
    public static Compilation compile(Path path) {
        String name = path.toString();
        String text;
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return unreadable(name, "no such file", "check the path");
        } catch (CharacterCodingException e) {
            return unreadable(name, "the file is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            String why = Files.isDirectory(path) ? "it is a directory" : e.getMessage();
            return unreadable(name, why, Files.isDirectory(path) ? "pass .dlm files, or use `dlmc check DIR` to check a folder" : null);
        } catch (OutOfMemoryError e) {
            return unreadable(name, "the file is too large to read", null);
        }
        return compile(new SourceFile(name, text));
    }

    private static Compilation unreadable(String name, String why, String help) {
        SourceFile empty = new SourceFile(name, "");
        Diagnostic d = Diagnostic.error(Code.DLM0006, empty.span(0, 0), "cannot read `" + name + "`: " + why).help(help).build();
        return new Compilation(empty, new DlmFile(empty, java.util.List.of(), java.util.List.of()), null, java.util.List.of(d));
    }
}
