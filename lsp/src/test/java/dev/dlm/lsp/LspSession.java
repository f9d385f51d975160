package dev.dlm.lsp;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A headless LSP client connected to a {@link DlmLanguageServer} over a loopback socket pair, as
 * an editor is over stdio: every message goes through lsp4j's JSON-RPC encoding both ways. Not
 * {@code PipedInputStream}: it fails a read with "Write end dead" once the last thread that wrote
 * into it has ended, and the server's diagnostics thread, which writes, ends at {@code shutdown}
 * (a race that left the client deaf to the shutdown response now and then).
 */
final class LspSession implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("dlm.root", "..")).toAbsolutePath().normalize();

    final LanguageServer server;
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final List<MessageParams> logs = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Socket clientSide;
    private final Socket serverSide;
    private final Future<Void> clientListening;
    /** Counted down when the server's reader meets the end of the client's stream. */
    private final CountDownLatch serverReadToEnd = new CountDownLatch(1);
    private final Map<String, Integer> versions = new java.util.HashMap<>();

    LspSession() {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            clientSide = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            serverSide = listener.accept();
            // lsp4j writes a message's header and content apart: without this, each small write
            // waits on the peer's delayed acknowledgement (Nagle), tens of milliseconds a message.
            clientSide.setTcpNoDelay(true);
            serverSide.setTcpNoDelay(true);
            Thread t = new Thread(() -> {
                try {
                    exitCode.complete(DlmLanguageServer.run(endNoticed(serverSide.getInputStream()), serverSide.getOutputStream(), "test"));
                } catch (IOException e) {
                    exitCode.completeExceptionally(e);
                }
            }, "dlm-lsp-under-test");
            t.setDaemon(true);
            t.start();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(),
                    clientSide.getInputStream(), clientSide.getOutputStream());
            clientListening = launcher.startListening();
            server = launcher.getRemoteProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code in}, counting {@link #serverReadToEnd} down when a read meets its end. */
    private InputStream endNoticed(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c < 0) serverReadToEnd.countDown();
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) serverReadToEnd.countDown();
                return n;
            }
        };
    }

    InitializeResult initialize(long debounceMillis) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setCapabilities(new ClientCapabilities());
        com.google.gson.JsonObject options = new com.google.gson.JsonObject();
        options.addProperty("debounceMillis", debounceMillis);
        p.setInitializationOptions(options);
        InitializeResult r = server.initialize(p).get(10, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return r;
    }

    String open(String name, String text) {
        String uri = ROOT.resolve("models").resolve(name).toUri().toString();
        versions.put(uri, 1);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dlm", 1, text)));
        return uri;
    }

    void replace(String uri, String text) {
        int v = versions.merge(uri, 1, Integer::sum);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, v), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The next diagnostics published for {@code uri} (skipping other documents' and older ones). */
    PublishDiagnosticsParams nextDiagnostics(String uri) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = diagnostics.poll(10, TimeUnit.SECONDS);
            if (p == null) throw new AssertionError("no diagnostics published for " + uri);
            if (p.getUri().equals(uri)) return p;
        }
    }

    static TextDocumentIdentifier doc(String uri) { return new TextDocumentIdentifier(uri); }

    /** The position of the {@code n}-th occurrence (0-based) of {@code needle} in {@code text}, plus {@code delta} characters. */
    static Position at(String text, String needle, int n, int delta) {
        int i = -1;
        for (int k = 0; k <= n; k++) {
            i = text.indexOf(needle, i + 1);
            if (i < 0) throw new AssertionError("`" + needle + "` not found");
        }
        int offset = i + delta;
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < offset; k++) if (text.charAt(k) == '\n') { line++; lineStart = k + 1; }
        return new Position(line, offset - lineStart);
    }

    /** Applies LSP edits to a text, last first, as an editor does. */
    static String apply(String text, List<? extends TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparingInt(e -> e.getRange().getStart().getCharacter()).reversed());
        String out = text;
        for (TextEdit e : sorted) {
            int start = offset(out, e.getRange().getStart());
            int end = offset(out, e.getRange().getEnd());
            out = out.substring(0, start) + e.getNewText() + out.substring(end);
        }
        return out;
    }

    static int offset(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine() && i < text.length()) if (text.charAt(i++) == '\n') line++;
        return Math.min(text.length(), i + p.getCharacter());
    }

    @Override
    public void close() throws Exception {
        if (!exitCode.isDone()) {
            // End as an editor does, so the server is not left writing into a closed stream.
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            exitCode.get(10, TimeUnit.SECONDS);
        }
        // Each side's end of stream first, so that both readers end on it rather than on a closed socket.
        clientSide.shutdownOutput();
        serverSide.shutdownOutput();
        clientListening.get(10, TimeUnit.SECONDS);
        serverReadToEnd.await(10, TimeUnit.SECONDS);
        clientSide.close();
        serverSide.close();
    }

    private final class Client implements LanguageClient {
        @Override public void telemetryEvent(Object object) { }
        @Override public void publishDiagnostics(PublishDiagnosticsParams p) { diagnostics.add(p); }
        @Override public void showMessage(MessageParams p) { logs.add(p); }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(MessageParams p) { logs.add(p); }
    }
}
