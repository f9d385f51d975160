package dev.dlm.tests;

import dev.dlm.cli.Dlmc;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of {@code dlmc}: its exit code and what it wrote to stdout and stderr.
 * Arguments are passed as absolute paths; the outputs show them relative to the repository
 * root, as a user running {@code dlmc} from the root sees them, so goldens do not depend on
 * where the repository is checked out.
 */
record DlmcRun(int exitCode, String out, String err) {

    static DlmcRun of(String... args) {
        return withStdin("", args);
    }

    /** A run whose standard input holds {@code stdin}, for the `-` file argument. */
    static DlmcRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dlmc.execute(args, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err));
        return new DlmcRun(code, relativize(out.toString()), relativize(err.toString()));
    }

    /** {@code args} with {@code paths} appended, for commands that take files last. */
    static DlmcRun of(List<String> args, List<Path> paths) {
        List<String> all = new ArrayList<>(args);
        for (Path p : paths) all.add(p.toAbsolutePath().toString());
        return of(all.toArray(String[]::new));
    }

    private static String relativize(String output) {
        return output.replace(Repo.ROOT + File.separator, "");
    }

    /** Everything the run printed, for assertion messages. */
    String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
