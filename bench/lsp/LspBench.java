import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * bench/run lsp: the latency an editor sees from `dlmc lsp` after an edit, through a real
 * server process over stdio. For each document: diagnostics (from didChange sent to
 * publishDiagnostics received, with the server's debounce set to 0 so the number is the
 * server's own work plus transport), hover on the last layer and inlay hints for the whole
 * document (each the first request after an edit, so it includes checking the new text).
 * Also the server's resident memory before and after the edits, to see it stays flat.
 *
 * Usage: java -cp 'cli/target/dlmc.jar:cli/target/lib/*' bench/lsp/LspBench.java JAR EDITS FILE...
 * Prints one JSON object per line: {"file":..., "measure":..., "median_ms":..., ...}.
 */
public class LspBench {

    static final Map<Integer, CompletableFuture<Long>> published = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int edits = Integer.parseInt(args[1]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-XX:+UseSerialGC", "-jar", jar, "lsp")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var launcher = LSPLauncher.createClientLauncher(new Client(), server.getInputStream(), server.getOutputStream());
        launcher.startListening();
        LanguageServer lsp = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setInitializationOptions(Map.of("debounceMillis", 0));
        lsp.initialize(init).get(60, TimeUnit.SECONDS);
        lsp.initialized(new InitializedParams());
        long rssStart = rssKb(server.pid());
        for (int f = 2; f < args.length; f++) {
            Path file = Path.of(args[f]);
            run(lsp, file, Files.readString(file), edits, rssStart, server.pid());
        }
        lsp.shutdown().get(10, TimeUnit.SECONDS);
        lsp.exit();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    static int version = 0;

    static void run(LanguageServer lsp, Path file, String text, int edits, long rssStart, long pid) throws Exception {
        String uri = file.toAbsolutePath().toUri().toString();
        var docs = lsp.getTextDocumentService();
        int v = ++version;
        published.put(v, new CompletableFuture<>());
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dlm", v, text)));
        published.get(v).get(60, TimeUnit.SECONDS);
        // The edit: the first Dense layer's width, changed back and forth (every shape after it is re-derived).
        int at = text.indexOf("Dense(") + "Dense(".length();
        int end = at;
        while (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_') end++;
        String original = text.substring(at, end);
        Position last = lastLayer(text);
        Range all = new Range(new Position(0, 0), new Position(text.split("\n", -1).length, 0));
        List<Long> diagnostics = new ArrayList<>();
        List<Long> hover = new ArrayList<>();
        List<Long> hints = new ArrayList<>();
        List<Long> window = new ArrayList<>();
        // What an editor asks for: the hints of the 60 lines on screen, here the model's last ones.
        Range screen = new Range(new Position(Math.max(0, last.getLine() - 59), 0), new Position(last.getLine() + 1, 0));
        int warmup = Math.max(20, edits / 5);
        long rssWarm = 0;
        long heapWarm = 0;
        for (int i = 0; i < warmup + edits; i++) {
            if (i == warmup) { rssWarm = rssKb(pid); heapWarm = heapUsedKb(pid); }
            boolean measure = i >= warmup;
            // 1. diagnostics after an edit
            long t0 = System.nanoTime();
            int dv = edit(docs, uri, text, at, end, i % 2 == 0 ? "77" : original);
            long t1 = published.get(dv).get(60, TimeUnit.SECONDS);
            if (measure) diagnostics.add(t1 - t0);
            // 2. hover on the last layer, first request after an edit
            edit(docs, uri, text, at, end, i % 2 == 0 ? original : "77");
            t0 = System.nanoTime();
            var h = docs.hover(new HoverParams(new TextDocumentIdentifier(uri), last)).get(60, TimeUnit.SECONDS);
            if (measure) hover.add(System.nanoTime() - t0);
            if (h == null) throw new IllegalStateException("no hover on the last layer of " + file);
            // 3. inlay hints for the whole document, first request after an edit
            edit(docs, uri, text, at, end, i % 2 == 0 ? "77" : original);
            t0 = System.nanoTime();
            var ih = docs.inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri), all)).get(60, TimeUnit.SECONDS);
            if (measure) hints.add(System.nanoTime() - t0);
            if (ih.isEmpty()) throw new IllegalStateException("no inlay hints for " + file);
            // 4. inlay hints for one screen, first request after an edit
            edit(docs, uri, text, at, end, i % 2 == 0 ? original : "77");
            t0 = System.nanoTime();
            docs.inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri), screen)).get(60, TimeUnit.SECONDS);
            if (measure) window.add(System.nanoTime() - t0);
        }
        long layers = text.lines().filter(l -> l.matches("\\s+[A-Z][A-Za-z0-9]*\\(.*")).count();
        long rssEnd = rssKb(pid);
        String name = file.getFileName().toString();
        report(name, layers, "diagnostics", diagnostics);
        report(name, layers, "hover", hover);
        report(name, layers, "inlay_hints", hints);
        report(name, layers, "inlay_screen", window);
        long heapEnd = heapUsedKb(pid);
        System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"measure\":\"rss_kb\",\"start\":%d,\"after_warmup\":%d,\"after_%d_edits\":%d}%n",
                name, rssStart, rssWarm, 4 * (warmup + edits), rssEnd);
        System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"measure\":\"heap_used_after_gc_kb\",\"after_warmup\":%d,\"after_%d_edits\":%d}%n",
                name, heapWarm, 4 * (warmup + edits), heapEnd);
    }

    static int edit(org.eclipse.lsp4j.services.TextDocumentService docs, String uri, String text, int at, int end, String width) {
        int v = ++version;
        published.put(v, new CompletableFuture<>());
        String changed = text.substring(0, at) + width + text.substring(end);
        docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, v),
                List.of(new TextDocumentContentChangeEvent(changed))));
        return v;
    }

    static Position last(String text, int offset) {
        int line = 0, start = 0;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') { line++; start = i + 1; }
        return new Position(line, offset - start);
    }

    static Position lastLayer(String text) {
        int close = text.indexOf("\n}", text.indexOf("model "));
        int lineStart = text.lastIndexOf('\n', close - 1) + 1;
        int col = lineStart;
        while (text.charAt(col) == ' ') col++;
        return last(text, col + 1);
    }

    static void report(String file, long layers, String measure, List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        Collections.sort(s);
        double median = s.get(s.size() / 2) / 1e6;
        double p90 = s.get((int) Math.min(s.size() - 1, Math.ceil(s.size() * 0.9) - 1)) / 1e6;
        double max = s.get(s.size() - 1) / 1e6;
        System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"layers\":%d,\"measure\":\"%s\",\"n\":%d,\"median_ms\":%.2f,\"p90_ms\":%.2f,\"max_ms\":%.2f}%n",
                file, layers, measure, s.size(), median, p90, max);
    }

    /** The server's live heap: a full GC (jcmd GC.run), then the used size from GC.heap_info; -1 without jcmd. */
    static long heapUsedKb(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            var m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            long used = 0;
            boolean found = false;
            while (m.find()) { used += Long.parseLong(m.group(2)); found = true; }
            return found ? used : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            // not Linux: no RSS
        }
        return -1;
    }

    static final class Client implements LanguageClient {
        @Override public void telemetryEvent(Object object) { }
        @Override public void publishDiagnostics(PublishDiagnosticsParams p) {
            long now = System.nanoTime();
            if (p.getVersion() != null) published.computeIfAbsent(p.getVersion(), k -> new CompletableFuture<>()).complete(now);
        }
        @Override public void showMessage(MessageParams p) { System.err.println(p.getMessage()); }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(MessageParams p) { System.err.println(p.getMessage()); }
    }
}
