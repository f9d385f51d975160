package dev.dlm.runtime.train;

import dev.dlm.runtime.emit.EmitContext;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a training graph's feedable Dropout masks ({@link EmitContext.FedMask}) in a graph and
 * session of its own, so that the trainer can draw the next step's masks on its prefetch
 * thread while the current step runs, and feed them. Each mask is the training graph's own
 * draw ({@link EmitContext#drawDropoutMask}: the same ops, keyed by the same op seed and the
 * global step, with training on), so a fed step computes what an unfed one would, bit for bit.
 * The session has one thread: it runs beside the training session, on the core the training
 * step leaves free when it trains on one.
 */
final class MaskDrawer implements AutoCloseable {

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TInt64> step;
    private final Placeholder<TInt32> batch;
    private final List<Operand<TFloat32>> masks = new ArrayList<>();

    MaskDrawer(List<EmitContext.FedMask> fed) {
        boolean built = false;
        try {
            Ops tf = Ops.create(graph);
            step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
            batch = tf.withName("batch").placeholder(TInt32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
            Operand<TInt32> batchOfOne = tf.reshape(batch, tf.constant(new int[] {1}));
            for (EmitContext.FedMask mask : fed) {
                int[] rest = new int[mask.rest().length];
                for (int i = 0; i < rest.length; i++) rest[i] = Math.toIntExact(mask.rest()[i]);
                Operand<TInt32> shape = tf.concat(List.of(batchOfOne, tf.constant(rest)), tf.constant(0));
                Operand<TInt64> key = tf.stack(List.of(tf.constant(mask.opSeed()), step));
                masks.add(EmitContext.drawDropoutMask(tf, shape, key, tf.constant(true), mask.rate()));
            }
            session = new Session(graph, NativeSettings.sessionConfig(1, 1).build());
            built = true;
        } finally {
            if (!built) graph.close();
        }
    }

    /** The masks of the training step at global step {@code globalStep} over {@code rows} samples, in {@link EmitContext#fedMasks} order. */
    Result draw(long globalStep, int rows) {
        try (TInt64 s = TInt64.scalarOf(globalStep); TInt32 b = TInt32.scalarOf(rows)) {
            Session.Runner runner = session.runner().feed(step, s).feed(batch, b);
            masks.forEach(runner::fetch);
            return runner.run();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }
}
