package dev.dlm.compiler.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The pages of the error index ({@code docs/errors/DLMxxxx.md}), bundled in the compiler's
 * jar so {@code dlmc explain} works without the repository, as {@code rustc --explain} does.
 */
public final class ErrorPages {
    private ErrorPages() {}

    /** The code named by {@code text} ({@code DLM0104}, {@code dlm0104} or {@code 0104}), if it exists. */
    public static Optional<Code> code(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        String name = t.startsWith("DLM") ? t : "DLM" + t;
        return Arrays.stream(Code.values()).filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The page of {@code code} as Markdown; for a code whose page is not written yet (a test
     * over docs/errors fails the build then), its title and where the index is.
     */
    public static String page(Code code) {
        try (InputStream in = ErrorPages.class.getResourceAsStream("errors/" + code.name() + ".md")) {
            if (in == null) return "# " + code.name() + ": " + code.title() + "\n\nThis code has no page yet; see docs/errors/README.md.\n";
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
