package dev.dlm.runtime.train;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book's Y-network ({@code models/ynet.dlm}) trained on an MNIST slice with the file's own
 * settings (Adam, batch 32, dropout 0.4), one epoch of 1,500 samples instead of twenty of
 * 60,000: both branches read every image, the running loss falls and the test slice is mostly right.
 */
class YNetworkTrainingTest {

    @Test
    void yNetworkLearnsAnMnistSlice() throws Exception {
        String text = Files.readString(Path.of("..", "models", "ynet.dlm"));
        assertTrue(text.contains("epochs     = 20"), "the book's 20 epochs");
        Compilation c = DlmCompiler.compile("ynet.dlm", text.replace("epochs     = 20", "epochs     = 1"));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        CheckedModel model = c.model();
        assertEquals(2, model.graph().inputs().size());

        Split train = Mnist.train(1500);
        Split test = Mnist.test(500);
        List<Double> losses = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onBatchEnd(int epoch, int step, int steps, double loss, double accuracy) { losses.add(loss); }
        };
        try (Trainer trainer = Trainer.create(model, RunOptions.defaults().withThreads(2, 1).withSeed(1L))) {
            trainer.fit(train, null, listener);
            assertEquals(47, losses.size(), "1500 samples in batches of 32");
            double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first * 0.8, "loss did not fall: " + losses);
            double accuracy = trainer.evaluate(test).accuracy();
            assertTrue(accuracy >= 0.8, "test accuracy " + accuracy);
        }
    }
}
