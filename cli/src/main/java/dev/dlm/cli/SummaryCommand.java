package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.SummaryRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlmc summary FILE}: Keras's model.summary() table, or the same as JSON. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a model's layers, output shapes and parameter counts, as Keras's model.summary().")
final class SummaryCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(paramLabel = "FILE", description = "The .dlm file, or - for standard input.")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Dlmc dlmc;

    @Override
    public Integer call() {
        Compilation c = Inputs.compile(file, dlmc.stdin);
        var err = spec.commandLine().getErr();
        if (c.model() == null) {
            err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR)));
            return Dlmc.FAILED;
        }
        err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR))); // warnings, if any
        spec.commandLine().getOut().print(format == Format.json ? SummaryRenderer.json(c.model()) : SummaryRenderer.text(c.model()));
        return Dlmc.OK;
    }
}
