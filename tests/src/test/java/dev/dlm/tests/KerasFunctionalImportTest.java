package dev.dlm.tests;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.keras.KerasImporter;
import dev.dlm.runtime.model.KerasImport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlmc import} of Keras functional configurations (keras/functional/, written by Keras
 * 3 with its generate.py; a Keras 2 configuration inline): the text is dlm's functional form,
 * it checks, and it is the same network as Keras's: the same layers, shapes and counts.
 */
class KerasFunctionalImportTest {

    private static final Path FUNCTIONAL = KerasImportTest.FIXTURES.resolve("functional");

    private static String importText(Path file) throws Exception {
        KerasImport.Imported imported = KerasImport.importFile(file, false);
        assertFalse(imported.result().hasErrors(), () -> imported.result().diagnostics().toString());
        return imported.result().text();
    }

    private static CheckedModel check(String text) {
        Compilation c = DlmCompiler.compile("imported.dlm", text);
        assertFalse(c.hasErrors(), () -> c.diagnostics() + "\n" + text);
        return c.model();
    }

    /** The layers as a sorted multiset of (class, output shape, params): the network without its names and order. */
    private static List<String> network(CheckedModel model) {
        return model.layers().stream().map(l -> l.kind().kerasName() + " " + l.output().keras() + " " + l.paramCount()).sorted().toList();
    }

    @Test
    void theYNetworkImportsAsModelsYnetDlm() throws Exception {
        String text = importText(FUNCTIONAL.resolve("ynet.keras"));
        assertTrue(text.startsWith("# Imported by dlmc import from a Keras 3.15.1 functional model.\n\nmodel y_network {\n"), text);
        assertTrue(text.contains("    input_layer = Input(shape=[28, 28, 1])\n    input_layer_1 = Input(shape=[28, 28, 1])\n"), text);
        assertTrue(text.contains("    concatenate = Concatenate()([max_pooling2d_2, max_pooling2d_5])\n"), text);
        assertTrue(text.contains("Conv2D(32, 3, padding='same', dilation_rate=2, activation='relu')(input_layer_1)"), text);
        CheckedModel imported = check(text);
        CheckedModel book = DlmCompiler.compile(Repo.MODELS.resolve("ynet.dlm")).model();
        assertEquals(network(book), network(imported));
        assertEquals(208_394, imported.totalParams());
        assertEquals(2, imported.graph().inputs().size());
    }

    @Test
    void aResNetBlockKeepsItsShortcutsAndCounts() throws Exception {
        String text = importText(FUNCTIONAL.resolve("resnet_block.keras"));
        assertTrue(text.contains("    add = Add()([activation, batch_normalization_2])\n"), "identity shortcut: " + text);
        assertTrue(text.contains("conv2d_5 = Conv2D(32, 1, strides=2, padding='same', kernel_initializer='he_normal', "
                + "kernel_regularizer=l2(0.0001))(activation_2)"), "strided 1x1 projection shortcut: " + text);
        assertTrue(text.contains("    add_1 = Add()([conv2d_5, batch_normalization_4])\n"), text);
        CheckedModel model = check(text);
        assertEquals(20_298, model.totalParams(), "Keras's model.count_params()");
        assertEquals(20_298 - 2 * (16 + 16 + 16 + 32 + 32), model.trainableParams(), "BN moving statistics are not trainable");
        assertEquals("(None, 10)", model.output().keras());
    }

    @Test
    void aSharedLayerIsBoundOnceAndAppliedByName() throws Exception {
        String text = importText(FUNCTIONAL.resolve("siamese.keras"));
        assertEquals("""
                # Imported by dlmc import from a Keras 3.15.1 functional model.

                model siamese {
                    input_layer = Input(shape=[8])
                    input_layer_1 = Input(shape=[8])
                    dense = Dense(4, activation='relu')
                    dense_node0 = dense(input_layer)
                    dense_node1 = dense(input_layer_1)
                    subtract = Subtract()([dense_node0, dense_node1])
                    dense_1 = Dense(2, activation='softmax')(subtract)
                }
                """, text);
        assertEquals(8 * 4 + 4 + 4 * 2 + 2, check(text).totalParams(), "the shared Dense counted once");
    }

    @Test
    void aFunctionalChainImportsToo() throws Exception {
        // The file that DLM1206 used to refuse: keras.Model(inp, Dense(10)(inp)).
        CheckedModel model = check(importText(KerasImportTest.FIXTURES.resolve("refused_functional.keras")));
        assertEquals(120 * 10 + 10, model.totalParams());
    }

    @Test
    void keras2ConfigurationsAndSeveralOutputs() {
        // Keras 2's format: inbound_nodes are lists of [layer, node, tensor, kwargs]; the model has two outputs.
        String json = """
                {"class_name": "Model", "config": {"name": "two_heads", "layers": [
                  {"class_name": "InputLayer", "name": "input_1", "config": {"batch_input_shape": [null, 6], "name": "input_1"}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "trunk", "config": {"name": "trunk", "units": 5, "activation": "relu"},
                   "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                  {"class_name": "Dense", "name": "head_a", "config": {"name": "head_a", "units": 3, "activation": "softmax"},
                   "inbound_nodes": [[["trunk", 0, 0, {}]]]},
                  {"class_name": "Dense", "name": "head_b", "config": {"name": "head_b", "units": 2},
                   "inbound_nodes": [[["trunk", 0, 0, {}]]]},
                  {"class_name": "Concatenate", "name": "both", "config": {"name": "both", "axis": -1},
                   "inbound_nodes": [[["head_a", 0, 0, {}], ["head_b", 0, 0, {}]]]}],
                 "input_layers": [["input_1", 0, 0]], "output_layers": [["both", 0, 0], ["head_a", 0, 0]]}}
                """;
        KerasImporter.Result r = KerasImporter.importConfig("two_heads.json", json, "2.15.0");
        assertFalse(r.hasErrors(), r.diagnostics()::toString);
        assertEquals("""
                # Imported by dlmc import from a Keras 2.15.0 functional model.

                model two_heads(outputs=[both, head_a]) {
                    input_1 = Input(shape=[6])
                    trunk = Dense(5, activation='relu', name='trunk')(input_1)
                    head_a = Dense(3, activation='softmax', name='head_a')(trunk)
                    head_b = Dense(2, name='head_b')(trunk)
                    both = Concatenate(name='both')([head_a, head_b])
                }
                """, r.text());
        assertEquals(List.of("trunk", "head_a", "head_b", "both"), r.kerasNames());
    }

    @Test
    void aSecondOutputOfALayerIsRefusedWithItsLocation() {
        String json = """
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "input_layer", "config": {"batch_shape": [null, 4], "name": "input_layer"}, "inbound_nodes": []},
                  {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 2},
                   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["input_layer", 0, 1]}}], "kwargs": {}}]}],
                 "input_layers": [["input_layer", 0, 0]], "output_layers": [["dense", 0, 0]]}}
                """;
        KerasImporter.Result r = KerasImporter.importConfig("m.json", json, null);
        assertTrue(r.hasErrors());
        assertEquals(null, r.text());
        var d = r.diagnostics().get(0);
        assertEquals(dev.dlm.compiler.diag.Code.DLM1206, d.code());
        assertTrue(d.message().contains("reads output 1 of layer `input_layer`"), d.message());
    }
}
