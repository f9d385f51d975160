package dev.dlm.lsp;

import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every name the compiler's catalogues know has a description for hover and completion. */
class DocsTest {

    @Test
    void everyCatalogueNameIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (LayerRule r : LayerCatalogue.rules()) check(missing, "layer", r.kind().kerasName());
        for (String l : Catalogs.LOSSES) check(missing, "loss", Catalogs.loss(l).kerasName());
        for (String o : Catalogs.OPTIMIZERS.keySet()) check(missing, "optimizer", o);
        for (String a : Catalogs.ACTIVATIONS) check(missing, "activation", a);
        for (String i : Catalogs.INITIALIZERS.keySet()) check(missing, "initializer", i);
        for (String m : Catalogs.METRICS) check(missing, "metric", m);
        assertEquals(List.of(), missing);
    }

    private static void check(List<String> missing, String kind, String name) {
        if (Docs.description(kind, name) == null) missing.add(kind + "." + name);
    }

    @Test
    void signaturesWriteDefaultsAsKerasDoes() {
        assertEquals("MaxPooling2D(pool_size=(2, 2), strides=None, padding='valid', data_format='channels_last')",
                Docs.signature(LayerCatalogue.rule("MaxPooling2D")));
        assertEquals("**optimizer** `sgd`\n\n```python\nsgd(learning_rate=0.01, momentum=0.0, nesterov=False)\n```\n\n"
                + Docs.description("optimizer", "sgd"), Docs.builtin("SGD"));
    }
}
