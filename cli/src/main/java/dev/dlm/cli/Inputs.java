package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the command line's paths: a directory stands for every {@code *.dlm} file under it,
 * and {@code -} for standard input.
 */
final class Inputs {
    private Inputs() {}

    /** The name diagnostics show for standard input. */
    static final String STDIN_NAME = "<stdin>";

    static boolean isStdin(Path p) { return p.toString().equals("-"); }

    /** Compiles a file, or standard input for {@code -}. */
    static Compilation compile(Path p, InputStream stdin) {
        if (!isStdin(p)) return DlmCompiler.compile(p);
        String text = readStdin(stdin);
        return text != null ? DlmCompiler.compile(STDIN_NAME, text) : unreadableStdin();
    }

    /** Standard input as UTF-8 text, or null when it cannot be read or is not UTF-8. */
    static String readStdin(InputStream stdin) {
        try {
            byte[] bytes = stdin.readAllBytes();
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static Compilation unreadableStdin() {
        SourceFile empty = new SourceFile(STDIN_NAME, "");
        Diagnostic d = Diagnostic.error(Code.DLM0006, empty.span(0, 0), "cannot read standard input: it is not UTF-8 text")
                .help("save the text as UTF-8").build();
        return new Compilation(empty, new DlmFile(empty, List.of(), List.of()), null, List.of(d));
    }

    /** The expanded files, or null after telling the user that there are none. */
    static List<Path> expandOrReport(List<Path> paths, java.io.PrintWriter err) {
        List<Path> out = expand(paths);
        if (out.isEmpty()) {
            err.println("error: no .dlm files found in " + paths);
            return null;
        }
        return out;
    }

    static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!isStdin(p) && Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".dlm"))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    out.add(p); // the compiler reports it as unreadable
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
