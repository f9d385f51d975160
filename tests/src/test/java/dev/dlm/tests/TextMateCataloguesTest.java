package dev.dlm.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TextMate grammar highlights built-in names (layers, activations, losses, optimizers,
 * initializers) from hand-written lists; this pins each list to the compiler's catalogue so
 * a layer added to the compiler cannot go unhighlighted.
 */
class TextMateCataloguesTest {

    static final Path GRAMMAR = CheckWithoutTensorFlowTest.ROOT.resolve("editors/vscode/syntaxes/dlm.tmLanguage.json");

    @Test
    void builtInNamesMatchTheCompilersCatalogues() throws Exception {
        JsonNode root = new ObjectMapper().readTree(GRAMMAR.toFile());
        List<String> layers = new ArrayList<>(LayerCatalogue.rules().stream().map(r -> r.kind().kerasName()).toList());
        layers.addAll(LayerCatalogue.INPUT_KINDS);
        assertEquals(new TreeSet<>(layers), alternatives(root, "support.class.layer.dlm"));
        Set<String> activations = new TreeSet<>(Catalogs.ACTIVATIONS);
        activations.add("silu"); // Keras's alias of swish
        assertEquals(activations, alternatives(root, "support.constant.activation.dlm"));
        assertEquals(new TreeSet<>(Catalogs.LOSSES), alternatives(root, "support.constant.loss.dlm"));
        assertEquals(new TreeSet<>(Catalogs.OPTIMIZERS.keySet()), alternatives(root, "support.constant.optimizer.dlm"));
        assertEquals(new TreeSet<>(Catalogs.INITIALIZERS.keySet()), alternatives(root, "support.constant.initializer.dlm"));
    }

    /** The names of a rule {@code "match": "(?:a|b|c)(?![A-Za-z0-9_])"} with the given scope name. */
    static Set<String> alternatives(JsonNode root, String scope) {
        Set<String> out = new TreeSet<>();
        collect(root, scope, out);
        if (out.isEmpty()) throw new AssertionError("no rule with scope " + scope + " in " + GRAMMAR);
        return out;
    }

    private static void collect(JsonNode node, String scope, Set<String> out) {
        if (node.isObject() && scope.equals(node.path("name").asText()) && node.has("match")) {
            Matcher m = Pattern.compile("^\\(\\?[:i]*:([A-Za-z0-9_|]+)\\)").matcher(node.get("match").asText());
            if (!m.find()) throw new AssertionError("unexpected match form for " + scope + ": " + node.get("match"));
            out.addAll(List.of(m.group(1).split("\\|")));
        }
        node.forEach(child -> collect(child, scope, out));
    }
}
