package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.io.SourceWalk;
import dev.dlm.compiler.render.Printable;
import dev.dlm.compiler.source.SourceFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's paths expanded by {@link SourceWalk} (a folder stands for every
 * {@code *.dlm} file under it), with what the walk could not read; {@code -} stands for
 * standard input.
 */
final class Inputs {
    private Inputs() {}

    /** The name diagnostics show for standard input. */
    static final String STDIN_NAME = "<stdin>";

    static boolean isStdin(Path p) { return p.toString().equals("-"); }

    /** Compiles a file, or standard input for {@code -}. */
    /**
     * Compiles {@code paths}, results in the same order. With many files the work is shared
     * with one more thread per core: a check of many files is mostly interpreted checker code
     * running once per file, which a second core halves; a few files are not worth a thread.
     */
    static List<Compilation> compileAll(List<Path> paths, InputStream stdin) {
        Compilation[] results = new Compilation[paths.size()];
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), paths.size() / FILES_PER_THREAD);
        Worker work = new Worker(paths, stdin, results);
        if (threads < 2) {
            work.run();
            return java.util.Arrays.asList(results);
        }
        Thread[] others = new Thread[threads - 1];
        for (int i = 0; i < others.length; i++) {
            others[i] = new Thread(work, "dlmc-check-" + (i + 1));
            others[i].setDaemon(true);
            others[i].start();
        }
        work.run();
        for (Thread t : others) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking files", e);
            }
        }
        // A compiler bug in another thread is the same internal error as in this one.
        if (work.failure != null) throw work.failure;
        return java.util.Arrays.asList(results);
    }

    /** Below this many files per thread, a second thread costs more than it saves (measured: docs/benchmarks.md). */
    private static final int FILES_PER_THREAD = 4;

    /** Takes the next file until none are left; the first failure stops every worker. */
    private static final class Worker implements Runnable {
        private final List<Path> paths;
        private final InputStream stdin;
        private final Compilation[] results;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private volatile RuntimeException failure;

        Worker(List<Path> paths, InputStream stdin, Compilation[] results) {
            this.paths = paths;
            this.stdin = stdin;
            this.results = results;
        }

        @Override
        public void run() {
            try {
                for (int i; failure == null && (i = next.getAndIncrement()) < results.length; ) {
                    results[i] = compile(paths.get(i), stdin);
                }
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
    }

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

    /**
     * The expanded files ({@code -} kept where it was given) and the folders that could not be
     * read; null after telling the user that there is nothing at all to work on. Links skipped
     * inside folders are mentioned.
     */
    static SourceWalk.Found expandOrReport(List<Path> paths, PrintWriter err) {
        List<Path> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (isStdin(p)) {
                files.add(p);
                continue;
            }
            SourceWalk.Found one = SourceWalk.expand(List.of(p));
            files.addAll(one.files());
            problems.addAll(one.problems());
            skipped.addAll(one.skipped());
        }
        for (Path link : skipped) {
            err.println("warning: skipped `" + Printable.escape(link.toString())
                    + "`: symbolic links inside a folder are not followed (name it on the command line to include it)");
        }
        if (files.isEmpty() && problems.isEmpty()) {
            err.println("error: no .dlm files found in " + Printable.escape(paths.toString()));
            return null;
        }
        return new SourceWalk.Found(files, problems, skipped);
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
