package dev.dlm.cli;

import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.ErrorPages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code dlmc explain DLMxxxx}: prints the code's page of the error index, as {@code rustc --explain}. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a diagnostic code: what it means, an example and its fix.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CODE", description = "A diagnostic code, such as DLM0104.")
    String code;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var found = ErrorPages.code(code);
        if (found.isEmpty()) {
            var names = Arrays.stream(Code.values()).map(Code::name).toList();
            String hint = Names.didYouMean(code.toUpperCase(java.util.Locale.ROOT), names);
            spec.commandLine().getErr().println("error: `" + code + "` is not a dlm diagnostic code"
                    + (hint != null ? "; " + hint : "") + "\n  = help: the codes are listed in docs/errors/README.md ("
                    + names.get(0) + " to " + names.get(names.size() - 1) + ")");
            return Dlmc.USAGE;
        }
        spec.commandLine().getOut().print(ErrorPages.page(found.get()));
        return Dlmc.OK;
    }
}
