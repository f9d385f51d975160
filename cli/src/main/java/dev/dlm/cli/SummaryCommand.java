package dev.dlm.cli;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.sweep.SweepPlanner;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.render.SummaryRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlmc summary FILE}: Keras's model.summary() table, or the same as JSON. */
final class SummaryCommand implements Callable<Integer> {

    enum Format { text, json }

    /** The command's model, written in code for start-up time (see {@link CommandModels}). */
    final CommandSpec spec;

    private final Dlmc dlmc;

    SummaryCommand(Dlmc dlmc) {
        this.dlmc = dlmc;
        spec = CommandModels.command(this, "summary", "Print a model's layers, output shapes and parameter counts, as Keras's model.summary().");
        spec.addPositional(PositionalParamSpec.builder().required(true).paramLabel("FILE").type(Path.class)
                .descriptionKey("").description("The .dlm file, or - for standard input.").build());
        spec.addOption(OptionSpec.builder("--format").paramLabel("<format>").type(Format.class).defaultValue("text")
                .descriptionKey("").description("Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--cell").paramLabel("K").type(Integer.class)
                .descriptionKey("").description("Summarize cell K of the file's sweep (`dlmc sweep FILE --dry-run` lists them).").build());
        CommandModels.standardHelpOptions(spec);
    }

    @Override
    public Integer call() {
        Path file = spec.positionalParameters().get(0).getValue();
        Format format = spec.findOption("--format").getValue();
        Integer cell = spec.findOption("--cell").getValue();
        Compilation c = Inputs.compile(file, dlmc.stdin);
        var err = spec.commandLine().getErr();
        if (c.model() == null) {
            err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR)));
            return Dlmc.FAILED;
        }
        err.print(DiagnosticRenderer.text(List.of(c), Terminal.color("auto", Terminal.Stream.ERR))); // warnings, if any
        CheckedModel model = c.model();
        if (cell != null) {
            SweepPlanner.Planned planned = SweepPlanner.plan(c.source(), file);
            if (!planned.ok()) {
                for (var d : planned.diagnostics()) err.print(DiagnosticRenderer.text(d, Terminal.color("auto", Terminal.Stream.ERR)));
                return Dlmc.FAILED;
            }
            if (cell < 0 || cell >= planned.plan().size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cell " + cell + ": the sweep has "
                        + planned.plan().size() + " cells, 0 to " + (planned.plan().size() - 1));
            }
            model = planned.plan().cell(cell).model();
        }
        spec.commandLine().getOut().print(format == Format.json ? SummaryRenderer.json(model) : SummaryRenderer.text(model));
        return Dlmc.OK;
    }
}
