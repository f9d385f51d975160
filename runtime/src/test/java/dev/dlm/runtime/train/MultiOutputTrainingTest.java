package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A functional model with two outputs (issue 14) trained on an MNIST slice as Keras trains
 * {@code Model(x, [a, b])} compiled with a loss, a weight and metrics per output and fitted on
 * {@code [y, y]}: both outputs learn, each output's loss and metrics are logged under Keras
 * 3's names, and the logged total is the weighted sum of the outputs' losses.
 */
class MultiOutputTrainingTest {

    private static final String MODEL = """
            data mnist
            model two_heads(outputs=[digit, smooth]) {
                x = Input(shape=[784])
                h = Dense(64, activation='relu')(x)
                digit = Dense(10, activation='softmax')(h)
                smooth = Dense(10, activation='softmax', name='smooth')(h)
            }
            train {
                loss = [categorical_crossentropy, categorical_crossentropy(label_smoothing=0.2)]
                loss_weights = [1.0, 0.5]
                metrics = [[accuracy], [accuracy, mae]]
                optimizer = adam
                epochs = 2
                batch_size = 32
                validation_split = 0.2
            }
            """;

    @Test
    void twoOutputsLearnAndLogKerasNames() {
        Compilation c = DlmCompiler.compile("two.dlm", MODEL);
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        CheckedModel model = c.model();
        Split train = Mnist.train(1200);
        Split test = Mnist.test(400);
        try (Trainer trainer = Trainer.create(model, RunOptions.defaults().withThreads(2, 1).withSeed(1L))) {
            List<EpochStats> epochs = trainer.fit(new dev.dlm.runtime.data.Dataset("mnist", train.sampleShape(), 10, train, test),
                    TrainingListener.SILENT).epochs();
            assertEquals(2, epochs.size());
            EpochStats first = epochs.get(0), last = epochs.get(1);
            // Keras 3's keys for this compile (as Keras 3.15 logs a two-output model), loss first.
            assertEquals(List.of("loss", "dense_1_loss", "smooth_loss", "dense_1_accuracy", "smooth_accuracy", "smooth_mae",
                    "val_loss", "val_dense_1_loss", "val_smooth_loss", "val_dense_1_accuracy", "val_smooth_accuracy", "val_smooth_mae"),
                    List.copyOf(last.logs().keySet()).stream().filter(k -> !k.equals("learning_rate")).toList());
            // Both outputs learn (30 steps an epoch on 960 samples).
            assertTrue(last.metrics().get("dense_1_loss") < 0.8 * first.metrics().get("dense_1_loss"), last.metrics().toString());
            assertTrue(last.metrics().get("smooth_loss") < 0.9 * first.metrics().get("smooth_loss"), last.metrics().toString());
            assertTrue(last.metrics().get("val_dense_1_accuracy") > 0.75, last.metrics().toString());

            Evaluation e = trainer.evaluate(test);
            Map<String, Double> m = e.metrics();
            // The total is Keras's weighted sum (no regularization here).
            assertEquals(m.get("dense_1_loss") + 0.5 * m.get("smooth_loss"), e.loss(), 1e-4, m.toString());
            assertTrue(m.get("dense_1_accuracy") > 0.6 && m.get("smooth_accuracy") > 0.6, m.toString()); // chance is 0.1
            // Label smoothing keeps the smoothed output's loss above the plain one's.
            assertTrue(m.get("smooth_loss") > m.get("dense_1_loss"), m.toString());
        }
    }
}
