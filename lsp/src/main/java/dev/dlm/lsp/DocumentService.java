package dev.dlm.lsp;

import dev.dlm.compiler.source.Span;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The open documents and every document request. Requests are answered from the analysis
 * of the document's current text; diagnostics are published after a pause in typing
 * (debounced), on one background thread. A request that fails inside the server answers
 * with nothing and logs the failure: an editor mid-edit must never lose its server.
 */
final class DocumentService implements TextDocumentService {

    private final Map<String, Document> open = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dlm-lsp-diagnostics");
        t.setDaemon(true);
        return t;
    });
    private volatile long debounceMillis;
    private volatile LanguageClient client;

    DocumentService(long debounceMillis) { this.debounceMillis = debounceMillis; }

    void connect(LanguageClient client) { this.client = client; }

    void debounceMillis(long millis) { this.debounceMillis = millis; }

    void close() { checker.shutdownNow(); }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        open.put(d.getUri(), new Document(d.getUri(), d.getText(), d.getVersion()));
        schedule(d.getUri(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Document doc = open.get(params.getTextDocument().getUri());
        if (doc == null) return;
        doc.change(params.getContentChanges(), params.getTextDocument().getVersion());
        schedule(doc.uri, debounceMillis);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        ScheduledFuture<?> f = pending.remove(uri);
        if (f != null) f.cancel(false);
        LanguageClient c = client;
        if (c != null) c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) { }

    private void schedule(String uri, long delay) {
        if (checker.isShutdown()) return;
        ScheduledFuture<?> next = checker.schedule(() -> publish(uri), delay, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pending.put(uri, next);
        if (previous != null) previous.cancel(false);
    }

    private void publish(String uri) {
        Document doc = open.get(uri);
        LanguageClient c = client;
        if (doc == null || c == null) return;
        try {
            int version = doc.version();
            Analysis a = doc.analysis();
            PublishDiagnosticsParams p = new PublishDiagnosticsParams(uri, Diagnostics.convert(a, uri));
            p.setVersion(version);
            c.publishDiagnostics(p);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log("checking " + uri + " failed: " + e);
        }
    }

    /** Runs {@code f} on the document's analysis; an unknown document or a failure answers {@code empty}. */
    private <T> CompletableFuture<T> on(TextDocumentIdentifier id, T empty, Function<Document, T> f) {
        Document doc = open.get(id.getUri());
        if (doc == null) return CompletableFuture.completedFuture(empty);
        try {
            return CompletableFuture.completedFuture(f.apply(doc));
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log("request on " + id.getUri() + " failed: " + e);
            return CompletableFuture.completedFuture(empty);
        }
    }

    private void log(String message) {
        LanguageClient c = client;
        if (c != null) c.logMessage(new MessageParams(MessageType.Error, "dlm: " + message));
    }

    private static int offset(Document doc, org.eclipse.lsp4j.Position p) {
        return Positions.offset(doc.analysis().source(), p);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return on(params.getTextDocument(), null, d -> Hovers.hover(d.analysis(), offset(d, params.getPosition())));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return on(params.getTextDocument(), List.of(), d -> InlayHints.hints(d.analysis(), params.getRange()));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return on(params.getTextDocument(), Either.forLeft(List.of()), d -> {
            Analysis a = d.analysis();
            return Either.forLeft(Completions.complete(a, a.source().text(), offset(d, params.getPosition())));
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return on(params.getTextDocument(), Either.forLeft(List.of()),
                d -> Either.forLeft(Navigation.definition(d.analysis(), d.uri, offset(d, params.getPosition()))));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return on(params.getTextDocument(), List.of(),
                d -> Navigation.references(d.analysis(), d.uri, offset(d, params.getPosition()), declaration));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
        return on(params.getTextDocument(), null, d -> {
            Span s = Navigation.renameable(d.analysis(), offset(d, params.getPosition()));
            return s == null ? null : Either3.forSecond(new PrepareRenameResult(Positions.range(s), s.text()));
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return on(params.getTextDocument(), null,
                d -> Navigation.rename(d.analysis(), d.uri, offset(d, params.getPosition()), params.getNewName()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return on(params.getTextDocument(), List.of(),
                d -> Navigation.symbols(d.analysis()).stream().map(s -> Either.<SymbolInformation, DocumentSymbol>forRight(s)).toList());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return on(params.getTextDocument(), List.of(), d -> Navigation.folding(d.analysis()));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return on(params.getTextDocument(), List.of(), d -> Formatting.format(d.analysis().source(), null));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        return on(params.getTextDocument(), List.of(), d -> Formatting.format(d.analysis().source(), params.getRange()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return on(params.getTextDocument(), List.of(), d -> QuickFixes.actions(d.analysis(), d.uri, params.getRange()).stream()
                .map(a -> Either.<Command, CodeAction>forRight(a)).toList());
    }
}
