package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** The one place where low-level I/O errors become one-line {@link DataException}s. */
final class IoErrors {

    /** The hint for a file whose bytes are wrong. */
    static final String REDOWNLOAD = "the file is damaged; get a fresh copy";

    private IoErrors() {}

    /** Describes {@code e}, raised while reading {@code file}, for the user. */
    static DataException describe(String file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(Code.DLM0701, file, "no such file", null, e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException(file, "cannot be read: permission denied", null, e);
        }
        if (e instanceof EOFException) {
            // Our own readers count bytes instead of expecting EOFException; only gzip raises it.
            return new DataException(file, "the gzip data is truncated", REDOWNLOAD, e);
        }
        if (e instanceof ZipException) {
            return new DataException(file, "the gzip data is corrupt (" + e.getMessage() + ")", REDOWNLOAD, e);
        }
        if (e instanceof CharacterCodingException) {
            return new DataException(file, "is not UTF-8 text", "save the file as UTF-8", e);
        }
        return new DataException(file, "cannot be read (" + e.getMessage() + ")", null, e);
    }
}
