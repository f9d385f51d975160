package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.DataLoader;
import dev.dlm.runtime.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: a model whose outputs each read their own CSV labels, as Keras's
 * {@code fit(x, {"kind": y_kind, "price": y_price})}: a 3-class softmax head on a column of
 * class names beside a one-unit regression head on a column of real prices, trained end to end
 * in one model for 270 steps, validated on a held-out tenth. Each head learns against its own targets and is logged and
 * evaluated under its own name.
 */
class OwnLabelsTrainingTest {

    @TempDir
    Path dir;

    /** 600 rows: four features in [-1, 1], a class name (the largest of three linear scores) and a real price. */
    private void writeData() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        StringBuilder csv = new StringBuilder("a,b,kind,c,d,price\n");
        String[] names = {"basic", "deluxe", "standard"};
        for (int i = 0; i < 600; i++) {
            double a = random.nextDouble(-1, 1), b = random.nextDouble(-1, 1), c = random.nextDouble(-1, 1), d = random.nextDouble(-1, 1);
            double[] score = {a + b, c - d, -(a + c)};
            int kind = 0;
            for (int k = 1; k < 3; k++) if (score[k] > score[kind]) kind = k;
            double price = 2 * a - b + 0.5 * c + 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f,%.4f%n", a, b, names[kind], c, d, price));
        }
        Files.writeString(dir.resolve("shop.csv"), csv);
    }

    private static final String MODEL = """
            data csv("shop.csv", label=dict(kind="kind", price="price"))
            model shop(outputs=[kind, price]) {
                x = Input(shape=[4])
                h = Dense(32, activation='relu')(x)
                kind = Dense(3, activation='softmax', name='kind')(h)
                price = Dense(1, name='price')(h)
            }
            train {
                loss = dict(kind=sparse_categorical_crossentropy, price=mse)
                metrics = dict(kind=[accuracy], price=[mae])
                optimizer = adam(learning_rate=0.01)
                epochs = 10
                batch_size = 16
                validation_split = 0.1
                seed = 3
            }
            """;

    @Test
    void aClassifierHeadAndARegressionHeadTrainOnTheirOwnColumns() throws Exception {
        writeData();
        Compilation c = DlmCompiler.compile(dir.resolve("shop.dlm").toString(), MODEL);
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        CheckedModel model = c.model();
        Dataset data = DataLoader.load(model.data(), dir);
        assertEquals(480, data.train().size(), "every fifth of 600 rows is held out");

        try (Trainer trainer = Trainer.create(model, RunOptions.defaults().withThreads(2, 1).withSeed(3L))) {
            List<EpochStats> epochs = trainer.fit(data, TrainingListener.SILENT).epochs();
            assertEquals(10, epochs.size()); // 432 samples after the validation split, 27 steps an epoch: 270 steps
            EpochStats first = epochs.get(0), last = epochs.get(9);
            assertEquals(List.of("loss", "kind_loss", "price_loss", "kind_accuracy", "price_mae",
                            "val_loss", "val_kind_loss", "val_price_loss", "val_kind_accuracy", "val_price_mae"),
                    last.logs().keySet().stream().filter(k -> !k.equals("learning_rate")).toList());
            // The held-out tenth keeps each output's own targets (the split's views carry them together).
            assertTrue(last.metrics().get("val_kind_accuracy") > 0.8 && last.metrics().get("val_price_mae") < 0.3, last.metrics().toString());
            assertTrue(last.metrics().get("kind_loss") < 0.5 * first.metrics().get("kind_loss"), last.metrics().toString());
            assertTrue(last.metrics().get("price_loss") < 0.1 * first.metrics().get("price_loss"), last.metrics().toString());

            Evaluation e = trainer.evaluate(data.test());
            Map<String, Double> m = e.metrics();
            // Chance is 1/3 for the classes; the prices' own spread is the regression's baseline.
            assertTrue(m.get("kind_accuracy") > 0.85, m.toString());
            double[] prices = new double[data.test().size()];
            float[] y = new float[prices.length];
            data.test().forOutput(1).fillTargetValues(data.test().order(), 0, prices.length, y);
            double mean = 0, spread = 0;
            for (float v : y) mean += v / y.length;
            for (float v : y) spread += Math.abs(v - mean) / y.length;
            assertTrue(spread > 1, "the prices vary: mean absolute deviation " + spread);
            assertTrue(m.get("price_mae") < 0.15 * spread, m + " against a spread of " + spread);
            assertEquals(m.get("kind_loss") + m.get("price_loss"), e.loss(), 1e-4, "the total is the sum of the heads' losses");
        }
    }
}
