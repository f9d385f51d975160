package dev.dlm.compiler.check;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.Callback;
import dev.dlm.compiler.ir.LearningRateSchedule;
import dev.dlm.compiler.ir.TrainSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callbacks and schedules in the train block: Keras's names, positions and defaults, checked statically. */
class CallbackCheckerTest {

    private static Compilation compile(String train) {
        return DlmCompiler.compile("t.dlm", """
                data mnist
                model m(input=[784]) { Dense(10, activation='softmax') }
                train {
                    loss = categorical_crossentropy
                    metrics = [accuracy]
                """ + train + "\n}\n");
    }

    private static TrainSpec spec(String train) {
        Compilation c = compile(train);
        assertTrue(c.diagnostics().isEmpty(), c.diagnostics().toString());
        return c.model().train();
    }

    private static Diagnostic only(String train) {
        Compilation c = compile(train);
        assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
        return c.diagnostics().get(0);
    }

    @Test
    void kerasDefaults() {
        TrainSpec t = spec("validation_split = 0.1\ncallbacks = [EarlyStopping(), ModelCheckpoint('best.keras'), ReduceLROnPlateau(), TerminateOnNaN(), CSVLogger('h.csv'), TensorBoard()]");
        assertEquals(List.of(
                new Callback.EarlyStopping("val_loss", 0, 0, Callback.Mode.AUTO, null, false, 0),
                new Callback.ModelCheckpoint("val_loss", Callback.Mode.AUTO, false),
                new Callback.ReduceLROnPlateau("val_loss", 0.1, 10, Callback.Mode.AUTO, 1e-4, 0, 0),
                new Callback.TerminateOnNaN(),
                new Callback.CSVLogger("h.csv", ",", false),
                new Callback.TensorBoard("logs")), t.callbacks());
    }

    @Test
    void argumentsByNameAndPosition() {
        TrainSpec t = spec("callbacks = [EarlyStopping(monitor='accuracy', min_delta=-0.01, patience=3, mode='max', baseline=0.9, restore_best_weights=True, start_from_epoch=2)]");
        assertEquals(new Callback.EarlyStopping("accuracy", 0.01, 3, Callback.Mode.MAX, 0.9, true, 2), t.callbacks().get(0),
                "min_delta is taken as its absolute value, as Keras does");
    }

    @Test
    void autoModeFollowsTheMonitor() {
        assertEquals(Callback.Mode.MAX, Callback.Mode.AUTO.resolve("val_accuracy"));
        assertEquals(Callback.Mode.MAX, Callback.Mode.AUTO.resolve("acc"));
        assertEquals(Callback.Mode.MIN, Callback.Mode.AUTO.resolve("val_loss"));
        assertEquals(Callback.Mode.MIN, Callback.Mode.MIN.resolve("accuracy"));
    }

    @Test
    void anUnknownMonitorListsTheModelsMetrics() {
        Diagnostic d = only("callbacks = [EarlyStopping(monitor='val_acuracy')]\nvalidation_split = 0.2");
        assertEquals("DLM0121", d.code().name());
        assertTrue(d.toString().contains("loss, accuracy, val_loss, val_accuracy"), d.toString());
        assertTrue(d.toString().contains("val_accuracy"), d.toString());
    }

    @Test
    void theDefaultMonitorNeedsValidationData() {
        Diagnostic d = only("callbacks = [EarlyStopping(patience=2)]");
        assertEquals("DLM0121", d.code().name());
        assertTrue(d.toString().contains("validation_split"), d.toString());
    }

    @Test
    void unknownCallbackAndSchedule() {
        Diagnostic d = only("callbacks = [EarlyStoping()]");
        assertEquals("DLM0120", d.code().name());
        assertTrue(d.toString().contains("EarlyStopping"), d.toString());
        Diagnostic s = only("optimizer = adam(learning_rate=ExponentialDecy(0.1, 10, 0.9))");
        assertEquals("DLM0122", s.code().name());
    }

    @Test
    void schedulesAsKerasWritesThem() {
        assertEquals(new LearningRateSchedule.ExponentialDecay(0.01, 100, 0.9, true),
                spec("optimizer = adam(learning_rate=ExponentialDecay(initial_learning_rate=0.01, decay_steps=100, decay_rate=0.9, staircase=True))").learningRate());
        assertEquals(new LearningRateSchedule.PiecewiseConstantDecay(List.of(100L, 200L), List.of(0.1, 0.01, 0.001)),
                spec("optimizer = sgd(PiecewiseConstantDecay([100, 200], [0.1, 0.01, 0.001]), momentum=0.9)").learningRate());
        assertEquals(new LearningRateSchedule.CosineDecay(0.0, 1000, 0.0, 0.1, 100),
                spec("optimizer = adam(learning_rate=CosineDecay(0.0, 1000, warmup_target=0.1, warmup_steps=100))").learningRate());
        assertEquals(new LearningRateSchedule.Constant(0.001), spec("optimizer = adam").learningRate());
        assertEquals(new LearningRateSchedule.Constant(0.5), spec("optimizer = sgd(lr=0.5)").learningRate());
    }

    @Test
    void invalidArguments() {
        assertEquals("DLM0410", only("validation_split = 0.1\ncallbacks = [ReduceLROnPlateau(factor=1.5)]").code().name());
        assertEquals("DLM0410", only("optimizer = sgd(learning_rate=PiecewiseConstantDecay([100], [0.1]))").code().name());
        assertEquals("DLM0410", only("optimizer = sgd(learning_rate=ExponentialDecay(0.1, 10, 0.9))\ncallbacks = [ReduceLROnPlateau(monitor='loss')]").code().name());
    }

    @Test
    void anUnknownNameInsideAScheduleIsReportedOnceAndNothingThrows() {
        // The name's own report is the only one: the schedule is dropped, not read half-bound
        // (found by RobustnessTest's mutations, which once made the checker throw here).
        Diagnostic d = only("optimizer = sgd(PiecewiseConstantDecay([100, stacked], [0.1, 0.01, 0.001]))");
        assertTrue(d.toString().contains("stacked"), d.toString());
        assertTrue(d.severity() == dev.dlm.compiler.diag.Severity.ERROR, d.toString());
    }
}
