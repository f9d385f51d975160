package dev.dlm.compiler.io;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.SourceReader;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .dlm} files named on a command line: a file stands for itself (a symbolic link
 * given by name is followed, as {@code find -H} does), a folder for every {@code *.dlm}
 * file under it. Walks never follow symbolic links, so {@code check DIR} cannot echo
 * {@code /etc/passwd} through a planted link and {@code fmt DIR} never rewrites a file
 * outside DIR. A sub-folder that cannot be read is a diagnostic, and the walk goes on.
 */
public final class SourceWalk {

    private SourceWalk() {}

    /**
     * What a walk found.
     *
     * @param files    the files to compile, in order: arguments first-to-last, each folder sorted
     * @param problems one DLM0006 error per folder that could not be read
     * @param skipped  the symbolic links named {@code *.dlm} that the walks did not follow
     */
    public record Found(List<Path> files, List<Diagnostic> problems, List<Path> skipped) {}

    /** Expands {@code paths}. Never throws. */
    public static Found expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p); // the compiler reports a missing or unreadable file
                continue;
            }
            List<Path> found = new ArrayList<>();
            try {
                // A link named on the command line is followed; the files keep the name given.
                Path start = Files.isSymbolicLink(p) ? p.toRealPath() : p;
                Files.walkFileTree(start, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (!file.getFileName().toString().endsWith(".dlm")) return FileVisitResult.CONTINUE;
                        Path shown = p.resolve(start.relativize(file));
                        if (attributes.isSymbolicLink()) skipped.add(shown);
                        else if (attributes.isRegularFile()) found.add(shown);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(unreadableFolder(p.resolve(start.relativize(file)), e));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) problems.add(unreadableFolder(p.resolve(start.relativize(dir)), e)); // failed part-way through the listing
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problems.add(unreadableFolder(p, e));
            }
            found.sort(null);
            files.addAll(found);
        }
        return new Found(files, problems, skipped);
    }

    private static Diagnostic unreadableFolder(Path dir, IOException e) {
        String name = dir.toString();
        SourceFile none = new SourceFile(name, "");
        boolean folder = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        return Diagnostic.error(Code.DLM0006, none.span(0, 0),
                        "cannot read " + (folder ? "folder `" : "`") + name + "`: " + SourceReader.reason(e))
                .note("the other files were checked")
                .build();
    }
}
