package dev.dlm.tests;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The chapter-2 networks (models/resnet*.dlm, models/densenet_bc100.dlm) have Keras's layers:
 * every layer's name, class, output shape and parameter count, and the model's total,
 * trainable and non-trainable counts, equal what Keras 3 printed for the book's own builder
 * code (keras/chapter2/*.tsv, written by {@code models/gen/chapter2.py --keras}). Keras 3
 * calls the input {@code input_layer} where dlm prints Keras 2's {@code input_1}; the other
 * names are the same per-class counters in both.
 */
class Chapter2KerasPinsTest {

    private static final Pattern TOTALS = Pattern.compile("# total (\\d+), trainable (\\d+), non-trainable (\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"resnet20v1", "resnet56v1", "resnet20v2", "resnet56v2", "densenet_bc100"})
    void layersShapesAndCountsAreKeras(String name) {
        List<String> pins = Repo.read(Repo.RESOURCES.resolve("keras/chapter2/" + name + ".tsv")).lines().toList();
        Compilation c = DlmCompiler.compile(Repo.MODELS.resolve(name + ".dlm"));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        CheckedModel model = c.model();

        Map<String, String> keras = new TreeMap<>();
        Matcher totals = null;
        for (String line : pins) {
            Matcher m = TOTALS.matcher(line);
            if (m.matches()) totals = m;
            if (line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f[1].equals("InputLayer")) continue;
            keras.put(f[0], f[1] + " " + f[2] + " " + f[3]);
        }
        Map<String, String> dlm = new TreeMap<>();
        for (CheckedLayer layer : model.layers()) {
            dlm.put(layer.name(), layer.kind().kerasName() + " " + layer.output().keras() + " " + layer.paramCount());
        }
        assertEquals(lines(keras), lines(dlm), "name, class, output shape and params of every layer");
        assertFalse(keras.isEmpty());
        assertEquals(List.of(Long.parseLong(totals.group(1)), Long.parseLong(totals.group(2)), Long.parseLong(totals.group(3))),
                List.of(model.totalParams(), model.trainableParams(), model.totalParams() - model.trainableParams()),
                "total, trainable and non-trainable params");
    }

    private static String lines(Map<String, String> layers) {
        List<String> out = new ArrayList<>();
        layers.forEach((k, v) -> out.add(k + " " + v));
        return String.join("\n", out);
    }
}
