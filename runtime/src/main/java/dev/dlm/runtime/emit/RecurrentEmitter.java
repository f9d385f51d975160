package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerConfig;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's SimpleRNN, LSTM and GRU, statically unrolled over the time axis (TensorFlow Java
 * cannot differentiate while loops). The input projection {@code x . kernel + bias} of all
 * steps is one matrix product (over the time-major input); each step then adds its recurrent
 * term. The initial state is zero, so the first step skips the recurrent product. Dropout
 * masks are drawn once per batch and shared by all steps, as Keras does. The recurrent
 * products go through {@link EmitContext#product}, which in a training graph leaves the
 * recurrent kernel's gradient to one product over all steps. With
 * {@link EmitContext#runRecurrencesInLanes lanes}, the input's rows and the masks are split
 * into lanes of the batch, each lane its own input projection and chain of products, the lanes'
 * outputs concatenated.
 *
 * <p>Keras 3.15's masks: SimpleRNN has one input mask and one state mask. LSTM and GRU with
 * {@code recurrent_dropout == 0} run their default {@code implementation=2}, one input mask
 * for all gates. {@code recurrent_dropout > 0} switches them to {@code implementation=1}
 * ({@code LSTMCell.__init__}), which draws an independent mask per gate (4 for LSTM: i, f, c,
 * o; 3 for GRU: z, r, h) for the input and for the state; GRU's final
 * {@code h = z * h_prev + (1 - z) * hh} mixes the unmasked previous state. The masks are
 * named {@code <layer>_dropout_mask} and {@code <layer>_recurrent_dropout_mask}
 * ({@code [gates, batch, width]} when per gate) so that tests can fetch them.
 */
final class RecurrentEmitter implements LayerEmitter {

    /** The cell kinds and their number of gate blocks in the kernels. */
    enum Cell {
        SIMPLE(1), LSTM(4), GRU(3);
        final int gates;
        Cell(int gates) { this.gates = gates; }
    }

    private final Cell cell;

    RecurrentEmitter(Cell cell) { this.cell = cell; }

    @Override
    public Operand<TFloat32> emit(EmitContext ctx, CheckedLayer layer, LayerParams params, Operand<TFloat32> input) {
        Ops tf = ctx.tf();
        LayerConfig config = layer.config();
        int steps = Math.toIntExact(layer.input().dim(0));
        long features = layer.input().dim(1);
        long units = config.integer("units");
        Activation activation = config.activation("activation");
        Activation recurrentActivation = cell == Cell.SIMPLE ? null : config.activation("recurrent_activation");
        boolean resetAfter = cell == Cell.GRU && config.bool("reset_after");
        boolean useBias = config.bool("use_bias");

        double dropout = config.number("dropout");
        double recurrentDropout = config.number("recurrent_dropout");
        // Keras's implementation=1 (forced by recurrent dropout on LSTM and GRU): a mask per gate.
        int masks = cell != Cell.SIMPLE && recurrentDropout > 0 ? cell.gates : 1;
        List<Output<TFloat32>> inputMasks = dropout > 0
                ? masks(ctx, layer.name() + "_dropout_mask", input, features, masks, dropout) : null;
        List<Output<TFloat32>> recurrentMasks = recurrentDropout > 0
                ? masks(ctx, layer.name() + "_recurrent_dropout_mask", input, units, masks, recurrentDropout) : null;

        // GRU with reset_after keeps separate input and recurrent biases: bias is [2, 3u].
        Operand<TFloat32> inputBias = null;
        Operand<TFloat32> recurrentBias = null;
        if (useBias) {
            if (resetAfter) {
                List<Output<TFloat32>> rows = tf.unstack(params.get("bias"), 2L, Unstack.axis(0L)).output();
                inputBias = rows.get(0);
                recurrentBias = rows.get(1);
            } else {
                inputBias = params.get("bias");
            }
        }
        // Time-major [steps, batch, features]: each step's rows of the projection are then
        // contiguous, so the per-step slices (and their gradient, a concatenation) are plain copies.
        Operand<TFloat32> timeMajor = tf.linalg.transpose(input, ctx.ints(1, 0, 2));
        int lanes = ctx.recurrentLanes();
        // The batch's rows, for the lanes and the recorded products; an inference graph has neither.
        Operand<TInt32> batch = lanes > 1 || ctx.recordsProducts() ? tf.slice(tf.shape(input), ctx.ints(0), ctx.ints(1)) : null;
        Operand<TInt32> laneSizes = lanes == 1 ? null : ctx.laneSizes(batch, lanes);
        // Each lane projects its own rows of the input: the projections run side by side too.
        List<Operand<TFloat32>> laneInputs = lanes == 1 ? List.of(timeMajor)
                : new ArrayList<>(tf.splitV(timeMajor, laneSizes, ctx.axis(1), (long) lanes).output());
        List<List<Output<TFloat32>>> inputMasksByLane = laneMasks(ctx, inputMasks, laneSizes, lanes);
        List<List<Output<TFloat32>>> masksByLane = laneMasks(ctx, recurrentMasks, laneSizes, lanes);
        boolean backwards = config.bool("go_backwards");
        boolean returnSequences = config.bool("return_sequences");
        List<Operand<TFloat32>> states = new ArrayList<>();
        List<Operand<TFloat32>> sequences = new ArrayList<>();
        // Under per-gate input masks each gate projects with its block of the kernel (split once for all lanes).
        List<Operand<TFloat32>> kernels = inputMasks != null && inputMasks.size() > 1
                ? new ArrayList<>(tf.split(ctx.axis(1), params.get("kernel"), (long) cell.gates).output())
                : List.of(params.get("kernel"));
        for (int l = 0; l < lanes; l++) {
            Operand<TFloat32> rows = project(ctx, laneInputs.get(l), inputMasksByLane.get(l), kernels, inputBias, features);
            // One step reads the projection whole: a Split into one piece has a gradient (a ConcatV2 of
            // one input) that TensorFlow refuses to build.
            List<Operand<TFloat32>> perStep = steps == 1 ? List.of(rows)
                    : new ArrayList<>(tf.split(ctx.axis(0), rows, (long) steps).output());
            Step step = new Step(ctx, params.get("recurrent_kernel"), recurrentBias, masksByLane.get(l),
                    units, activation, recurrentActivation, resetAfter);
            List<Operand<TFloat32>> outputs = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                step.advance(perStep.get(backwards ? steps - 1 - i : i));
                outputs.add(step.h);
            }
            int products = step.lefts.size();
            if (products > 0) {
                // Step i >= 1 reads row block i of the lane's projection (steps - 1 - i going
                // backwards): the blocks with a product are the rows after the first block (before the last).
                Operand<TInt32> laneRows = lanes == 1 ? batch : tf.slice(laneSizes, ctx.ints(l), ctx.ints(1));
                List<Operand<TFloat32>> lefts = new ArrayList<>();
                for (int i = 0; i < products; i++) lefts.add(step.lefts.get(backwards ? products - 1 - i : i));
                Operand<TInt32> begin = tf.concat(List.of(backwards ? ctx.ints(0) : laneRows, ctx.ints(0)), ctx.axis(0));
                Operand<TInt32> size = tf.concat(List.of(tf.math.mul(laneRows, ctx.ints(steps - 1)), ctx.ints(-1)), ctx.axis(0));
                Operand<TFloat32> left = lefts.size() == 1 ? lefts.get(0) : tf.concat(lefts, ctx.axis(0));
                ctx.recordRowProducts(new EmitContext.RowProducts(params.get("recurrent_kernel"), left, rows, begin, size));
            }
            states.add(step.h);
            if (returnSequences) sequences.add(tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L)));
        }
        List<Operand<TFloat32>> out = returnSequences ? sequences : states;
        return lanes == 1 ? out.get(0) : tf.concat(out, ctx.axis(0));
    }

    /**
     * The input projection of one lane's rows {@code x} ({@code [steps, rows, features]},
     * time-major), {@code [steps * rows, gates * units]}: {@code x . kernel}, under the input's
     * dropout mask (one for all gates, or Keras's implementation=1: each gate its own mask and
     * block of the kernel, side by side as one product would lay them), plus the input bias.
     * {@code kernels} is the kernel whole, or its gates' blocks under per-gate masks.
     */
    private Operand<TFloat32> project(EmitContext ctx, Operand<TFloat32> x, List<Output<TFloat32>> masks,
                                      List<Operand<TFloat32>> kernels, Operand<TFloat32> bias, long features) {
        Ops tf = ctx.tf();
        Operand<TFloat32> projected;
        if (masks == null || masks.size() == 1) {
            Operand<TFloat32> in = masks == null ? x : tf.math.mul(x, masks.get(0));
            projected = tf.linalg.matMul(tf.reshape(in, ctx.ints(-1, Math.toIntExact(features))), kernels.get(0));
        } else {
            List<Operand<TFloat32>> gates = new ArrayList<>();
            for (int g = 0; g < cell.gates; g++) {
                Operand<TFloat32> in = tf.math.mul(x, masks.get(g));
                gates.add(tf.linalg.matMul(tf.reshape(in, ctx.ints(-1, Math.toIntExact(features))), kernels.get(g)));
            }
            projected = tf.concat(gates, ctx.axis(1));
        }
        return bias == null ? projected : tf.nn.biasAdd(projected, bias);
    }

    /** Per lane, its rows of each mask ({@code [batch, width]}); the masks as they are in one lane; nulls without masks. */
    private static List<List<Output<TFloat32>>> laneMasks(EmitContext ctx, List<Output<TFloat32>> masks, Operand<TInt32> laneSizes,
                                                          int lanes) {
        List<List<Output<TFloat32>>> byLane = new ArrayList<>();
        for (int l = 0; l < lanes; l++) byLane.add(masks == null ? null : lanes == 1 ? masks : new ArrayList<>());
        if (masks == null || lanes == 1) return byLane;
        for (Output<TFloat32> mask : masks) {
            List<Output<TFloat32>> rows = ctx.tf().splitV(mask, laneSizes, ctx.axis(0), (long) lanes).output();
            for (int l = 0; l < lanes; l++) byLane.get(l).add(rows.get(l));
        }
        return byLane;
    }

    /**
     * {@code count} dropout masks of {@code [batch, width]} drawn by one op, named {@code name}:
     * {@code [count, batch, width]} split along the first axis (one mask when {@code count} is 1).
     */
    private static List<Output<TFloat32>> masks(EmitContext ctx, String name, Operand<TFloat32> input, long width, int count,
                                                double rate) {
        Ops tf = ctx.tf();
        Operand<TInt32> shape = tf.concat(List.of(ctx.ints(count), ctx.batchShape(input, width)), ctx.axis(0));
        Operand<TFloat32> drawn = tf.withName(name).identity(ctx.dropoutMask(shape, rate, null));
        return tf.unstack(drawn, (long) count, Unstack.axis(0L)).output();
    }

    /** The recurrent state and one step of the cell's update rule (Keras's formulas, gate order as Keras). */
    private final class Step {
        final EmitContext ctx;
        final Ops tf;
        final Operand<TFloat32> recurrentKernel;
        /** The recurrent kernel as the products read it ({@link EmitContext#productWeight}). */
        final Operand<TFloat32> recurrentRead;
        final Operand<TFloat32> recurrentBias;
        /** The state's dropout masks: one (SimpleRNN), one per gate (LSTM, GRU), or null without recurrent dropout. */
        final List<Output<TFloat32>> recurrentMasks;
        /** The recurrent kernel split by gate, for the per-gate masks; null when one product does. */
        final List<Output<TFloat32>> recurrentBlocks;
        final long units;
        final Activation activation;
        final Activation recurrentActivation;
        final boolean resetAfter;
        /** GRU without reset_after multiplies r * h by the candidate block of the kernel alone. */
        final List<Output<TFloat32>> kernelBlocks;
        /**
         * Whether each step's recurrent product is added to that step's rows of the projection and
         * to nothing else (SimpleRNN and LSTM with one product per step), so that the kernel's
         * gradient can be formed from the projection's gradient ({@link EmitContext.RowProducts}).
         */
        final boolean rowAligned;
        /** The products' left operands, in step order, when {@link #rowAligned}. */
        final List<Operand<TFloat32>> lefts = new ArrayList<>();
        Operand<TFloat32> h;
        Operand<TFloat32> c;

        Step(EmitContext ctx, Operand<TFloat32> recurrentKernel, Operand<TFloat32> recurrentBias,
             List<Output<TFloat32>> recurrentMasks, long units, Activation activation, Activation recurrentActivation,
             boolean resetAfter) {
            this.ctx = ctx;
            this.tf = ctx.tf();
            this.recurrentKernel = recurrentKernel;
            this.recurrentRead = ctx.productWeight(recurrentKernel);
            this.recurrentBias = recurrentBias;
            this.recurrentMasks = recurrentMasks;
            this.units = units;
            this.activation = activation;
            this.recurrentActivation = recurrentActivation;
            this.resetAfter = resetAfter;
            this.kernelBlocks = cell == Cell.GRU && !resetAfter
                    ? tf.split(ctx.axis(1), recurrentRead, 3L).output() : null;
            this.recurrentBlocks = kernelBlocks == null && recurrentMasks != null && recurrentMasks.size() > 1
                    ? tf.split(ctx.axis(1), recurrentRead, (long) cell.gates).output() : null;
            this.rowAligned = ctx.recordsProducts() && recurrentBlocks == null && cell != Cell.GRU;
        }

        /** The previous state as gate {@code g} reads it: under that gate's mask (or the one mask), or as it is. */
        private Operand<TFloat32> previous(int g) {
            if (h == null || recurrentMasks == null) return h;
            return tf.math.mul(h, recurrentMasks.get(recurrentMasks.size() > 1 ? g : 0));
        }

        /** The recurrent product {@code h_prev . recurrent_kernel}, each gate's block of it from its own masked state. */
        private Operand<TFloat32> recurrentProduct() {
            if (rowAligned) {
                Operand<TFloat32> left = previous(0);  // once: under recurrent dropout it is a Mul
                lefts.add(left);
                return tf.linalg.matMul(left, recurrentRead);
            }
            if (recurrentBlocks == null) return ctx.product(previous(0), recurrentKernel, recurrentRead, 0, 1);
            List<Operand<TFloat32>> gates = new ArrayList<>();
            for (int g = 0; g < cell.gates; g++) {
                gates.add(ctx.product(previous(g), recurrentKernel, recurrentBlocks.get(g), g, cell.gates));
            }
            return tf.concat(gates, ctx.axis(1));
        }

        void advance(Operand<TFloat32> projected) {
            switch (cell) {
                case SIMPLE -> h = act(activation, plusRecurrent(projected));
                case LSTM -> {
                    List<Output<TFloat32>> z = split(plusRecurrent(projected), 4);
                    Operand<TFloat32> i = act(recurrentActivation, z.get(0));
                    Operand<TFloat32> candidate = tf.math.mul(i, act(activation, z.get(2)));
                    c = c == null ? candidate : tf.math.add(tf.math.mul(act(recurrentActivation, z.get(1)), c), candidate);
                    h = tf.math.mul(act(recurrentActivation, z.get(3)), act(activation, c));
                }
                case GRU -> gru(projected);
            }
        }

        private void gru(Operand<TFloat32> projected) {
            List<Output<TFloat32>> xs = split(projected, 3);
            Operand<TFloat32> z;
            Operand<TFloat32> candidate;
            if (resetAfter) {
                Operand<TFloat32> recurrent = h == null ? recurrentBias
                        : recurrentBias == null ? recurrentProduct()
                        : tf.nn.biasAdd(recurrentProduct(), recurrentBias);
                if (recurrent == null) {
                    z = act(recurrentActivation, xs.get(0));
                    candidate = act(activation, xs.get(2));
                } else {
                    List<Output<TFloat32>> rs = split(recurrent, 3);
                    z = act(recurrentActivation, tf.math.add(xs.get(0), rs.get(0)));
                    Operand<TFloat32> r = act(recurrentActivation, tf.math.add(xs.get(1), rs.get(1)));
                    candidate = act(activation, tf.math.add(xs.get(2), tf.math.mul(r, rs.get(2))));
                }
            } else if (h == null) {
                z = act(recurrentActivation, xs.get(0));
                candidate = act(activation, xs.get(2));
            } else {
                z = act(recurrentActivation, tf.math.add(xs.get(0), block(previous(0), 0)));
                Operand<TFloat32> r = act(recurrentActivation, tf.math.add(xs.get(1), block(previous(1), 1)));
                candidate = act(activation, tf.math.add(xs.get(2), block(tf.math.mul(r, previous(2)), 2)));
            }
            // h = z * h_prev + (1 - z) * candidate, with the unmasked h_prev as Keras mixes it.
            Operand<TFloat32> fresh = tf.math.mul(tf.math.sub(ctx.scalar(1), z), candidate);
            h = h == null ? fresh : tf.math.add(tf.math.mul(z, h), fresh);
        }

        /** {@code left . } block {@code g} of GRU's (reset_before) recurrent kernel. */
        private Operand<TFloat32> block(Operand<TFloat32> left, int g) {
            return ctx.product(left, recurrentKernel, kernelBlocks.get(g), g, 3);
        }

        private Operand<TFloat32> plusRecurrent(Operand<TFloat32> projected) {
            return h == null ? projected : tf.math.add(projected, recurrentProduct());
        }

        private List<Output<TFloat32>> split(Operand<TFloat32> value, int parts) {
            return tf.split(ctx.axis(-1), value, (long) parts).output();
        }

        private Operand<TFloat32> act(Activation activation, Operand<TFloat32> x) {
            return Activations.apply(ctx, activation, x);
        }
    }
}
