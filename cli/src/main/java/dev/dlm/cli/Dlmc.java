package dev.dlm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/**
 * The {@code dlmc} command. Subcommands are thin: they parse options and call the compiler
 * or the runtime. Exit status: 0 ok, 1 problems found (or a failed run), 2 usage, 70
 * internal error.
 */
public final class Dlmc implements Runnable {

    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("check", "summary", "run", "sweep", "fmt", "evaluate",
            "predict", "export", "import", "lsp", "explain", "completion", "help");

    /**
     * A new instance of subcommand {@code name}, or null for none such. Registered in code rather
     * than in an annotation so that a command line naming one builds only that one: picocli
     * builds a model of every registered command at start-up. check, summary and fmt come
     * with their models built in code (no reflection); the others are annotated.
     */
    private Object subcommand(String name) {
        return switch (name) {
            case "check" -> new CheckCommand(this).spec;
            case "summary" -> new SummaryCommand(this).spec;
            case "run" -> new RunCommand();
            case "sweep" -> new SweepCommand();
            case "fmt" -> new FmtCommand(this).spec;
            case "evaluate" -> new EvaluateCommand();
            case "predict" -> new PredictCommand();
            case "export" -> new ExportCommand();
            case "import" -> new ImportCommand();
            case "lsp" -> new LspCommand();
            case "explain" -> new ExplainCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> null;
        };
    }

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    private static final String DISABLE_CLOSURES = "picocli.disable.closures";

    /** The root command's model, written in code like check's (see {@link CommandModels}). */
    private final CommandSpec spec;

    Dlmc() {
        spec = CommandModels.command(this, "dlmc", "The dlm compiler: check, summarize and run .dlm deep-learning experiments.");
        spec.versionProvider(new Version());
        CommandModels.standardHelpOptions(spec);
    }

    /** What `-` reads for check, summary and fmt; System.in unless a test passes its own. */
    InputStream stdin = System.in;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: check, summary, run, sweep, fmt, evaluate, predict, export, import, lsp, explain or completion");
    }

    public static void main(String[] args) {
        int status = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // Only in the run that makes the launcher's class-data archive: its contents, not this output.
        if (Boolean.getBoolean(ArchiveTraining.PROPERTY)) ArchiveTraining.run();
        System.exit(status);
    }

    /** Runs dlmc in-process with the given streams; what tests call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, System.in, out, err);
    }

    /** Runs dlmc in-process; {@code stdin} is what a `-` file argument reads. */
    public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        // picocli registers converters for java.sql and java.time types by reflection unless
        // told not to; no dlmc option has such a type.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, "java\\.(sql|time)\\..*");
        // picocli's default factory otherwise asks the class path for Groovy's Closure class, which
        // no jar of dlm's has: a miss makes the class loader open and index every jar of the class
        // path, archived classes notwithstanding (docs/benchmarks.md, "`dlmc check` on a quiet machine").
        if (System.getProperty(DISABLE_CLOSURES) == null) System.setProperty(DISABLE_CLOSURES, "true");
        Dlmc dlmc = new Dlmc();
        dlmc.stdin = stdin;
        CommandLine cli = new CommandLine(dlmc.spec);
        // All subcommands before the settings below: picocli copies them only to commands present.
        Object named = args.length > 0 && !args[0].equals("help") ? dlmc.subcommand(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named);
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Only the version: no command is needed, and building them all cost as much as a check.
        } else {
            dlmc.addAllSubcommands(cli);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : INTERNAL);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: internal error in dlmc " + version() + ", please report it with the input that caused it:");
            e.printStackTrace(err);
            err.flush();
            return INTERNAL;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Not a bug in dlmc but a limit of this machine (or of -Xmx): one line, no stack trace.
            err.println("error: dlmc ran out of memory (Java heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); hint: give Java more with DLMC_JAVA_OPTS=-Xmx8g, or make the input smaller");
            code = FAILED;
        } catch (Throwable e) { // an Error (StackOverflowError, ...) that picocli does not handle
            err.println("error: internal error in dlmc " + version() + ", please report it with the input that caused it:");
            e.printStackTrace(err);
            code = INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The whole command tree, every subcommand registered: what completion scripts describe. */
    static CommandLine withAllCommands() {
        Dlmc dlmc = new Dlmc();
        CommandLine cli = new CommandLine(dlmc.spec);
        dlmc.addAllSubcommands(cli);
        return cli;
    }

    private void addAllSubcommands(CommandLine cli) {
        for (String name : SUBCOMMANDS) cli.addSubcommand(name, subcommand(name));
    }

    public static String version() {
        try (InputStream in = Dlmc.class.getResourceAsStream("dlmc.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[]{"dlmc " + version()}; }
    }
}
