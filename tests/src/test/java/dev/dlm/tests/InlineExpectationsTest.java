package dev.dlm.tests;

import dev.dlm.tests.InlineExpectations.Expected;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corpus's expectation marks parse as documented, and malformed marks are rejected. */
class InlineExpectationsTest {

    @Test
    void marksOnTheirOwnLineAboveAndBelow() {
        String text = """
                data mnist    # ~ ERROR DLM0110
                model m(input=[784]) {
                # ~^ WARNING DLM0114
                    Dense(10)    # ~ ERROR DLM0101 ~ WARNING DLM0401
                # ~vv NOTE DLM0206
                }

                """;
        assertEquals(Set.of(
                new Expected(1, "ERROR", "DLM0110"),
                new Expected(2, "WARNING", "DLM0114"),
                new Expected(4, "ERROR", "DLM0101"),
                new Expected(4, "WARNING", "DLM0401"),
                new Expected(7, "NOTE", "DLM0206")), InlineExpectations.parse(text));
    }

    @Test
    void ordinaryCommentsAreNotMarks() {
        assertTrue(InlineExpectations.parse("# about 28 ~ 30 steps\nlet x = 1  # roughly ~1\n").isEmpty());
    }

    @Test
    void malformedMarksAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> InlineExpectations.parse("data mnist  # ~ EROR DLM0110\n"));
        assertThrows(IllegalArgumentException.class, () -> InlineExpectations.parse("data mnist  # ~ ERROR 0110\n"));
        assertThrows(IllegalArgumentException.class, () -> InlineExpectations.parse("data mnist  # ~ ERROR DLM0110 and more\n"));
        assertThrows(IllegalArgumentException.class, () -> InlineExpectations.parse("# ~^ ERROR DLM0001\n"));
    }
}
