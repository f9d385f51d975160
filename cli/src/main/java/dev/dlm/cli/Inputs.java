package dev.dlm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the command line's paths: a directory stands for every {@code *.dlm} file under it. */
final class Inputs {
    private Inputs() {}

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
            if (Files.isDirectory(p)) {
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
