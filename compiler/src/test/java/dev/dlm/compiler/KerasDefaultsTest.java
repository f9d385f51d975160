package dev.dlm.compiler;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.ir.Metric;
import dev.dlm.compiler.ir.LossOptions;
import dev.dlm.compiler.ir.Optimizer;
import dev.dlm.compiler.ir.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.dlm.compiler.ModelFixture.file;
import static dev.dlm.compiler.ModelFixture.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The defaults Keras fills in where a file is silent, as the IR hands them to the runtime:
 * optimizer hyper-parameters (tf.keras.optimizers signatures), {@code fit} and
 * {@code compile} defaults, weight initializers and loss aliases.
 */
class KerasDefaultsTest {

    /** A runnable MNIST classifier with the given {@code train} settings. */
    private static ModelFixture classifier(String settings) {
        return file("data mnist\nmodel m(input=[784]) {\n    Dense(10)\n    Activation('softmax')\n}\ntrain {\n"
                + settings + "\n}\n");
    }

    private static TrainSpec train(String settings) {
        return classifier(settings).checked().train();
    }

    private static Optimizer optimizer(String optimizer) {
        return train("loss = categorical_crossentropy\noptimizer = " + optimizer).optimizer();
    }

    @Test
    void sgdDefaults() {
        // tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)
        assertEquals(new Optimizer.Sgd(0.01, 0.0, false), optimizer("sgd"));
    }

