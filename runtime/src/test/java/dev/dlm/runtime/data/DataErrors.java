package dev.dlm.runtime.data;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the user-facing messages of {@link DataException}. */
final class DataErrors {

    private DataErrors() {}

    /**
     * Asserts that {@code action} fails with a one-line {@link DataException} whose message
     * contains every fragment, and returns it.
     */
    static DataException assertDataError(Executable action, String... fragments) {
        DataException e = assertThrows(DataException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), () -> "message spans lines: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "message lacks '" + fragment + "': " + message);
        }
        return e;
    }
}
