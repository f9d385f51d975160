package dev.dlm.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dlmc completion bash|zsh|fish}: prints a shell completion script for dlmc's
 * commands, options and option values. picocli generates the bash script (zsh runs it
 * through bashcompinit); the fish script is generated here from the same command model.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script: `source <(dlmc completion bash)`.")
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh, fish }

    @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // dlmc registers only the command it runs; the script describes them all.
        CommandLine root = Dlmc.withAllCommands();
        String script = switch (shell) {
            case bash -> AutoComplete.bash("dlmc", root);
            case zsh -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash("dlmc", root);
            case fish -> fish(root);
        };
        spec.commandLine().getOut().print(script);
        return Dlmc.OK;
    }

    /** A fish script: one {@code complete} line per subcommand, option and option value set. */
    static String fish(CommandLine root) {
        StringBuilder sb = new StringBuilder("# fish completion for dlmc: dlmc completion fish > ~/.config/fish/completions/dlmc.fish\n");
        sb.append("complete -c dlmc -f\n");
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            sb.append("complete -c dlmc -n '__fish_use_subcommand' -a ").append(e.getKey())
                    .append(" -d ").append(quote(first(e.getValue().getCommandSpec().usageMessage().description()))).append('\n');
        }
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            String when = "__fish_seen_subcommand_from " + e.getKey();
            CommandSpec sub = e.getValue().getCommandSpec();
            if (!sub.positionalParameters().isEmpty() && sub.positionalParameters().get(0).completionCandidates() == null
                    && !e.getKey().equals("help") && !e.getKey().equals("explain")) {
                sb.append("complete -c dlmc -n '").append(when).append("' -F\n"); // files
            }
            for (var p : sub.positionalParameters()) {
                if (p.completionCandidates() != null) {
                    sb.append("complete -c dlmc -n '").append(when).append("' -a ").append(quote(String.join(" ", p.completionCandidates()))).append('\n');
                }
            }
            if (e.getKey().equals("help")) sb.append("complete -c dlmc -n '").append(when).append("' -a ").append(quote(String.join(" ", names))).append('\n');
            for (OptionSpec o : sub.options()) {
                sb.append("complete -c dlmc -n '").append(when).append("'");
                for (String n : o.names()) sb.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
                if (o.arity().max() > 0 && !o.type().equals(boolean.class)) {
                    sb.append(" -r");
                    if (o.completionCandidates() != null) sb.append(" -a ").append(quote(String.join(" ", o.completionCandidates())));
                }
                sb.append(" -d ").append(quote(first(o.description()))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replaceAll("\\$\\{[^}]*}", "").replaceAll("\\s*\\(default: \\)", "").strip();
    }

    private static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }
}
