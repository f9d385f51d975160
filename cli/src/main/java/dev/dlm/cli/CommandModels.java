package dev.dlm.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli command models written in code, for the commands whose start-up counts: the root
 * {@code dlmc} and {@code check}, {@code summary} and {@code fmt}. picocli builds a model from
 * annotations by reflection, and the JDK makes a proxy class for every annotation type it
 * reads; neither can be kept in the class-data-sharing archive, and together they were the
 * largest part of a one-file check's start-up (docs/benchmarks.md). A model built here must
 * say exactly what the annotations said: the same names, labels, arity, defaults and
 * descriptions, so help, errors and completion scripts do not change.
 */
final class CommandModels {
    private CommandModels() {}

    /** The key picocli files its standard help options under (what {@code mixinStandardHelpOptions()} asks for). */
    private static final String STANDARD_HELP = "mixinStandardHelpOptions";

    /** A command named {@code name}, run by {@code command} (a {@code Runnable} or {@code Callable}). */
    static CommandSpec command(Object command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /**
     * Adds picocli's standard help options, as its own annotated mixin declares them (names
     * overridable by the same system properties, the same description keys); last, as
     * picocli adds them after a command's own options.
     */
    static void standardHelpOptions(CommandSpec spec) {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .type(boolean.class).initialValue(false).usageHelp(true).paramLabel("<helpRequested>")
                .descriptionKey("mixinStandardHelpOptions.help").description("Show this help message and exit.").build());
        mixin.addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                .type(boolean.class).initialValue(false).versionHelp(true).paramLabel("<versionRequested>")
                .descriptionKey("mixinStandardHelpOptions.version").description("Print version information and exit.").build());
        spec.addMixin(STANDARD_HELP, mixin);
    }

    /** Whether the boolean option {@code name} was given. */
    static boolean flag(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }
}
