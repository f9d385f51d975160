package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.dlm.compiler.layers.ArgSpec.opt;
import static dev.dlm.compiler.layers.ArgSpec.req;

/**
 * Rules of the recurrent layers over {@code [timesteps, features]} samples. Each has
 * {@code kernel [in, g*units]}, {@code recurrent_kernel [units, g*units]} and a bias, with
 * {@code g} = 1 (SimpleRNN), 4 (LSTM) or 3 (GRU).
 */
final class RecurrentRules {
    private RecurrentRules() {}

    static final Set<LayerKind> RECURRENT = Set.of(LayerKind.SIMPLE_RNN, LayerKind.LSTM, LayerKind.GRU);

    static final class Recurrent extends LayerRule {
        private final int gates;

        Recurrent(LayerKind kind, int gates, ArgSpec... extra) {
            super(kind, 2, 2, "(timesteps, features)", signature(kind, extra));
            this.gates = gates;
        }

        private static ArgSpec[] signature(LayerKind kind, ArgSpec... extra) {
            List<ArgSpec> sig = new ArrayList<>();
            sig.add(req("units", ArgType.POSITIVE_INT));
            sig.add(opt("activation", ArgType.ACTIVATION, Activation.TANH));
            if (kind != LayerKind.SIMPLE_RNN) sig.add(opt("recurrent_activation", ArgType.ACTIVATION, Activation.SIGMOID));
            sig.add(opt("use_bias", ArgType.BOOL, true));
            sig.add(opt("kernel_initializer", ArgType.INITIALIZER, Initializer.GLOROT_UNIFORM));
            sig.add(opt("recurrent_initializer", ArgType.INITIALIZER, Initializer.ORTHOGONAL));
            sig.add(opt("bias_initializer", ArgType.INITIALIZER, Initializer.ZEROS));
            sig.addAll(List.of(extra));
            sig.add(opt("kernel_regularizer", ArgType.REGULARIZER, null));
            sig.add(opt("recurrent_regularizer", ArgType.REGULARIZER, null));
            sig.add(opt("bias_regularizer", ArgType.REGULARIZER, null));
            sig.add(opt("dropout", ArgType.RATE, 0.0));
            sig.add(opt("recurrent_dropout", ArgType.RATE, 0.0));
            sig.add(opt("return_sequences", ArgType.BOOL, false));
            sig.add(opt("return_state", ArgType.BOOL, false));
            sig.add(opt("go_backwards", ArgType.BOOL, false));
            sig.add(opt("stateful", ArgType.BOOL, false));
            sig.add(opt("unroll", ArgType.BOOL, false));
            return sig.toArray(ArgSpec[]::new);
        }

        @Override protected Shape infer(LayerContext ctx) {
            for (String unsupported : List.of("return_state", "stateful")) {
                if (ctx.bool(unsupported)) {
                    ctx.report(ctx.error(Code.DLM0203, ctx.spanOf(unsupported),
                                    "`" + unsupported + "=True` is not supported in a sequential model")
                            .note(unsupported.equals("return_state")
                                    ? "a layer returning its states has several outputs; the next layer could take only one"
                                    : "dlm resets recurrent state for every batch")
                            .help("remove `" + unsupported + "`"));
                    return null;
                }
            }
            Shape in = ctx.input();
            long features = in.last();
            long units = ctx.integer("units");
            long g = gates;
            ctx.weight("kernel", ctx.initializer("kernel_initializer"), ctx.regularizer("kernel_regularizer"), features, g * units);
            ctx.weight("recurrent_kernel", ctx.initializer("recurrent_initializer"), ctx.regularizer("recurrent_regularizer"), units, g * units);
            if (ctx.bool("use_bias")) {
                boolean resetAfter = kind() == LayerKind.GRU && ctx.bool("reset_after");
                Initializer bias = ctx.initializer("bias_initializer");
                if (kind() == LayerKind.LSTM && ctx.bool("unit_forget_bias")) {
                    // Keras's LSTM: the forget gate's block [units, 2 units) of the bias starts at one.
                    bias = new Initializer.Segments(List.of(new Initializer.Segment(bias, units),
                            new Initializer.Segment(Initializer.ONES, units), new Initializer.Segment(bias, 2 * units)));
                }
                if (resetAfter) {
                    ctx.weight("bias", bias, ctx.regularizer("bias_regularizer"), 2, g * units);
                } else {
                    ctx.weight("bias", bias, ctx.regularizer("bias_regularizer"), g * units);
                }
            }
            return ctx.bool("return_sequences") ? Shape.of(in.dim(0), units) : Shape.of(units);
        }

