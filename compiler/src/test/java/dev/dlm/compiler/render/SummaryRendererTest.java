package dev.dlm.compiler.render;

import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ModelFixture;
import dev.dlm.compiler.ir.CheckedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code model.summary()} as classic tf.keras prints a Sequential model: 65 columns, fields
 * cut by {@code print_row} at positions {@code int(65 * [.45, .85, 1])} = 29, 55, 65, and the
 * totals with thousands separators.
 */
class SummaryRendererTest {

    private static final String UNDERSCORES = "_".repeat(65);
    private static final String EQUALS = "=".repeat(65);

    private static CheckedModel models(String file) {
        return DlmCompiler.compile(Path.of("..", "models", file)).model();
    }

    /**
     * Keras's {@code print_row}, written out from its source: each field is appended after
     * replacing the line's last character by a space, then the line is cut at the field's
     * position and padded to it.
     */
    private static String kerasRow(String... fields) {
        int[] positions = {29, 55, 65};
        String line = "";
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) line = line.substring(0, line.length() - 1) + " ";
            line += fields[i];
            line = line.substring(0, Math.min(line.length(), positions[i]));
            line += " ".repeat(positions[i] - line.length());
        }
        return line;
    }

    @Test
    void theMlpSummaryIsKerassTable() {
        String expected = String.join("\n",
                "Model: \"mlp\"",
                "Data: mnist samples [28, 28], reshaped to the model's input [784]",
                UNDERSCORES,
                "Layer (type)                 Output Shape              Param #   ",
                EQUALS,
                "dense (Dense)                (None, 256)               200960    ",
                UNDERSCORES,
                "activation (Activation)      (None, 256)               0         ",
                UNDERSCORES,
                "dropout (Dropout)            (None, 256)               0         ",
                UNDERSCORES,
                "dense_1 (Dense)              (None, 256)               65792     ",
                UNDERSCORES,
                "activation_1 (Activation)    (None, 256)               0         ",
                UNDERSCORES,
                "dropout_1 (Dropout)          (None, 256)               0         ",
                UNDERSCORES,
                "dense_2 (Dense)              (None, 10)                2570      ",
                UNDERSCORES,
                "activation_2 (Activation)    (None, 10)                0         ",
                EQUALS,
                "Total params: 269,322",
                "Trainable params: 269,322",
                "Non-trainable params: 0",
                UNDERSCORES,
                "");
        assertEquals(expected, SummaryRenderer.text(models("mlp.dlm")));
    }

    @Test
    void aThirtyCharacterFieldIsCutLikeKerasDoes() {
        // "max_pooling2d_1 (MaxPooling2D)" is 30 characters: cut at 29, its last kept character then
        // replaced by the separating space; the book's CNN summary shows "max_pooling2d_1 (MaxPooling2"
        String field = "max_pooling2d_1 (MaxPooling2D)";
        assertEquals(30, field.length());
        String row = "max_pooling2d_1 (MaxPooling2 (None, 5, 5, 64)" + " ".repeat(10) + "0" + " ".repeat(9);
        assertEquals(kerasRow(field, "(None, 5, 5, 64)", "0"), row);
        assertTrue(SummaryRenderer.text(models("cnn.dlm")).contains("\n" + row + "\n"));
    }

    @Test
    void aThirtyCharacterLayerNameKeepsTwentyEightCharacters() {
        String name = "a_layer_name_of_thirty_chars_x";
        assertEquals(30, name.length());
        CheckedModel m = ModelFixture.model("[4]", "Dense(2, name='" + name + "')").checked();
        // the field is "<name> (Dense)": cut at 29, then the 29th character gives way to the space
        String row = name.substring(0, 28) + " (None, 2)" + " ".repeat(17) + "10" + " ".repeat(8);
        assertEquals(kerasRow(name + " (Dense)", "(None, 2)", "10"), row);
        assertTrue(SummaryRenderer.text(m).contains("\n" + row + "\n"), SummaryRenderer.text(m));
    }

    @Test
    void aLongOutputShapeIsCutAtColumn55() {
        // (None, 100000, 100000, 100000, 3) is 34 characters from column 29: 26 fit before 55, and the
        // 26th then gives way to the space before the params
        CheckedModel m = ModelFixture.model("[100000, 100000, 100000, 4]", "Dense(3)").checked();
        String row = kerasRow("dense (Dense)", "(None, 100000, 100000, 100000, 3)", "15");
        assertEquals("dense (Dense)                (None, 100000, 100000, 10 15" + " ".repeat(8), row);
        assertTrue(SummaryRenderer.text(m).contains("\n" + row + "\n"), SummaryRenderer.text(m));
    }

    @Test
    void totalsUseThousandsSeparatorsAndSplitTrainable() {
        String out = SummaryRenderer.text(models("variants/cnn-batchnorm.dlm"));
        assertTrue(out.endsWith("Total params: 81,034\nTrainable params: 80,650\nNon-trainable params: 384\n" + UNDERSCORES + "\n"), out);
        assertTrue(out.contains("\n" + kerasRow("batch_normalization (BatchNormalization)", "(None, 26, 26, 64)", "256") + "\n"), out);
    }

    @Test
    void everyLineIsAtMost65Columns() throws Exception {
        for (Path p : List.of(Path.of("..", "models", "cnn.dlm"), Path.of("..", "models", "variants", "rnn-bilstm.dlm"))) {
            String out = SummaryRenderer.text(DlmCompiler.compile(p).model());
            for (String line : out.split("\n")) {
                if (line.startsWith("Data:") || line.startsWith("Model:")) continue;
                assertTrue(line.length() <= 65, () -> "too long: '" + line + "'");
            }
        }
    }

    @Test
    void jsonCarriesShapesCountsAndWeights() {
        Map<String, Object> tree = SummaryRenderer.jsonTree(models("rnn.dlm"));
        assertEquals(75_530L, tree.get("total_params"));
        assertEquals(java.util.Arrays.asList(null, 28L, 28L), tree.get("input_shape"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) tree.get("layers");
        Map<String, Object> rnn = layers.get(0);
        assertEquals("simple_rnn", rnn.get("name"));
        assertEquals(72_960L, rnn.get("params"));
        assertEquals(java.util.Arrays.asList(null, 256L), rnn.get("output_shape"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> weights = (List<Map<String, Object>>) rnn.get("weights");
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), weights.stream().map(w -> w.get("name")).toList());
        assertEquals("orthogonal", weights.get(1).get("initializer"));
        assertTrue(SummaryRenderer.json(models("rnn.dlm")).contains("\"total_params\": 75530"));
    }
}
