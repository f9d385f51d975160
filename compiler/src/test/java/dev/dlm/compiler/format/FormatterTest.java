package dev.dlm.compiler.format;

import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.parse.Parser;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The formatter's contract, on every model file and every file of the diagnostics corpus that
 * parses: formatting is idempotent, the formatted text parses to the same AST (spans aside),
 * and no comment is lost or reordered.
 */
class FormatterTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("models", "tests/src/test/resources/diagnostics", "editors/vscode/samples")) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> walk = Files.walk(d)) {
                walk.filter(p -> p.toString().endsWith(".dlm")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @TestFactory
    Stream<DynamicTest> formattingIsIdempotentAndKeepsTheAst() throws IOException {
        List<Path> files = corpus().toList();
        assertTrue(files.size() > 40, "corpus too small: " + files.size());
        return files.stream().map(path -> DynamicTest.dynamicTest(ROOT.relativize(path).toString(), () -> {
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                return; // the corpus has a deliberately non-UTF-8 file
            }
            DlmFile before = parse(text);
            if (before == null) return; // syntax errors: fmt refuses such files
            String once = Formatter.format(before);
            DlmFile after = parse(once);
            assertTrue(after != null, "formatted text does not parse:\n" + once);
            assertEquals(shape(before.items()), shape(after.items()), "formatting changed the AST");
            assertEquals(before.comments().stream().map(DlmFile.Comment::text).map(String::strip).toList(),
                    after.comments().stream().map(DlmFile.Comment::text).map(String::strip).toList(),
                    "formatting lost or reordered comments");
            assertEquals(once, Formatter.format(after), "formatting is not idempotent");
        }));
    }

    @Test
    void canonicalLayout() {
        String messy = """
                # header
                let  h=256   # width
                let d = 0.45
                data   mnist
                model m ( input = [ 784 ] ) { Dense( h ,activation='relu' ) ; Dropout(d)   // drop
                  Dense(10)
                  Activation( 'softmax' ) }
                train { loss=categorical_crossentropy;optimizer=adam(learning_rate = 1e-3)
                        batch_size=128 }
                expect params==2*h*h
                """;
        String expected = """
                # header
                let h = 256  # width
                let d = 0.45

                data mnist

                model m(input=[784]) {
                    Dense(h, activation='relu')
                    Dropout(d)  // drop
                    Dense(10)
                    Activation('softmax')
                }

                train {
                    loss       = categorical_crossentropy
                    optimizer  = adam(learning_rate=1e-3)
                    batch_size = 128
                }

                expect params == 2 * h * h
                """;
        assertEquals(expected, Formatter.format(parse(messy)));
    }

    @Test
    void functionalItemsBecomeCanonicalAndKeepTheirGroups() {
        String messy = """
                model y(outputs = [ out ]) { left=Input( shape=[4] ) ; right = Input(shape=[4])
                  shared=Dense( 8 )
                  a = shared( left )   # first

                  b=shared(right); c = Concatenate( axis=-1 )( [ a,b ] )
                  out = Dense(2)(c) }
                """;
        String expected = """
                model y(outputs=[out]) {
                    left = Input(shape=[4])
                    right = Input(shape=[4])
                    shared = Dense(8)
                    a = shared(left)  # first

                    b = shared(right)
                    c = Concatenate(axis=-1)([a, b])
                    out = Dense(2)(c)
                }
                """;
        assertEquals(expected, Formatter.format(parse(messy)));
        assertEquals(expected, Formatter.format(parse(expected)));
    }

    @Test
    void commentsInsideAMultiLineItemStaySeparateCommentsAboveIt() {
        // Joined onto the item's line, the two notes would lex as one comment.
        String messy = """
                # header

                # about the data
                data mnist
                model m(input=[4]) { Dense(2) }
                train {
                    metrics = [accuracy,   # first note
                               auc]        # second note
                }
                """;
        String expected = """
                # header

                # about the data
                data mnist

                model m(input=[4]) {
                    Dense(2)
                }

                train {
                    # first note
                    metrics = [accuracy, auc]  # second note
                }
                """;
        assertEquals(expected, Formatter.format(parse(messy)));
        assertEquals(expected, Formatter.format(parse(expected)));
    }

    @Test
    void diffShowsRemovedThenAddedLines() {
        String diff = UnifiedDiff.diff("f.dlm", "a\nb\nc\n", "a\nB\nc\n");
        assertEquals("--- f.dlm\n+++ f.dlm (formatted)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", diff);
        assertFalse(UnifiedDiff.diff("f", "x\n", "x\n").contains("@@"));
    }

    static DlmFile parse(String text) {
        Diagnostics d = new Diagnostics();
        DlmFile f = Parser.parse(new SourceFile("t.dlm", text), d);
        return d.hasErrors() ? null : f;
    }

    /** A span-free rendering of the AST: every record component but spans, recursively. */
    static String shape(Object node) {
        if (node instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : list) sb.append(shape(o)).append(", ");
            return sb.append("]").toString();
        }
        if (node instanceof Record r) {
            StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append("(");
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Span.class) continue;
                try {
                    sb.append(c.getName()).append("=").append(shape(c.getAccessor().invoke(r))).append(" ");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return sb.append(")").toString();
        }
        return String.valueOf(node);
    }
}
