package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.Callback;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.LearningRateSchedule;
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

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code fit} and {@code evaluate} for one emitted model: mini-batches fed from Java
 * (during {@code fit}, each next batch is filled on a second thread while TensorFlow runs the
 * current step, as {@code tf.data}'s prefetch does for Keras), one {@code Session.run} per step,
 * shuffling seeded so that the same seed (and the same
 * thread settings: they change the summation order of matrix products) gives bit-identical
 * results on CPU. Feed buffers and tensors are reused across steps; every result is closed.
 */
public final class Trainer implements AutoCloseable {

    /**
     * Batch size of {@link #evaluate}: larger than training batches to amortize the per-run
     * overhead, small enough that a CNN's activations stay modest. The results do not depend on it.
     */
    static final int EVALUATION_BATCH = 256;

    private final ModelGraph graph;
    private final TrainSpec spec;
    /** How each output's targets are made from the labels: every output reads the same labels (Keras's {@code fit(x, [y, y])}). */
    private final java.util.List<Targets> targets;
    private final long seed;
    private final int sampleSize;
    private final Random shuffler;
    /**
     * Two sets of feed buffers and tensors, used in turn by training steps, so that the next
     * batch is filled in {@link #prefetcher} while TensorFlow runs the current one.
     */
    private final Slot[] slots;
    /** Fills the next training batch while the current step runs; started on first use. */
    private java.util.concurrent.ExecutorService prefetcher;
    /** The batch being filled for the next step, or null. */
    private java.util.concurrent.Future<Slot> pending;
    private final TBool trainingOn = TBool.scalarOf(true);
    private final TFloat32 rate = TFloat32.scalarOf(0f);
    private final EpochCallbacks callbacks;
    /** What is streamed over each epoch besides the loss and accuracy: metrics, per-output losses. */
    private final java.util.List<ModelGraph.Statistic> streamed;
    private final boolean logsRate;
    private final String bestMonitor;
    private final Callback.Mode bestMode;
    /** The data's training-time augmentation (issue 14, chapter 2); null when it declares none. */
    private final dev.dlm.compiler.ir.Augmentation augmentation;
    private dev.dlm.runtime.data.Augmenter augmenter;

    private Trainer(ModelGraph graph, java.util.List<Targets> targets, long seed) {
        this.graph = graph;
        this.spec = graph.model().train();
        this.targets = targets;
        this.slots = new Slot[] {new Slot(targets.size()), new Slot(targets.size())};
        this.seed = seed;
        this.sampleSize = Math.toIntExact(java.util.Arrays.stream(graph.samples().shape().asArray())
                .skip(1).reduce(1, Math::multiplyExact));
        this.shuffler = new Random(seed);
        this.callbacks = new EpochCallbacks(spec.callbacks());
        this.streamed = graph.statistics();
        this.logsRate = !(spec.learningRate() instanceof LearningRateSchedule.Constant)
                || spec.callbacks().stream().anyMatch(c -> c instanceof Callback.ReduceLROnPlateau);
        Callback.ModelCheckpoint checkpoint = spec.callbacks().stream().filter(c -> c instanceof Callback.ModelCheckpoint)
                .map(c -> (Callback.ModelCheckpoint) c).findFirst().orElse(null);
        this.bestMonitor = checkpoint != null ? checkpoint.monitor() : spec.validates() ? "val_loss" : "loss";
        this.bestMode = checkpoint != null ? checkpoint.mode().resolve(checkpoint.monitor()) : Callback.Mode.MIN;
        var data = graph.model().data();
        this.augmentation = data == null || data.source().augmentation().isNone() ? null : data.source().augmentation();
    }

    /**
     * Emits and initializes {@code model}. The seed is {@code options.seed()}, else the
     * model's {@code seed}, else a random one.
     */
    public static Trainer create(CheckedModel model, RunOptions options) {
        return create(model, options, ModelGraph.Rewrites.forThreads(options));
    }

    /** As {@link #create(CheckedModel, RunOptions)}, with the training graph's rewrites given (tests compare them). */
    static Trainer create(CheckedModel model, RunOptions options, ModelGraph.Rewrites rewrites) {
        long seed = options.seed() != null ? options.seed()
                : model.train().seed() != null ? model.train().seed() : automaticSeed();
        java.util.List<Targets> targets = model.graph().outputs().stream().map(o -> new Targets(model.graph().shapeOf(o))).toList();
        return new Trainer(ModelGraph.build(model, options, seed, rewrites), targets, seed);
    }

    /**
     * A seed for an unseeded run: in [0, 2^31), so it is a valid {@code seed} setting in a
     * file and {@code --seed} value, short enough to type.
     */
    static long automaticSeed() {
        return new Random().nextInt(Integer.MAX_VALUE);
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
        return fit(train, validation, listener, FitHooks.NONE, null).history();
    }

    /**
     * Trains on {@code train} from {@code resume} (null: from the start; else a state a
     * checkpoint of this graph saved, whose variables the graph holds again) to the planned
     * epochs, or until a callback stops training or {@code hooks} asks to stop. The shuffle
     * order is replayed from the seed (one shuffle per epoch begun), the learning rate comes
     * from the schedule at the global step (or from ReduceLROnPlateau), and dropout masks are
     * keyed by the global step in the graph: the rest of the run is the one an uninterrupted
     * run would have had, bit for bit.
     */
    public FitResult fit(Split train, Split validation, TrainingListener listener, FitHooks hooks, TrainerState resume) {
        int n = train.size();
        if (n == 0) throw new TrainingException(Code.DLM0703, "the training data is empty", "check the data source and --train-limit");
        int batchSize = Math.min(spec.batchSize(), n);
        int steps = (n + batchSize - 1) / batchSize;
        int[] order = train.order();
        TrainerState s = resume != null ? resume : new TrainerState((float) spec.learningRate().rate(0));
        callbacks.restoreFrom(s.callbacks);
        if (spec.shuffle()) for (int e = 0; e < s.epochsDone; e++) shuffle(order);
        Loop loop = new Loop(s);
        for (int epoch = s.epochsDone + 1; epoch <= spec.epochs() && !s.stopped; epoch++) {
            long start = System.nanoTime();
            if (spec.shuffle()) shuffle(order);
            listener.onEpochStart(epoch, spec.epochs(), steps);
            int firstStep = s.stepInEpoch + 1;
            for (int step = firstStep; step <= steps; step++) {
                int from = (step - 1) * batchSize;
                int count = Math.min(batchSize, n - from);
                rate.setFloat(rate(s));
                Slot slot;
                if (step == firstStep) {
                    awaitPending();  // one an interrupted fit left: it writes into a slot
                    slot = fill(slots[step % 2], train, order, from, count, true, s.globalStep);
                } else {
                    slot = awaitPending();
                }
                if (step < steps) prefetch(slots[(step + 1) % 2], train, order, step * batchSize,
                        Math.min(batchSize, n - step * batchSize), s.globalStep + 1);
                Batch batch = execute(slot, count, true);
                if (!Double.isFinite(batch.loss())) {
                    throw new TrainingException(Code.DLM0801, "the loss became " + (Double.isNaN(batch.loss()) ? "NaN" : "infinite")
                            + " at epoch " + epoch + ", step " + step,
                            "try a lower learning rate, scaled inputs, or a loss that matches the output activation");
                }
                s.lossSum += batch.loss() * count;
                s.correctSum += batch.correct();
                batch.addStatisticsTo(s.metricSums);
                s.seen += count;
                s.stepInEpoch = step;
                s.globalStep++;
                listener.onBatchEnd(epoch, step, steps, s.lossSum / s.seen, s.correctSum / s.seen, metricValues(s.metricSums, s.seen));
                if (step < steps && hooks.stopRequested(s.globalStep)) {
                    s.epochSeconds += (System.nanoTime() - start) / 1e9;
                    hooks.onInterrupted(s);
                    return new FitResult(new History(s.history), s, true);
                }
            }
            Evaluation val = validation != null && validation.size() > 0 ? evaluate(validation) : null;
            Map<String, Double> metrics = metricValues(s.metricSums, n);
            if (val != null) val.metrics().forEach((k, v) -> metrics.put("val_" + k, v));
            EpochStats stats = new EpochStats(epoch, s.lossSum / n, severalOutputs() ? Double.NaN : s.correctSum / n,
                    val == null ? null : val.loss(), val == null || severalOutputs() ? null : val.accuracy(),
                    s.epochSeconds + (System.nanoTime() - start) / 1e9, rate(s), metrics);
            callbacks.onEpochEnd(epoch - 1, stats, loop);
            Double current = stats.metric(bestMonitor);
            boolean improved = current != null && EpochCallbacks.improves(bestMode, current, s.best, 0);
            if (improved) {
                s.best = current;
                s.bestEpoch = epoch;
            }
            s.history.add(stats);
            s.epochsDone = epoch;
            s.stepInEpoch = 0;
            s.lossSum = 0;
            s.correctSum = 0;
            s.metricSums.clear();
            s.seen = 0;
            s.epochSeconds = 0;
            callbacks.saveTo(s.callbacks);
            hooks.onEpochEnd(s, improved);
            listener.onEpochEnd(stats);
            if (epoch < spec.epochs() && !s.stopped && hooks.stopRequested(s.globalStep)) {
                return new FitResult(new History(s.history), s, true);
            }
        }
        callbacks.onTrainEnd(loop);
        return new FitResult(new History(s.history), s, false);
    }

    /**
     * The losses of {@code steps} training steps taken as {@code fit} takes them, but over
     * {@code order} as given (no shuffling): batches of {@code batchSize} in order, the last
     * of an epoch short, epoch after epoch; the rate is the schedule's at each global step.
     * One value per step, the batch's own loss (fit logs only running means): what step
     * parity with Keras compares against {@code train_on_batch}.
     */
    public double[] trainSteps(Split split, int[] order, int batchSize, int steps) {
        if (order.length == 0 || batchSize < 1) throw new IllegalArgumentException("need samples and a positive batch size");
        double[] losses = new double[steps];
        int from = 0;
        // The global step keys the masks the step draws and the augmentation, as in fit.
        long globalStep = graph.iterations();
        for (int step = 0; step < steps; step++, globalStep++) {
            int count = Math.min(batchSize, order.length - from);
            rate.setFloat((float) spec.learningRate().rate(globalStep));
            losses[step] = run(split, order, from, count, true, globalStep).loss();
            from = from + count == order.length ? 0 : from + count;
        }
        return losses;
    }

    /** True for a model with several outputs: accuracy is then per output, never model-wide. */
    private boolean severalOutputs() { return !spec.outputs().isEmpty(); }

    /** The rate of the next update: the schedule's at the global step, or the constant rate (ReduceLROnPlateau's). */
    private float rate(TrainerState s) {
        return spec.learningRate() instanceof LearningRateSchedule.Constant ? s.learningRate
                : (float) spec.learningRate().rate(s.globalStep);
    }

    /** True when the rate can change during the run (a schedule, ReduceLROnPlateau): history.csv then has a learning_rate column. */
    public boolean logsLearningRate() { return logsRate; }

    /** The monitor that decides the "best" checkpoint: ModelCheckpoint's, else val_loss when validating, else loss. */
    public String bestMonitor() { return bestMonitor; }

    /** What the callbacks may change: the rate, the stop flag, the weights (EarlyStopping's restore_best_weights). */
    private final class Loop implements EpochCallbacks.Loop {
        private final TrainerState s;

        Loop(TrainerState s) { this.s = s; }

        public float learningRate() { return s.learningRate; }

        public void setLearningRate(float value) { s.learningRate = value; }

        public void stopTraining() { s.stopped = true; }

        public Map<String, float[]> weights() {
            Map<String, float[]> out = new java.util.LinkedHashMap<>();
            for (String name : graph.weightNames()) out.put(name, graph.weight(name));
            return out;
        }

        public void setWeights(Map<String, float[]> weights) { weights.forEach(graph::setWeight); }
    }

    /** Mean loss and accuracy over {@code split} with training off (dropout off, moving statistics). */
    public Evaluation evaluate(Split split) {
        int n = split.size();
        if (n == 0) throw new TrainingException(Code.DLM0703, "cannot evaluate on an empty split", "check the data source");
        int[] order = split.order();
        double lossSum = 0;
        double correctSum = 0;
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        for (int from = 0; from < n; from += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, n - from);
            Batch batch = run(split, order, from, count, false, 0);
            lossSum += batch.loss() * count;
            correctSum += batch.correct();
            batch.addStatisticsTo(sums);
        }
        return new Evaluation(lossSum / n, severalOutputs() ? Double.NaN : correctSum / n, metricValues(sums, n));
    }

    /** Keras's values of the streamed metrics from their summed statistics over {@code samples}, by Keras name. */
    private Map<String, Double> metricValues(Map<String, double[]> sums, long samples) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (ModelGraph.Statistic m : streamed) {
            double[] s = sums.get(m.name());
            if (s != null) out.put(m.name(), m.valueOf(s, samples, spec.metricOptions()));
        }
        return out;
    }

    /** One batch's results: the mean loss, the correct count, and each streamed metric's statistics. */
    private record Batch(double loss, double correct, Map<String, float[]> statistics) {
        void addStatisticsTo(Map<String, double[]> sums) {
            statistics.forEach((name, values) -> {
                double[] sum = sums.computeIfAbsent(name, k -> new double[values.length]);
                for (int i = 0; i < values.length; i++) sum[i] += values[i];
            });
        }
    }

    /**
     * One Session.run over a batch, filled now: a training step when {@code train} (global
     * step {@code step}, what augmentation draws from), else a forward pass.
     */
    private Batch run(Split split, int[] order, int from, int count, boolean train, long step) {
        awaitPending();
        return execute(fill(slots[0], split, order, from, count, train, step), count, train);
    }

    /** The feed buffers and tensors of one batch in flight, reused from batch to batch. */
    private static final class Slot {
        final Map<Integer, TFloat32> samples = new HashMap<>();
        /** Per output, the target tensors by batch size. */
        final java.util.List<Map<Integer, TFloat32>> targets = new java.util.ArrayList<>();
        float[] sampleBuffer = new float[0];
        final float[][] targetBuffers;
        /** The batch's Dropout masks, drawn with it for a training step ({@link ModelGraph#drawMasks}); null otherwise. */
        Result masks;

        Slot(int outputs) {
            targetBuffers = new float[outputs][0];
            for (int i = 0; i < outputs; i++) targets.add(new HashMap<>());
        }

        void close() {
            samples.values().forEach(TFloat32::close);
            targets.forEach(cache -> cache.values().forEach(TFloat32::close));
            dropMasks();
        }

        void dropMasks() {
            if (masks != null) masks.close();
            masks = null;
        }
    }

    /**
     * Writes samples {@code order[from..from+count)} and their targets into {@code slot}'s
     * tensors (augmented as at global step {@code step} when {@code train}), and for a training
     * step draws its Dropout masks (keyed by {@code step}, as the step would draw them). Runs on
     * the caller's thread or the prefetcher's, never on both at once.
     */
    private Slot fill(Slot slot, Split split, int[] order, int from, int count, boolean train, long step) {
        slot.dropMasks();
        if (train) slot.masks = graph.drawMasks(step, count);
        TFloat32 x = feed(slot.samples, graph.samples(), count);
        if (slot.sampleBuffer.length < count * sampleSize) slot.sampleBuffer = new float[count * sampleSize];
        split.fillBatch(order, from, count, slot.sampleBuffer);
        if (train && augmentation != null) {
            if (augmenter == null) augmenter = new dev.dlm.runtime.data.Augmenter(augmentation, split.sampleShape(), seed);
            augmenter.apply(slot.sampleBuffer, count, step);
        }
        x.copyFrom(DataBuffers.of(slot.sampleBuffer, true, false).narrow((long) count * sampleSize));
        for (int i = 0; i < targets.size(); i++) {
            Targets t = targets.get(i);
            TFloat32 y = feed(slot.targets.get(i), graph.targetList().get(i), count);
            if (slot.targetBuffers[i].length < count * t.width()) slot.targetBuffers[i] = new float[count * t.width()];
            t.fill(split.forOutput(i), order, from, count, slot.targetBuffers[i]);
            y.copyFrom(DataBuffers.of(slot.targetBuffers[i], true, false).narrow((long) count * t.width()));
        }
        return slot;
    }

    /**
     * Starts filling {@code slot} with the next training batch on the prefetcher's thread. The
     * batch is the one the step would fill itself (the same samples, order and augmentation
     * step), so results do not change; the step's {@code Session.run} no longer waits for it.
     */
    private void prefetch(Slot slot, Split split, int[] order, int from, int count, long step) {
        if (prefetcher == null) {
            prefetcher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dlm-batch-prefetch");
                t.setDaemon(true);
                return t;
            });
        }
        pending = prefetcher.submit(() -> fill(slot, split, order, from, count, true, step));
    }

    /** The prefetched batch (null when none is pending), once filled; its failure is rethrown as it was. */
    private Slot awaitPending() {
        java.util.concurrent.Future<Slot> f = pending;
        if (f == null) return null;
        pending = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;  // the fill writes into a slot: wait for it to end
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** One Session.run over the batch in {@code slot} ({@code count} samples). */
    private Batch execute(Slot slot, int count, boolean train) {
        Session.Runner runner = graph.session().runner().feed(graph.samples(), slot.samples.get(count));
        for (int i = 0; i < targets.size(); i++) runner.feed(graph.targetList().get(i), slot.targets.get(i).get(count));
        runner.fetch(graph.loss()).fetch(graph.correct());
        streamed.forEach(st -> runner.fetch(st.value()));
        if (train) runner.feed(graph.training(), trainingOn).feed(graph.learningRate(), rate).addTarget(graph.trainStep());
        if (train && slot.masks != null) {
            for (int i = 0; i < graph.fedMasks().size(); i++) runner.feed(graph.fedMasks().get(i), (TFloat32) slot.masks.get(i));
        }
        try (Result result = runner.run()) {
            Map<String, float[]> statistics = new java.util.LinkedHashMap<>();
            for (int i = 0; i < streamed.size(); i++) {
                statistics.put(streamed.get(i).name(), ModelGraph.toArray((TFloat32) result.get(2 + i)));
            }
            return new Batch(((TFloat32) result.get(0)).getFloat(), ((TFloat32) result.get(1)).getFloat(), statistics);
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
            try {
                awaitPending();
            } catch (RuntimeException | Error ignored) {
                // a failed prefetch of a batch no step will run: nothing to report
            }
            if (prefetcher != null) prefetcher.shutdown();
            for (Slot slot : slots) slot.close();
            trainingOn.close();
            rate.close();
        } finally {
            graph.close();
        }
    }
}
