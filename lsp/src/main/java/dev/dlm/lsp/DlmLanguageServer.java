package dev.dlm.lsp;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHintRegistrationOptions;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The dlm language server: capabilities, lifecycle and the launch over a pair of streams.
 * {@link DocumentService} answers the document requests. Initialization options:
 * {@code debounceMillis} (default 200), the pause after the last edit before the file is
 * checked and its diagnostics published.
 */
public final class DlmLanguageServer implements LanguageServer, LanguageClientAware {

    /** The default pause after an edit before diagnostics are published. */
    public static final long DEFAULT_DEBOUNCE_MILLIS = 200;

    private final DocumentService documents = new DocumentService(DEFAULT_DEBOUNCE_MILLIS);
    private final String version;
    private volatile boolean shutdown;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();

    public DlmLanguageServer(String version) { this.version = version; }

    /**
     * Serves one client over {@code in} and {@code out} until the client sends {@code exit} or
     * closes the stream. Returns 0 after shutdown then exit, 1 otherwise (as the LSP asks).
     */
    public static int run(InputStream in, OutputStream out, String version) {
        DlmLanguageServer server = new DlmLanguageServer(version);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException e) {
                // the stream broke: the client is gone
            }
        });
        try {
            CompletableFuture.anyOf(server.exited, closed).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the stream broke: the client is gone
        } finally {
            server.documents.close();
        }
        return server.shutdown ? 0 : 1;
    }

    @Override
    public void connect(LanguageClient client) { documents.connect(client); }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getInitializationOptions() instanceof JsonObject o && o.has("debounceMillis")) {
            documents.debounceMillis(Math.max(0, o.get("debounceMillis").getAsLong()));
        }
        ServerCapabilities c = new ServerCapabilities();
        c.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        c.setHoverProvider(true);
        c.setInlayHintProvider(new InlayHintRegistrationOptions());
        c.setCompletionProvider(new CompletionOptions(false, List.of("(", ",", "=", "'", "\"", "[", " ")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setDocumentSymbolProvider(true);
        c.setFoldingRangeProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setDocumentRangeFormattingProvider(true);
        c.setCodeActionProvider(true);
        return CompletableFuture.completedFuture(new InitializeResult(c, new ServerInfo("dlmc", version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        documents.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // The reader may be blocked on the input stream: run() returns and its caller ends the process.
        documents.close();
        exited.complete(null);
    }

    @Override
    public TextDocumentService getTextDocumentService() { return documents; }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override public void didChangeConfiguration(DidChangeConfigurationParams params) { }
            @Override public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) { }
        };
    }
}
