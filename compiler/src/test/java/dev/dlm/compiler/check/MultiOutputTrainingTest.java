package dev.dlm.compiler.check;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.DataSource;
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

    // ---- each output its own labels: Keras's fit(x, [y1, y2]) and fit(x, {name: y}) ----

    /** A classifier head (`kind`, 3 classes) beside a one-unit regression head (`price`), reading `label`. */
    private static Compilation ownLabels(String label, String extraData, String train) {
        return DlmCompiler.compile("f.dlm", """
                data csv("shop.csv", label=%s%s)
                model m(outputs=[kind, price]) {
                    x = Input(shape=[4])
                    h = Dense(16, activation='relu')(x)
                    kind = Dense(3, activation='softmax', name='kind')(h)
                    price = Dense(1, name='price')(h)
                }
                train {
                %s
                }
                """.formatted(label, extraData, train));
    }

    private static final String TWO_LOSSES = "    loss = dict(kind=sparse_categorical_crossentropy, price=mse)\n    metrics = dict(kind=[accuracy], price=[mae])";

    private static List<DataSource.OutputLabels> outputLabels(Compilation c) {
        assertNotNull(c.model(), () -> "expected no errors, got " + c.diagnostics());
        return ((DataSource.Csv) c.model().data().source()).outputs();
    }

    @Test
    void aDictGivesEachOutputItsOwnColumnAClassifierBesideARegression() {
        Compilation c = ownLabels("dict(price=\"price\", kind=\"species\")", ", classes=3", TWO_LOSSES);
        assertEquals(List.of(new DataSource.OutputLabels("kind", List.of("species"), false),
                new DataSource.OutputLabels("price", List.of("price"), true)), outputLabels(c));
        assertEquals(List.of("price", "species"), ((DataSource.Csv) c.model().data().source()).labels(), "every column the outputs read");
        assertTrue(c.diagnostics().isEmpty(), () -> c.diagnostics().toString());
    }

    @Test
    void aListGivesTheOutputsTheirColumnsInOrderAndANestedListSeveralTargets() {
        assertEquals(List.of(new DataSource.OutputLabels("kind", List.of("species"), false),
                new DataSource.OutputLabels("price", List.of("price"), true)), outputLabels(ownLabels("[\"species\", \"price\"]", "", TWO_LOSSES)));
        Compilation nested = DlmCompiler.compile("f.dlm", """
                data csv("shop.csv", label=["species", ["price", "rent"]])
                model m(outputs=[kind, cost]) {
                    x = Input(shape=[4])
                    kind = Dense(3, activation='softmax')(x)
                    cost = Dense(2)(x)
                }
                train { loss = [categorical_crossentropy, huber]; metrics = [[accuracy], [mae]] }
                """);
        assertEquals(List.of(new DataSource.OutputLabels("dense", List.of("species"), false),
                new DataSource.OutputLabels("dense_1", List.of("price", "rent"), true)), outputLabels(nested));
    }

    @Test
    void oneColumnStillFeedsEveryOutput() {
        // fit(x, [y, y]): no labels per output, as before issue 14's own labels.
        Compilation c = ownLabels("\"species\"", "", "    loss = [categorical_crossentropy, mse]");
        assertTrue(outputLabels(c).isEmpty());
    }

    @Test
    void labelsThatDoNotMatchTheOutputsAreLocated() {
        Diagnostic count = only(ownLabels("[\"species\", \"price\", \"rent\"]", "", TWO_LOSSES), Code.DLM1408);
        assertTrue(count.message().contains("3 entries, but the model has 2 outputs (`kind`, `price`)"), count.message());
        assertEquals(1, count.span().line());
        assertEquals(28, count.span().column());

        Diagnostic unknown = only(ownLabels("dict(kind=\"species\", cost=\"price\")", "", TWO_LOSSES), Code.DLM1408);
        assertTrue(unknown.message().contains("no output named `cost`"), unknown.message());
        assertEquals("cost", unknown.span().text());

        Compilation tensorName = DlmCompiler.compile("f.dlm", """
                data csv("shop.csv", label=dict(kind="species", p="price"))
                model m(outputs=[kind, p]) {
                    x = Input(shape=[4])
                    kind = Dense(3, activation='softmax', name='kind')(x)
                    p = Dense(1)(x)
                }
                train { loss = [categorical_crossentropy, mse] }
                """);
        assertTrue(only(tensorName, Code.DLM1408).help().contains("`p` is the tensor; write `dense=`"));

        Diagnostic missing = only(ownLabels("dict(kind=\"species\")", "", TWO_LOSSES), Code.DLM1408);
        assertTrue(missing.message().contains("no entry for output `price`"), missing.message());

        Compilation oneOutput = DlmCompiler.compile("f.dlm", """
                data csv("shop.csv", label=dict(dense="price"))
                model m(input=[4]) { Dense(1) }
                train { loss = mse }
                """);
        assertEquals(1, only(oneOutput, Code.DLM1408).span().line());
    }

    @Test
    void anOutputsTargetColumnsMustFitItsUnits() {
        Diagnostic d = only(ownLabels("dict(kind=\"species\", price=[\"price\", \"rent\"])", "", TWO_LOSSES), Code.DLM1484);
        assertEquals(6, d.span().line(), "at the regression head's layer");
        assertTrue(d.message().contains("output `price` outputs 1 value per sample, but its label names 2 target columns"), d.message());
        assertTrue(d.help().contains("Dense(2)"), d.help());
    }

    @Test
    void aClassLossOnAnOutputsRealColumnsIsRefused() {
        Compilation c = ownLabels("[\"species\", [\"price\", \"rent\"]]", "",
                "    loss = [categorical_crossentropy, categorical_crossentropy]");
        Diagnostic d = only(c, Code.DLM1485);
        assertEquals("[\"price\", \"rent\"]", d.span().text());
        assertTrue(d.message().contains("output `price` reads 2 label columns"), d.message());
    }

    @Test
    void theRegressionHeadIsNotCheckedAgainstTheClassesButItsClassMetricsAreWarnedAbout() {
        // classes=3 is the classifier head's; the one-unit mse head beside it is fine (it was DLM0303).
        Compilation c = ownLabels("dict(kind=\"species\", price=\"price\")", ", classes=3",
                "    loss = dict(kind=categorical_crossentropy, price=mse)\n    metrics = dict(kind=[accuracy], price=[mae, accuracy])");
        assertNotNull(c.model(), () -> c.diagnostics().toString());
        List<Diagnostic> warnings = c.diagnostics().stream().filter(x -> x.code() == Code.DLM1432).toList();
        assertEquals(1, warnings.size(), () -> c.diagnostics().toString());
        assertTrue(warnings.get(0).message().contains("output `price` trains on the real values of `price`"), warnings.get(0).message());
        // The same head reading the shared class column is still checked against the classes.
        assertEquals(6, only(ownLabels("\"species\"", ", classes=3", TWO_LOSSES), Code.DLM0303).span().line());
    }
}
