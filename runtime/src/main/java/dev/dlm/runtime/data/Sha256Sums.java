package dev.dlm.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The expected SHA-256 hashes of a set of files, read from a {@code SHA256SUMS} file in the
 * format {@code sha256sum} writes and checks: one {@code <64 hex digits>  <file name>} per line.
 */
final class Sha256Sums {

    private final String source;
    private final Map<String, String> hashes;

    private Sha256Sums(String source, Map<String, String> hashes) {
        this.source = source;
        this.hashes = hashes;
    }

    /** Parses the text of a SHA256SUMS file; {@code source} names it in errors. */
    static Sha256Sums parse(String text, String source) throws DataException {
        Map<String, String> hashes = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            // `sha256sum` separates with two spaces, or " *" for files hashed in binary mode.
            int space = line.indexOf(' ');
            String hash = space < 0 ? line : line.substring(0, space);
            String name = space < 0 ? "" : line.substring(space + 1).strip();
            if (name.startsWith("*")) name = name.substring(1);
            if (!hash.matches("[0-9a-fA-F]{64}") || name.isEmpty()) {
                throw new DataException(source + ":" + (i + 1), "is not a `<sha256>  <file>` line",
                        "restore the SHA256SUMS file");
            }
            hashes.put(name, hash.toLowerCase(Locale.ROOT));
        }
        return new Sha256Sums(source, hashes);
    }

    /**
     * Checks that {@code actual}, the SHA-256 of file {@code name}, is the value listed for it.
     *
     * @param file how to name the checked file in an error
     */
    void verify(String name, String actual, String file) throws DataException {
        String expected = hashes.get(name);
        if (expected == null) {
            throw new DataException(source, "lists no SHA-256 for " + name, "restore the SHA256SUMS file");
        }
        if (!actual.equals(expected)) {
            throw new DataException(file, "SHA-256 mismatch: expected " + expected + ", actual " + actual,
                    "the file is damaged or was replaced; restore the original");
        }
    }

    /** The lowercase hex SHA-256 of what {@code in} holds from here to its end. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) != -1; ) {
            digest.update(chunk, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
