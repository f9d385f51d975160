package dev.dlm.cli;

import dev.dlm.lsp.DlmLanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code dlmc lsp}: the language server over standard input and output. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Run the dlm language server (Language Server Protocol over stdin/stdout) for editors.")
final class LspCommand implements Callable<Integer> {

    // vscode-languageclient and other clients pass --stdio to say which transport they use; stdio is the only one.
    @Option(names = "--stdio", description = "Talk over stdin/stdout (the default and only transport).")
    boolean stdio;

    @Override
    public Integer call() {
        // stdout carries the protocol: nothing else may be printed to it.
        return DlmLanguageServer.run(System.in, System.out, Dlmc.version());
    }
}
