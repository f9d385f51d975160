package dev.dlm.lsp;

import dev.dlm.compiler.source.SourceFile;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document mid-edit never breaks the server: every prefix of every shipped model, and
 * seeded random edits, go through every feature without an exception.
 */
class RobustnessTest {

    static List<Path> models() throws IOException {
        try (Stream<Path> s = Files.walk(LspSession.ROOT.resolve("models"))) {
            return s.filter(p -> p.toString().endsWith(".dlm")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTruncationOfEveryModel() throws IOException {
        return models().stream().map(p -> DynamicTest.dynamicTest(LspSession.ROOT.relativize(p).toString(), () -> {
            String text = Files.readString(p);
            for (int end = 0; end <= text.length(); end++) exercise(text.substring(0, end));
        }));
    }

    @Test
    void seededRandomEditsOfTheCnn() throws IOException {
        String cnn = Files.readString(LspSession.ROOT.resolve("models/cnn.dlm"));
        Random random = new Random(13);
        String pieces = "()[]{},='\"#\n 0123456789_.abcDense(Flatten()let model train expect sweep in";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder(cnn);
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                int at = random.nextInt(sb.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> sb.insert(at, pieces.charAt(random.nextInt(pieces.length())));
                    case 1 -> { if (at < sb.length()) sb.deleteCharAt(at); }
                    default -> sb.insert(at, pieces, random.nextInt(pieces.length() - 5), pieces.length());
                }
            }
            exercise(sb.toString());
        }
    }

    /** Every feature at a few places of {@code text}; any exception fails the test. */
    static void exercise(String text) {
        Analysis a = Analysis.of("m.dlm", text);
        assertNotNull(Diagnostics.convert(a, "file:///m.dlm"));
        InlayHints.hints(a, null);
        Navigation.symbols(a);
        Navigation.folding(a);
        QuickFixes.actions(a, "file:///m.dlm", Positions.range(a.source(), 0, text.length()));
        Formatting.format(a.source(), null);
        for (int offset : new int[]{0, text.length() / 2, text.length()}) {
            Hovers.hover(a, offset);
            Completions.complete(a, text, offset);
            Navigation.definition(a, "file:///m.dlm", offset);
            Navigation.references(a, "file:///m.dlm", offset, true);
        }
    }

    @Test
    void theServerAnswersAfterEveryTruncationOfTheMlp() throws Exception {
        String mlp = Files.readString(LspSession.ROOT.resolve("models/mlp.dlm"));
        try (LspSession lsp = new LspSession()) {
            lsp.initialize(50);
            String uri = lsp.open("mlp.dlm", "");
            var docs = lsp.server.getTextDocumentService();
            for (int end = mlp.length(); end >= 0; end -= 3) {
                String text = mlp.substring(0, end);
                lsp.replace(uri, text);
                Position last = LspSession.at(text + "\u0000", "\u0000", 0, 0);
                docs.hover(new HoverParams(LspSession.doc(uri), last)).get(10, TimeUnit.SECONDS);
                docs.completion(new CompletionParams(LspSession.doc(uri), last)).get(10, TimeUnit.SECONDS);
                docs.inlayHint(new InlayHintParams(LspSession.doc(uri), new Range(new Position(0, 0), last))).get(10, TimeUnit.SECONDS);
            }
            lsp.replace(uri, mlp);
            var hints = docs.inlayHint(new InlayHintParams(LspSession.doc(uri), new Range(new Position(0, 0), new Position(999, 0))))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(9, hints.size());
            assertTrue(lsp.logs.isEmpty(), "the server logged failures: " + lsp.logs);
        }
    }

    @Test
    void positionsPastTheEndAreClamped() {
        SourceFile f = new SourceFile("m.dlm", "ab\ncd");
        assertEquals(5, Positions.offset(f, new Position(7, 0)));
        assertEquals(2, Positions.offset(f, new Position(0, 99)));
        assertEquals(0, Positions.offset(f, new Position(-1, 3)));
    }
}
