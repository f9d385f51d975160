package dev.dlm.compiler.keras;

import dev.dlm.compiler.diag.Code;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras configurations to dlm text without TensorFlow: Keras 2's form, defaults dropped, names kept, refusals located. */
class KerasImporterTest {

    /** Keras 2's model.to_json(): the input on the first layer, L1L2 regularizers, a user's layer name. */
    static final String KERAS2 = """
            {"class_name": "Sequential", "keras_version": "2.15.0", "config": {"name": "digits", "layers": [
              {"class_name": "Dense", "config": {"name": "hidden", "trainable": true, "batch_input_shape": [null, 784],
                "dtype": "float32", "units": 64, "activation": "relu", "use_bias": true,
                "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
                "bias_initializer": {"class_name": "Zeros", "config": {}},
                "kernel_regularizer": {"class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.001}},
                "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}},
              {"class_name": "Dropout", "config": {"name": "dropout_7", "rate": 0.5, "noise_shape": null, "seed": null}},
              {"class_name": "Dense", "config": {"name": "dense_9", "units": 10, "activation": "softmax",
                "kernel_initializer": {"class_name": "HeNormal", "config": {"seed": null}}}}]}}
            """;

    @Test
    void keras2ConfigBecomesFormattedDlmWithNonDefaultArgumentsOnly() {
        KerasImporter.Result r = KerasImporter.importConfig("m.json", KERAS2, "2.15.0");
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        assertEquals("""
                # Imported by dlmc import from a Keras 2.15.0 Sequential model.

                model digits(input=[784]) {
                    Dense(64, activation='relu', kernel_regularizer=l2(0.001), name='hidden')
                    Dropout(0.5)
                    Dense(10, activation='softmax', kernel_initializer='he_normal')
                }
                """, r.text());
        assertEquals(java.util.List.of("hidden", "dropout_7", "dense_9"), r.kerasNames());
    }

    @Test
    void aNonDefaultConstraintIsRefusedAtItsPlaceInTheConfig() {
        String json = KERAS2.replace("\"kernel_constraint\": null", "\"kernel_constraint\": {\"class_name\": \"NonNeg\", \"config\": {}}");
        KerasImporter.Result r = KerasImporter.importConfig("m.json", json, null);
        assertNull(r.text());
        assertEquals(Code.DLM1208, r.diagnostics().get(0).code());
        assertTrue(r.diagnostics().get(0).message().contains("kernel_constraint"), r.diagnostics().get(0).message());
        assertTrue(r.diagnostics().get(0).span().line() > 1, "points into the pretty-printed configuration");
    }

    @Test
    void aValueDlmsRulesRefuseIsAnImportError() {
        String json = KERAS2.replace("\"rate\": 0.5", "\"rate\": 1.5");
        KerasImporter.Result r = KerasImporter.importConfig("m.json", json, null);
        assertEquals(Code.DLM1208, r.diagnostics().get(0).code());
        assertTrue(r.diagnostics().get(0).message().startsWith("layer `dropout_7`"), r.diagnostics().get(0).message());
    }
}
