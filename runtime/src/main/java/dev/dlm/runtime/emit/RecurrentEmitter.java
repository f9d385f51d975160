package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerConfig;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's SimpleRNN, LSTM and GRU, statically unrolled over the time axis (TensorFlow Java
 * cannot differentiate while loops). The input projection {@code x . kernel + bias} of all
 * steps is one matrix product; each step then adds its recurrent term. The initial state is
 * zero, so the first step skips the recurrent product. Dropout masks are drawn once per
 * batch and shared by all steps, as Keras does.
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

        Operand<TFloat32> x = input;
        double dropout = config.number("dropout");
        if (dropout > 0) {
            Operand<TFloat32> mask = ctx.dropoutMask(ctx.batchShape(input, features), dropout, null);
            x = tf.math.mul(x, tf.expandDims(mask, ctx.axis(1)));
        }
        double recurrentDropout = config.number("recurrent_dropout");
        Operand<TFloat32> recurrentMask = recurrentDropout > 0
                ? ctx.dropoutMask(ctx.batchShape(input, units), recurrentDropout, null) : null;

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
        int width = Math.toIntExact(cell.gates * units);
        Operand<TFloat32> projected = tf.linalg.matMul(
                tf.reshape(x, ctx.ints(-1, Math.toIntExact(features))), params.get("kernel"));
        if (inputBias != null) projected = tf.nn.biasAdd(projected, inputBias);
        List<Output<TFloat32>> perStep = tf.unstack(tf.reshape(projected, ctx.ints(-1, steps, width)),
                (long) steps, Unstack.axis(1L)).output();

        Step step = new Step(ctx, params.get("recurrent_kernel"), recurrentBias, recurrentMask, units,
                activation, recurrentActivation, resetAfter);
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        boolean backwards = config.bool("go_backwards");
        for (int i = 0; i < steps; i++) {
            step.advance(perStep.get(backwards ? steps - 1 - i : i));
            outputs.add(step.h);
        }
        if (!config.bool("return_sequences")) return step.h;
        return tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L));
    }

    /** The recurrent state and one step of the cell's update rule (Keras's formulas, gate order as Keras). */
    private final class Step {
        final EmitContext ctx;
        final Ops tf;
        final Operand<TFloat32> recurrentKernel;
        final Operand<TFloat32> recurrentBias;
        final Operand<TFloat32> recurrentMask;
        final long units;
        final Activation activation;
        final Activation recurrentActivation;
        final boolean resetAfter;
        /** GRU without reset_after multiplies r * h by the candidate block of the kernel alone. */
        final List<Output<TFloat32>> kernelBlocks;
        Operand<TFloat32> h;
        Operand<TFloat32> c;

        Step(EmitContext ctx, Operand<TFloat32> recurrentKernel, Operand<TFloat32> recurrentBias,
             Operand<TFloat32> recurrentMask, long units, Activation activation, Activation recurrentActivation,
             boolean resetAfter) {
            this.ctx = ctx;
            this.tf = ctx.tf();
            this.recurrentKernel = recurrentKernel;
            this.recurrentBias = recurrentBias;
            this.recurrentMask = recurrentMask;
            this.units = units;
            this.activation = activation;
            this.recurrentActivation = recurrentActivation;
            this.resetAfter = resetAfter;
            this.kernelBlocks = cell == Cell.GRU && !resetAfter
                    ? tf.split(ctx.axis(1), recurrentKernel, 3L).output() : null;
        }

        void advance(Operand<TFloat32> projected) {
            Operand<TFloat32> previous = h == null || recurrentMask == null ? h : tf.math.mul(h, recurrentMask);
            switch (cell) {
                case SIMPLE -> h = act(activation, plusRecurrent(projected, previous));
                case LSTM -> {
                    List<Output<TFloat32>> z = split(plusRecurrent(projected, previous), 4);
                    Operand<TFloat32> i = act(recurrentActivation, z.get(0));
                    Operand<TFloat32> candidate = tf.math.mul(i, act(activation, z.get(2)));
                    c = c == null ? candidate : tf.math.add(tf.math.mul(act(recurrentActivation, z.get(1)), c), candidate);
                    h = tf.math.mul(act(recurrentActivation, z.get(3)), act(activation, c));
                }
                case GRU -> gru(projected, previous);
            }
        }

        private void gru(Operand<TFloat32> projected, Operand<TFloat32> previous) {
            List<Output<TFloat32>> xs = split(projected, 3);
            Operand<TFloat32> z;
            Operand<TFloat32> candidate;
            if (resetAfter) {
                Operand<TFloat32> recurrent = previous == null ? recurrentBias
                        : recurrentBias == null ? tf.linalg.matMul(previous, recurrentKernel)
                        : tf.nn.biasAdd(tf.linalg.matMul(previous, recurrentKernel), recurrentBias);
                if (recurrent == null) {
                    z = act(recurrentActivation, xs.get(0));
                    candidate = act(activation, xs.get(2));
                } else {
                    List<Output<TFloat32>> rs = split(recurrent, 3);
                    z = act(recurrentActivation, tf.math.add(xs.get(0), rs.get(0)));
                    Operand<TFloat32> r = act(recurrentActivation, tf.math.add(xs.get(1), rs.get(1)));
                    candidate = act(activation, tf.math.add(xs.get(2), tf.math.mul(r, rs.get(2))));
                }
            } else if (previous == null) {
                z = act(recurrentActivation, xs.get(0));
                candidate = act(activation, xs.get(2));
            } else {
                z = act(recurrentActivation, tf.math.add(xs.get(0), tf.linalg.matMul(previous, kernelBlocks.get(0))));
                Operand<TFloat32> r = act(recurrentActivation, tf.math.add(xs.get(1), tf.linalg.matMul(previous, kernelBlocks.get(1))));
                candidate = act(activation, tf.math.add(xs.get(2),
                        tf.linalg.matMul(tf.math.mul(r, previous), kernelBlocks.get(2))));
            }
            // h = z * h_prev + (1 - z) * candidate, with Keras's (masked) h_prev.
            Operand<TFloat32> fresh = tf.math.mul(tf.math.sub(ctx.scalar(1), z), candidate);
            h = previous == null ? fresh : tf.math.add(tf.math.mul(z, previous), fresh);
        }

        private Operand<TFloat32> plusRecurrent(Operand<TFloat32> projected, Operand<TFloat32> previous) {
            return previous == null ? projected : tf.math.add(projected, tf.linalg.matMul(previous, recurrentKernel));
        }

        private List<Output<TFloat32>> split(Operand<TFloat32> value, int parts) {
            return tf.split(ctx.axis(-1), value, (long) parts).output();
        }

        private Operand<TFloat32> act(Activation activation, Operand<TFloat32> x) {
            return Activations.apply(ctx, activation, x);
        }
    }
}
