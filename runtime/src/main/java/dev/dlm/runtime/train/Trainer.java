package dev.dlm.runtime.train;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.TrainSpec;
import dev.dlm.runtime.data.DataException;
import dev.dlm.runtime.data.Dataset;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.data.ValidationSplit;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code fit} and {@code evaluate} for one emitted model: mini-batches fed from Java,
 * one {@code Session.run} per step, shuffling seeded so that the same seed (and the same
 * thread settings: they change the summation order of matrix products) gives bit-identical
 * results on CPU. Feed buffers and tensors are reused across steps; every result is closed.
 */
public final class Trainer implements AutoCloseable {

    /**
     * Batch size of {@link #evaluate}: larger than training batches to amortize the per-run
     * overhead, small enough that a CNN's activations stay modest. The results do not depend on it.
     */
    private static final int EVALUATION_BATCH = 256;

    private final ModelGraph graph;
    private final TrainSpec spec;
    private final Targets targets;
    private final long seed;
    private final int sampleSize;
    private final Random shuffler;
    private final Map<Integer, TFloat32> sampleTensors = new HashMap<>();
    private final Map<Integer, TFloat32> targetTensors = new HashMap<>();
    private final TBool trainingOn = TBool.scalarOf(true);
    private float[] sampleBuffer = new float[0];
    private float[] targetBuffer = new float[0];

    private Trainer(ModelGraph graph, Targets targets, long seed) {
        this.graph = graph;
        this.spec = graph.model().train();
        this.targets = targets;
        this.seed = seed;
        this.sampleSize = Math.toIntExact(java.util.Arrays.stream(graph.samples().shape().asArray())
                .skip(1).reduce(1, Math::multiplyExact));
        this.shuffler = new Random(seed);
    }

    /**
     * Emits and initializes {@code model}. The seed is {@code options.seed()}, else the
     * model's {@code seed}, else a random one.
     */
    public static Trainer create(CheckedModel model, RunOptions options) {
        long seed = options.seed() != null ? options.seed()
                : model.train().seed() != null ? model.train().seed() : new Random().nextLong();
        Targets targets = new Targets(model.output());
        return new Trainer(ModelGraph.build(model, options, seed), targets, seed);
    }

    public ModelGraph graph() { return graph; }

    /** The seed in use (for reporting, so an unseeded run can be repeated). */
    public long seed() { return seed; }

    /**
     * Trains on {@code data.train()} as the model's {@code train} block says: Keras's
     * {@code validation_split} holds out the last fraction of the training samples (before
     * shuffling); {@code validateOnTest} validates on the test split instead.
     */
    public History fit(Dataset data, TrainingListener listener) {
        Split train = data.train();
        Split validation = null;
        if (spec.validationSplit() > 0) {
            try {
                ValidationSplit parts = ValidationSplit.of(train, spec.validationSplit());
                train = parts.train();
                validation = parts.validation();
            } catch (DataException e) {
                throw new TrainingException(e.code(), e.source() + ": " + e.problem(), e.hint());
            }
        } else if (spec.validateOnTest()) {
            validation = data.test();
        }
        return fit(train, validation, listener);
    }

    /** Trains for the model's epochs on {@code train}, evaluating {@code validation} (nullable) after each. */
    public History fit(Split train, Split validation, TrainingListener listener) {
        int n = train.size();
        if (n == 0) throw new TrainingException(Code.DLM0703, "the training data is empty", "check the data source and --train-limit");
        int batchSize = Math.min(spec.batchSize(), n);
        int steps = (n + batchSize - 1) / batchSize;
        int[] order = train.order();
        List<EpochStats> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            long start = System.nanoTime();
            if (spec.shuffle()) shuffle(order);
            listener.onEpochStart(epoch, spec.epochs(), steps);
            double lossSum = 0;
            double correctSum = 0;
            int seen = 0;
            for (int step = 1; step <= steps; step++) {
                int from = (step - 1) * batchSize;
                int count = Math.min(batchSize, n - from);
                double[] lossAndCorrect = run(train, order, from, count, true);
                if (!Double.isFinite(lossAndCorrect[0])) {
                    throw new TrainingException(Code.DLM0801, "the loss became " + (Double.isNaN(lossAndCorrect[0]) ? "NaN" : "infinite")
                            + " at epoch " + epoch + ", step " + step,
                            "try a lower learning rate, scaled inputs, or a loss that matches the output activation");
                }
                lossSum += lossAndCorrect[0] * count;
                correctSum += lossAndCorrect[1];
                seen += count;
                listener.onBatchEnd(epoch, step, steps, lossSum / seen, correctSum / seen);
            }
            Evaluation val = validation != null && validation.size() > 0 ? evaluate(validation) : null;
            EpochStats stats = new EpochStats(epoch, lossSum / n, correctSum / n,
                    val == null ? null : val.loss(), val == null ? null : val.accuracy(),
                    (System.nanoTime() - start) / 1e9);
            epochs.add(stats);
            listener.onEpochEnd(stats);
        }
        return new History(epochs);
    }

    /** Mean loss and accuracy over {@code split} with training off (dropout off, moving statistics). */
    public Evaluation evaluate(Split split) {
        int n = split.size();
        if (n == 0) throw new TrainingException(Code.DLM0703, "cannot evaluate on an empty split", "check the data source");
        int[] order = split.order();
        double lossSum = 0;
        double correctSum = 0;
        for (int from = 0; from < n; from += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, n - from);
            double[] lossAndCorrect = run(split, order, from, count, false);
            lossSum += lossAndCorrect[0] * count;
            correctSum += lossAndCorrect[1];
        }
        return new Evaluation(lossSum / n, correctSum / n);
    }

    /** One Session.run over a batch: a training step when {@code train}, else a forward pass. Returns {loss, correct}. */
    private double[] run(Split split, int[] order, int from, int count, boolean train) {
        TFloat32 x = feed(sampleTensors, graph.samples(), count);
        TFloat32 y = feed(targetTensors, graph.targets(), count);
        if (sampleBuffer.length < count * sampleSize) sampleBuffer = new float[count * sampleSize];
        if (targetBuffer.length < count * targets.width()) targetBuffer = new float[count * targets.width()];
        split.fillBatch(order, from, count, sampleBuffer);
        targets.fill(split, order, from, count, targetBuffer);
        x.copyFrom(DataBuffers.of(sampleBuffer, true, false).narrow((long) count * sampleSize));
        y.copyFrom(DataBuffers.of(targetBuffer, true, false).narrow((long) count * targets.width()));
        Session.Runner runner = graph.session().runner().feed(graph.samples(), x).feed(graph.targets(), y)
                .fetch(graph.loss()).fetch(graph.correct());
        if (train) runner.feed(graph.training(), trainingOn).addTarget(graph.trainStep());
        try (Result result = runner.run()) {
            return new double[] {((TFloat32) result.get(0)).getFloat(), ((TFloat32) result.get(1)).getFloat()};
        }
    }

    /** The reusable feed tensor for batches of {@code count} rows (full batches and the one remainder). */
    private static TFloat32 feed(Map<Integer, TFloat32> cache, org.tensorflow.Operand<TFloat32> placeholder, int count) {
        return cache.computeIfAbsent(count, c -> {
            long[] dims = placeholder.shape().asArray();
            dims[0] = c;
            return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims));
        });
    }

    private void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffler.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public void close() {
        try {
            sampleTensors.values().forEach(TFloat32::close);
            targetTensors.values().forEach(TFloat32::close);
            trainingOn.close();
        } finally {
            graph.close();
        }
    }
}
