package dev.dlm.tests;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Severity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the documentation honest: every ```dlm example in docs/*.md preceded by a marker
 * {@code <!-- check: ok -->}, {@code <!-- check: error DLM0301 -->} or
 * {@code <!-- check: warn DLM0401 -->} must compile with exactly those diagnostic codes.
 */
class DocsExamplesTest {

    static final Path DOCS = CheckWithoutTensorFlowTest.ROOT.resolve("docs");
    static final Pattern EXAMPLE = Pattern.compile("<!-- check: (ok|error|warn)([A-Z0-9 ]*)-->\\s*```dlm\\n(.*?)```", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyMarkedExampleBehavesAsDocumented() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path doc : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(doc);
                Matcher m = EXAMPLE.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).lines().count() + 1;
                    String kind = m.group(1);
                    List<String> codes = Arrays.stream(m.group(2).trim().split("\\s+")).filter(s -> !s.isEmpty()).sorted().toList();
                    String source = m.group(3);
                    String name = DOCS.getParent().relativize(doc) + ":" + line;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Compilation c = DlmCompiler.compile(name, source);
                        List<String> reported = c.diagnostics().stream()
                                .filter(d -> kind.equals("ok") || d.severity() == (kind.equals("error") ? Severity.ERROR : Severity.WARNING))
                                .map(d -> d.code().name()).sorted().toList();
                        assertEquals(codes, reported, "the example at " + name + " reports " + c.diagnostics().stream().map(Diagnostic::message).toList());
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 20, "expected the docs' marked examples, found " + tests.size());
        return tests.stream();
    }
}