    @Test
    void adamDefaults() {
        // Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False)
        assertEquals(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-7, false), optimizer("adam"));
    }

    @Test
    void rmspropDefaults() {
        // RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False)
        assertEquals(new Optimizer.RmsProp(0.001, 0.9, 0.0, 1e-7, false), optimizer("rmsprop"));
    }

    @Test
    void adagradDefaults() {
        // Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07)
        assertEquals(new Optimizer.Adagrad(0.001, 0.1, 1e-7), optimizer("adagrad"));
    }

    @Test
    void issue14OptimizerDefaultsAreKeras3s() {
        // keras.optimizers.AdamW(): learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False
        assertEquals(new Optimizer.AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, false), optimizer("adamw"));
        // Nadam() and Adamax(): learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07
        assertEquals(new Optimizer.Nadam(0.001, 0.9, 0.999, 1e-7), optimizer("nadam"));
        assertEquals(new Optimizer.Adamax(0.001, 0.9, 0.999, 1e-7), optimizer("Adamax"));
        // Ftrl(): learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1, l1=l2=l2_shrinkage=0, beta=0
        assertEquals(new Optimizer.Ftrl(0.001, -0.5, 0.1, 0, 0, 0, 0), optimizer("ftrl"));
        // Keras's argument order: the first positional argument is the rate, AdamW's second the decay.
        assertEquals(new Optimizer.AdamW(0.01, 0.1, 0.9, 0.999, 1e-7, false), optimizer("adamw(0.01, 0.1)"));
    }

    @Test
    void lossArgumentsAreKerasOnesWithKerasDefaults() {
        // keras.losses.CategoricalCrossentropy(from_logits=False, label_smoothing=0.0); Huber(delta=1.0)
        TrainSpec plain = train("loss = categorical_crossentropy");
        assertEquals(LossOptions.DEFAULT, plain.lossOptions());
        assertEquals(java.util.Map.of("from_logits", false, "label_smoothing", 0.0), plain.lossOptions().config(plain.loss()));
        TrainSpec smoothed = train("loss = categorical_crossentropy(from_logits=True, label_smoothing=0.1)");
        assertEquals(new LossOptions(true, 0.1, 1.0), smoothed.lossOptions());
        // Positional, in Keras's order, and by Keras's class name.
        assertEquals(new LossOptions(true, 0.2, 1.0), train("loss = CategoricalCrossentropy(True, 0.2)").lossOptions());
        assertEquals(Loss.HUBER, train("loss = huber").loss());
        assertEquals(0.5, train("loss = huber(delta=0.5)").lossOptions().delta());
        assertEquals(Loss.KL_DIVERGENCE, train("loss = kld").loss());
        // sparse_categorical_crossentropy has no label_smoothing in Keras; mse no arguments at all.
        classifier("loss = sparse_categorical_crossentropy(label_smoothing=0.1)").failsWith(Code.DLM0104);
        classifier("loss = mse(from_logits=True)").failsWith(Code.DLM0104);
        classifier("loss = huber(delta=0)").failsWith(Code.DLM0202);
        classifier("loss = categorical_crossentropy(label_smoothing=1.5)").failsWith(Code.DLM0202);
        classifier("loss = hinge(1)").failsWith(Code.DLM0108);
    }

    @Test
    void issue14MetricsResolveToKerasNames() {
        TrainSpec t = train("loss = categorical_crossentropy\nmetrics = [acc, top_k_categorical_accuracy, Precision, recall, auc, mean_absolute_error, mean_squared_error]");
        assertEquals(java.util.List.of(Metric.ACCURACY, Metric.TOP_K_CATEGORICAL_ACCURACY, Metric.PRECISION, Metric.RECALL,
                Metric.AUC, Metric.MAE, Metric.MSE), t.metrics());
        assertEquals(java.util.List.of("loss", "accuracy", "top_k_categorical_accuracy", "precision", "recall", "auc", "mae", "mse"),
                t.loggedMetrics());
    }

    @Test
    void metricArgumentsAreKerasConstructorArguments() {
        // keras.metrics.TopKCategoricalAccuracy(k=5, ...) and AUC(num_thresholds=200, curve='ROC', ...): positional in that order
        assertEquals(dev.dlm.compiler.ir.MetricOptions.DEFAULT, train("loss = categorical_crossentropy\nmetrics = [auc, top_k_categorical_accuracy]").metricOptions());
        TrainSpec t = train("loss = categorical_crossentropy\nmetrics = [top_k_categorical_accuracy(k=3), auc(curve='PR', num_thresholds=50)]");
        assertEquals(new dev.dlm.compiler.ir.MetricOptions(3, 50, "PR"), t.metricOptions());
        assertEquals(java.util.List.of(Metric.TOP_K_CATEGORICAL_ACCURACY, Metric.AUC), t.metrics());
        assertEquals(java.util.List.of("loss", "top_k_categorical_accuracy", "auc"), t.loggedMetrics(), "logged under Keras's names");
        assertEquals(new dev.dlm.compiler.ir.MetricOptions(2, 7, "ROC"),
                train("loss = categorical_crossentropy\nmetrics = [top_k_categorical_accuracy(2), auc(7)]").metricOptions());
        classifier("loss = categorical_crossentropy\nmetrics = [top_k_categorical_accuracy(k=0)]").failsWith(Code.DLM0202);
        classifier("loss = categorical_crossentropy\nmetrics = [auc(curve='XY')]").failsWith(Code.DLM0203);
        classifier("loss = categorical_crossentropy\nmetrics = [auc(num_thresholds=1)]").failsWith(Code.DLM0202);
        classifier("loss = categorical_crossentropy\nmetrics = [precision(k=3)]").failsWith(Code.DLM0104);
    }

    @Test
    void optimizerNamesAreCaseInsensitiveAsKerasGet() {
        // keras.optimizers.get('Adam') resolves the class name as well as 'adam'
        assertEquals("adam", optimizer("Adam").kerasName());
        assertEquals("rmsprop", optimizer("'RMSprop'").kerasName());
    }

    @Test
    void givenHyperParametersOverrideOnlyThemselves() {
        assertEquals(new Optimizer.Sgd(0.1, 0.9, true), optimizer("sgd(learning_rate=0.1, momentum=0.9, nesterov=True)"));
        assertEquals(new Optimizer.Adam(0.001, 0.9, 0.99, 1e-7, false), optimizer("adam(beta_2=0.99)"));
    }

    @Test
    void lrIsTheOldNameOfLearningRate() {
        // Keras 2 accepts `lr` (the book's listings use it) and stores it as learning_rate
        assertEquals(0.05, optimizer("sgd(lr=0.05)").learningRate());
        assertEquals(0.9, ((Optimizer.RmsProp) optimizer("rmsprop(lr=0.01)")).rho());
        classifier("loss = mse\noptimizer = sgd(lr=0.1, learning_rate=0.1)").failsWith(Code.DLM0106);
    }

    @Test
    void unknownOptimizerArgumentsAreErrors() {
        classifier("loss = mse\noptimizer = adam(beta1=0.9)").failsWith(Code.DLM0104);
        classifier("loss = mse\noptimizer = adamq").failsWith(Code.DLM0109);
    }

    @Test
    void fitAndCompileDefaults() {
        // fit(epochs=1, batch_size=None -> 32, validation_split=0.0, shuffle=True); compile(optimizer='rmsprop', metrics=None)
        TrainSpec t = train("loss = categorical_crossentropy");
        assertEquals(1, t.epochs());
        assertEquals(32, t.batchSize());
        assertEquals(0.0, t.validationSplit());
        assertTrue(t.shuffle());
        assertFalse(t.validateOnTest());
        assertNull(t.seed());
        assertEquals(List.of(), t.metrics());
        assertEquals("rmsprop", t.optimizer().kerasName());
        assertEquals(0.001, t.optimizer().learningRate());
    }

    @Test
    void givenFitSettings() {
        TrainSpec t = train("loss = categorical_crossentropy\nepochs = 20\nbatch_size = 128\nmetrics = [acc]\n"
                + "validation_split = 0.1\nseed = 42\nshuffle = False");
        assertEquals(20, t.epochs());
        assertEquals(128, t.batchSize());
        assertEquals(List.of(Metric.ACCURACY), t.metrics()); // Keras accepts 'acc' for accuracy
        assertEquals(0.1, t.validationSplit());
        assertEquals(42L, t.seed());
        assertFalse(t.shuffle());
    }

    @ParameterizedTest
    @CsvSource({
            "mse, mean_squared_error",
            "mae, mean_absolute_error",
            "mean_squared_error, mean_squared_error",
            "categorical_crossentropy, categorical_crossentropy",
            "'''categorical_crossentropy''', categorical_crossentropy"})
    void lossAliases(String written, String canonical) {
        assertEquals(canonical, train("loss = " + written).loss().kerasName());
    }

    @Test
    void aTrainBlockNeedsALoss() {
        classifier("epochs = 2").failsWith(Code.DLM0114);
        classifier("loss = cross_entropy").failsWith(Code.DLM0108);
    }

    @Test
    void denseAndConvolutionInitializers() {
        model("[4]", "Dense(2)").layer(0)
                .hasInitializer("kernel", Initializer.GLOROT_UNIFORM).hasInitializer("bias", Initializer.ZEROS)
                .hasConfig("activation", "linear");
        model("[8, 8, 1]", "Conv2D(2, 3)").layer(0)
                .hasInitializer("kernel", Initializer.GLOROT_UNIFORM).hasInitializer("bias", Initializer.ZEROS);
        model("[8, 3]", "Conv1D(2, 3)").layer(0).hasInitializer("kernel", Initializer.GLOROT_UNIFORM);
    }

    @Test
    void givenInitializersReplaceTheDefaults() {
        model("[4]", "Dense(2, kernel_initializer='he_normal', bias_initializer=ones)").layer(0)
                .hasInitializer("kernel", Initializer.HE_NORMAL).hasInitializer("bias", Initializer.ONES);
        model("[4]", "Dense(2, kernel_initializer='glorot_unifrom')").failsWith(Code.DLM0115);
    }

    @Test
    void recurrentInitializers() {
        // kernel glorot_uniform, recurrent_kernel orthogonal (gain 1.0), bias zeros, for all three cells
        for (String layer : List.of("SimpleRNN(4)", "LSTM(4)", "GRU(4)")) {
            model("[5, 3]", layer).layer(0)
                    .hasInitializer("kernel", Initializer.GLOROT_UNIFORM)
                    .hasInitializer("recurrent_kernel", Initializer.ORTHOGONAL)
                    .hasConfig("activation", "tanh");
        }
        model("[5, 3]", "SimpleRNN(4)").layer(0).hasInitializer("bias", Initializer.ZEROS);
        model("[5, 3]", "GRU(4)").layer(0).hasInitializer("bias", Initializer.ZEROS);
        // LSTM's unit_forget_bias is its rule's fact: the bias initializer is [zeros(u), ones(u), zeros(2u)].
        model("[5, 3]", "LSTM(4)").layer(0).hasInitializer("bias", new Initializer.Segments(List.of(
                new Initializer.Segment(Initializer.ZEROS, 4), new Initializer.Segment(Initializer.ONES, 4),
                new Initializer.Segment(Initializer.ZEROS, 8))));
        model("[5, 3]", "LSTM(4, unit_forget_bias=False)").layer(0).hasInitializer("bias", Initializer.ZEROS);
        assertEquals(1.0, Initializer.ORTHOGONAL.gain(), "orthogonal gain");
        // LSTM: recurrent_activation='sigmoid', unit_forget_bias=True (forget-gate bias starts at 1)
        model("[5, 3]", "LSTM(4)").layer(0).hasConfig("recurrent_activation", "sigmoid").hasConfig("unit_forget_bias", true);
        // GRU in TF2: recurrent_activation='sigmoid', reset_after=True
        model("[5, 3]", "GRU(4)").layer(0).hasConfig("recurrent_activation", "sigmoid").hasConfig("reset_after", true);
    }

    @Test
    void batchNormalizationInitializersAndDefaults() {
        // gamma ones, beta zeros, moving_mean zeros, moving_variance ones; momentum 0.99, epsilon 0.001
        model("[3]", "BatchNormalization()").layer(0)
                .hasInitializer("gamma", Initializer.ONES).hasInitializer("beta", Initializer.ZEROS)
                .hasInitializer("moving_mean", Initializer.ZEROS).hasInitializer("moving_variance", Initializer.ONES)
                .hasConfig("momentum", 0.99).hasConfig("epsilon", 0.001).hasConfig("axis", -1L);
    }

    @Test
    void embeddingInitializerIsUniformWithin5Hundredths() {
        // Keras Embedding: embeddings_initializer='uniform' = RandomUniform(minval=-0.05, maxval=0.05)
        Initializer init = model("[4]", "Embedding(10, 3)").layer(0).weight("embeddings").initializer();
        assertEquals(new Initializer.RandomUniform(-0.05, 0.05), init);
    }

    @Test
    void activationAliases() {
        // Keras: 'silu' is swish; None means linear
        model("[4]", "Dense(2, activation='silu')").layer(0).hasConfig("activation", "swish");
        model("[4]", "Dense(2, activation=None)").layer(0).hasConfig("activation", "linear");
        model("[4]", "Dense(2, activation=rlu)").failsWith(Code.DLM0107);
    }

    @Test
    void convolutionAndPoolingDefaults() {
        model("[8, 8, 1]", "Conv2D(2, 3)").layer(0)
                .hasConfig("strides", List.of(1L, 1L)).hasConfig("padding", "valid")
                .hasConfig("dilation_rate", List.of(1L, 1L)).hasConfig("data_format", "channels_last")
                .hasConfig("use_bias", true);
        // Keras lower-cases padding: 'SAME' is 'same'
        model("[8, 8, 1]", "Conv2D(2, 3, padding='SAME')").layer(0).hasConfig("padding", "same").hasOutput(8, 8, 2);
    }
}
