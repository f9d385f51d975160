package dev.dlm.compiler.check;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.OutputTraining;
import dev.dlm.compiler.ir.TrainSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training a model with several outputs (issue 14), as Keras's {@code compile} takes it: one
 * loss for all, a list in the outputs' order, or {@code dict(name=...)} by Keras's output
 * names (the producing layers'); {@code loss_weights} and metrics per output; Keras 3's logged
 * names; and the located errors for settings that do not match the outputs.
 */
class MultiOutputTrainingTest {

    /** Two heads on one input: `digit` is `dense_1` (10 classes), `parity` is `head` (named). */
    private static Compilation compile(String train) {
        return DlmCompiler.compile("f.dlm", """
                data mnist
                model m(outputs=[digit, parity]) {
                    x = Input(shape=[784])
                    h = Dense(32, activation='relu')(x)
                    digit = Dense(10, activation='softmax')(h)
                    parity = Dense(10, activation='softmax', name='head')(h)
                }
                train {
                """ + train + "\n}\n");
    }

    private static TrainSpec ok(String train) {
        Compilation c = compile(train);
        assertNotNull(c.model(), () -> "expected no errors, got " + c.diagnostics());
        return c.model().train();
    }

    private static Diagnostic only(Compilation c, Code code) {
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + ", got " + c.diagnostics());
        assertNull(c.model());
        return found.get(0);
    }

    @Test
    void aListGivesEachOutputItsLossWeightAndMetricsInOrder() {
        TrainSpec t = ok("""
                loss = [categorical_crossentropy, categorical_crossentropy(label_smoothing=0.1)]
                loss_weights = [1.0, 0.5]
                metrics = [[accuracy], [accuracy, mae]]
                validation_split = 0.1
                """);
        assertEquals(2, t.outputs().size());
        OutputTraining digit = t.outputs().get(0), parity = t.outputs().get(1);
        assertEquals("dense_1", digit.name());
        assertEquals("head", parity.name());
        assertEquals(0.1, parity.lossOptions().labelSmoothing());
        assertEquals(0.5, parity.weight());
        assertEquals(List.of(Metric.ACCURACY, Metric.MAE), parity.metrics());
        // Keras 3's history keys for this compile (printed by Keras 3.15 for the same structure).
        assertEquals(List.of("loss", "dense_1_loss", "head_loss", "dense_1_accuracy", "head_accuracy", "head_mae",
                "val_loss", "val_dense_1_loss", "val_head_loss", "val_dense_1_accuracy", "val_head_accuracy", "val_head_mae"),
                t.loggedMetrics());
    }

    @Test
    void aDictNamesOutputsByTheirLayersAndLeavesWeightsAndMetricsOptional() {
        TrainSpec t = ok("""
                loss = dict(head=mse, dense_1=categorical_crossentropy)
                loss_weights = dict(head=2)
                metrics = dict(dense_1=[accuracy])
                callbacks = [EarlyStopping(monitor='dense_1_accuracy')]
                """);
        assertEquals(Loss.CATEGORICAL_CROSSENTROPY, t.outputs().get(0).loss());
        assertEquals(Loss.MEAN_SQUARED_ERROR, t.outputs().get(1).loss());
        assertEquals(1.0, t.outputs().get(0).weight());
        assertEquals(2.0, t.outputs().get(1).weight());
        assertEquals(List.of(), t.outputs().get(1).metrics());
        assertEquals(List.of("loss", "dense_1_loss", "head_loss", "dense_1_accuracy"), t.loggedMetrics());
    }

    @Test
    void aListOfTheWrongLengthIsLocated() {
        Diagnostic d = only(compile("    loss = [categorical_crossentropy]"), Code.DLM1483);
        assertTrue(d.message().contains("1 entry, but the model has 2 outputs (`dense_1`, `head`)"), d.message());
        assertEquals(9, d.span().line());
        only(compile("    loss = mse\n    loss_weights = [1, 2, 3]"), Code.DLM1483);
        only(compile("    loss = mse\n    metrics = [[accuracy]]"), Code.DLM1483);
    }

    @Test
    void anUnknownOutputNameIsLocatedWithTheTensorHint() {
        Diagnostic d = only(compile("    loss = dict(digit=mse, head=mse)"), Code.DLM1483);
        assertTrue(d.message().contains("no output named `digit`"), d.message());
        assertTrue(d.help().contains("`digit` is the tensor; write `dense_1=`"), d.help());
        only(compile("    loss = dict(hed=mse, dense_1=mse)"), Code.DLM1483);
        Diagnostic missing = only(compile("    loss = dict(head=mse)"), Code.DLM1483);
        assertTrue(missing.message().contains("no entry for output `dense_1`"), missing.message());
    }

    @Test
    void aFlatMetricListIsRefusedAsKeras3RefusesIt() {
        Diagnostic d = only(compile("    loss = mse\n    metrics = [accuracy]"), Code.DLM1483);
        assertTrue(d.help().contains("[[accuracy], [accuracy]]"), d.help());
    }

    @Test
    void perOutputSettingsOnAModelWithOneOutputAreRefused() {
        Compilation c = DlmCompiler.compile("f.dlm", "data mnist\nmodel m(input=[784]) {\n    Dense(10, activation='softmax')\n}\n"
                + "train {\n    loss = categorical_crossentropy\n    loss_weights = [1.0]\n}\n");
        only(c, Code.DLM1483);
    }

    @Test
    void eachOutputsLossIsCheckedAgainstThatOutput() {
        // The one-unit head cannot score MNIST's 10 classes: DLM0303 at that head, as for one output.
        Compilation c = DlmCompiler.compile("f.dlm", """
                data mnist
                model m(outputs=[a, b]) {
                    x = Input(shape=[784])
                    a = Dense(10, activation='softmax')(x)
                    b = Dense(1, activation='softmax')(x)
                }
                train { loss = categorical_crossentropy }
                """);
        assertEquals(5, only(c, Code.DLM0303).span().line());
    }

    @Test
    void severalLabelColumnsForSeveralOutputsAreStillRefused() {
        Compilation c = DlmCompiler.compile("f.dlm", """
                data csv("t.csv", label=["a", "b"])
                model m(outputs=[p, q]) {
                    x = Input(shape=[4])
                    p = Dense(1)(x)
                    q = Dense(1)(x)
                }
                train { loss = mse }
                """);
        assertEquals(1, only(c, Code.DLM1408).span().line());
    }
}
