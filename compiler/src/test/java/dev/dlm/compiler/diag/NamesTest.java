package dev.dlm.compiler.diag;

import dev.dlm.compiler.diag.Names;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** "Did you mean" suggestions: optimal string alignment distance and its length-scaled cut-off. */
class NamesTest {

    private static final List<String> LAYERS = List.of("Dense", "Dropout", "Conv2D", "Conv1D", "MaxPooling2D",
            "BatchNormalization", "SimpleRNN", "LSTM", "GRU", "Flatten");

    @Test
    void distanceCountsEditsAndAdjacentTranspositions() {
        assertEquals(0, Names.distance("dense", "dense"));
        assertEquals(3, Names.distance("", "abc"));
        assertEquals(3, Names.distance("kitten", "sitting")); // k->s, e->i, +g
        assertEquals(1, Names.distance("relu", "rleu")); // one transposition, not two substitutions
        assertEquals(1, Names.distance("activaton", "activation")); // one insertion
        // optimal string alignment edits no substring twice: "ca" -> "abc" is 3, not Damerau's 2
        assertEquals(3, Names.distance("ca", "abc"));
    }

    @Test
    void distanceIsSymmetric() {
        for (String a : LAYERS) {
            for (String b : LAYERS) assertEquals(Names.distance(a, b), Names.distance(b, a), a + " vs " + b);
        }
    }

    @Test
    void suggestsTheClosestName() {
        assertEquals("did you mean `Dense`?", Names.didYouMean("Dens", LAYERS));
        assertEquals("did you mean `Conv2D`?", Names.didYouMean("Conv2d", LAYERS));
        assertEquals("did you mean `activation`?", Names.didYouMean("activaton", List.of("units", "activation", "use_bias")));
    }

    @Test
    void comparesWithoutCase() {
        assertEquals(Optional.of("LSTM"), Names.closest("lstm", LAYERS));
        assertEquals(Optional.of("SimpleRNN"), Names.closest("simplernn", LAYERS));
    }

    @Test
    void aLongEnoughPrefixIsASuggestion() {
        // "Batch" is 13 edits from BatchNormalization, but a prefix of at least 4 letters counts
        assertEquals(Optional.of("BatchNormalization"), Names.closest("Batch", LAYERS));
        // 3 letters are too few to guess from
        assertEquals(Optional.empty(), Names.closest("Max", LAYERS));
    }

    @Test
    void theAllowedDistanceGrowsWithTheName() {
        // limit = max(1, length / 3): "Dxnse" (5 letters) may be 1 edit away, "Dxnxe" (2 edits) may not
        assertEquals(Optional.of("Dense"), Names.closest("Dxnse", LAYERS));
        assertEquals(Optional.empty(), Names.closest("Dxnxe", LAYERS));
        // "BatchNormalisaton" (17 letters, limit 5) is 2 edits away
        assertEquals(Optional.of("BatchNormalization"), Names.closest("BatchNormalisaton", LAYERS));
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertNull(Names.didYouMean("Transformer", LAYERS));
        assertNull(Names.didYouMean("x", List.of()));
    }

    @Test
    void rankedListsBestFirstThenAlphabetically() {
        // "Conv" is a prefix of both convolutions (distance 2 each): alphabetical order breaks the tie
        assertEquals(List.of("Conv1D", "Conv2D"), Names.ranked("Conv", LAYERS));
        assertEquals(List.of("sgd"), Names.ranked("sdg", List.of("adam", "sgd", "rmsprop")));
    }
}