        /**
         * Per step: the input and recurrent products ({@code 2 (features + units) g units}) and
         * the gates' element-wise work; the unrolled steps keep their gate values for the
         * backward pass ({@code 2 g units} per step).
         */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            long steps = ctx.input().dim(0);
            long units = ctx.integer("units");
            long perStep = Saturating.add(Saturating.multiply(2 * (ctx.input().last() + units), gates * units), 4 * gates * units);
            return LayerCost.of(Saturating.multiply(steps, perStep),
                    Saturating.add(output.elements(), Saturating.multiply(steps, 2 * gates * units)));
        }

        @Override protected String rankFix(Shape input, boolean first) {
            if (input.rank() == 1) {
                long side = (long) Math.sqrt((double) input.dim(0));
                if (first && side * side == input.dim(0)) {
                    return "declare the model input as [" + side + ", " + side + "] (" + side + " steps of " + side
                            + " features), or insert `Reshape((" + side + ", " + side + "))`";
                }
                return "insert `Reshape((" + input.dim(0) + ", 1))` to read the vector as " + input.dim(0) + " steps of 1 feature";
            }
            if (input.rank() == 3) {
                return "merge the last two axes: insert `Reshape((" + input.dim(0) + ", " + input.dim(1) * input.dim(2) + "))` before this layer";
            }
            return "insert `Reshape((timesteps, features))` before this layer";
        }
    }

    static Recurrent simpleRnn() { return new Recurrent(LayerKind.SIMPLE_RNN, 1); }

    static Recurrent lstm() {
        return new Recurrent(LayerKind.LSTM, 4, opt("unit_forget_bias", ArgType.BOOL, true));
    }

    static Recurrent gru() {
        return new Recurrent(LayerKind.GRU, 3, opt("reset_after", ArgType.BOOL, true));
    }

    /**
     * Keras's Bidirectional wrapper: the wrapped recurrent layer runs forwards and backwards;
     * twice its weights ({@code forward_*} then {@code backward_*}); the outputs merge by
     * {@code concat} (width doubles), {@code sum}, {@code mul} or {@code ave}.
     */
    static final class Bidirectional extends LayerRule {
        Bidirectional() {
            super(LayerKind.BIDIRECTIONAL, 2, 2, "(timesteps, features)",
                    req("layer", ArgType.LAYER),
                    opt("merge_mode", ArgType.choice("concat", "sum", "mul", "ave", "none"), "concat"),
                    opt("backward_layer", ArgType.IGNORED, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            Value.Call call = (Value.Call) ctx.raw("layer");
            LayerKind wrapped = LayerKind.byKerasName(call.callee());
            // An unknown name is no kind at all (an immutable set refuses to look null up).
            if (wrapped == null || !RECURRENT.contains(wrapped)) {
                ctx.report(ctx.error(Code.DLM0307, call.span(),
                                "`Bidirectional` wraps a recurrent layer, found `" + call.callee() + "`")
                        .label("not SimpleRNN, LSTM or GRU")
                        .help("wrap one of SimpleRNN, LSTM or GRU: `Bidirectional(LSTM(64))`"));
                return null;
            }
            if (ctx.written("backward_layer")) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("backward_layer"), "`backward_layer` is not supported")
                        .help("remove it; the backward layer is a copy of the forward one"));
                return null;
            }
            if (ctx.string("merge_mode").equals("none")) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("merge_mode"),
                                "merge_mode=None gives two outputs, which a sequential model cannot pass on")
                        .help("use merge_mode='concat' (the default), 'sum', 'mul' or 'ave'"));
                return null;
            }
            CheckedLayer inner = ctx.nested(call, ctx.input());
            if (inner == null) return null;
            ctx.set("layer", inner);
            List<ParamSpec> params = new ArrayList<>();
            for (String direction : List.of("forward_", "backward_")) {
                for (ParamSpec p : inner.params()) {
                    params.add(new ParamSpec(direction + p.name(), p.shape(), p.initializer(),
                            p.trainable() && ctx.isTrainable(), p.regularizer()));
                }
            }
            ctx.weights(params);
            Shape out = inner.output();
            return ctx.string("merge_mode").equals("concat") ? out.withLast(out.last() * 2) : out;
        }

        @Override public boolean setsWidth() { return true; }

        /** Both directions' cost, plus the merge. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            LayerCost inner = ((CheckedLayer) ctx.raw("layer")).cost();
            return LayerCost.of(Saturating.add(Saturating.multiply(2, inner.flops()), output.elements()),
                    Saturating.add(Saturating.multiply(2, inner.activations()), output.elements()));
        }
    }
}
