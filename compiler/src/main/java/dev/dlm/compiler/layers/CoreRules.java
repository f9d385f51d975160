package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerConfig;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.compiler.layers.ArgSpec.opt;
import static dev.dlm.compiler.layers.ArgSpec.req;

/** Rules of the core layers: Dense, Activation, Dropout, Flatten, Reshape. */
final class CoreRules {
    private CoreRules() {}

    /** Keras's Dense: {@code kernel [in, units]} and {@code bias [units]} on the last axis of any rank. */
    static final class Dense extends LayerRule {
        Dense() {
            super(LayerKind.DENSE, 1, Integer.MAX_VALUE, "(..., features)",
                    withKernelAndBias(req("units", ArgType.POSITIVE_INT)));
        }

        @Override protected Shape infer(LayerContext ctx) {
            long in = ctx.input().last();
            long units = ctx.integer("units");
            ctx.weight("kernel", ctx.initializer("kernel_initializer"), ctx.regularizer("kernel_regularizer"), in, units);
            if (ctx.bool("use_bias")) {
                ctx.weight("bias", ctx.initializer("bias_initializer"), ctx.regularizer("bias_regularizer"), units);
            }
            return ctx.input().withLast(units);
        }

        /** A matrix product per position: {@code 2 in units} FLOPs for each of the input's vectors. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            return LayerCost.of(Saturating.multiply(2 * ctx.integer("units"), ctx.input().elements()), output.elements());
        }
    }

    static final class ActivationLayer extends LayerRule {
        ActivationLayer() {
            super(LayerKind.ACTIVATION, 1, Integer.MAX_VALUE, "", req("activation", ArgType.ACTIVATION));
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }
    }

    /**
     * Keras's LeakyReLU layer: {@code x} where positive, {@code negative_slope * x} elsewhere.
     * Keras 3 names the slope {@code negative_slope} (default 0.3); Keras 2's {@code alpha} is
     * accepted as its old name, as Keras 3 accepts it.
     */
    static final class LeakyRelu extends LayerRule {
        LeakyRelu() {
            super(LayerKind.LEAKY_RELU, 1, Integer.MAX_VALUE, "",
                    opt("negative_slope", ArgType.NON_NEGATIVE, 0.3),
                    opt("alpha", ArgType.NON_NEGATIVE, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            if (ctx.written("alpha")) {
                if (ctx.written("negative_slope")) {
                    ctx.report(ctx.error(Code.DLM0106, ctx.spanOf("alpha"), "both `alpha` and `negative_slope` are given")
                            .label("old name of `negative_slope`")
                            .help("keep `negative_slope`"));
                    return null;
                }
                ctx.set("negative_slope", ctx.raw("alpha"));
            }
            ctx.remove("alpha");
            return ctx.input();
        }

        @Override public Activation activation(LayerConfig config) { return Activation.LEAKY_RELU; }
    }

    /**
     * Keras's Permute: reorders the sample's axes; {@code dims} is a permutation of
     * {@code 1..rank} (1-based, the batch axis stays first), e.g. {@code Permute((2, 1))}.
     */
    static final class Permute extends LayerRule {
        Permute() {
            super(LayerKind.PERMUTE, 1, Integer.MAX_VALUE, "", req("dims", ArgType.shape(false)));
        }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> dims = ctx.longs("dims");
            int rank = ctx.input().rank();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (long d : dims) seen.add(d);
            boolean permutation = dims.size() == rank && seen.size() == rank && dims.stream().allMatch(d -> d >= 1 && d <= rank);
            if (!permutation) {
                ctx.report(ctx.error(Code.DLM0202, ctx.spanOf("dims"),
                                "`dims` of `Permute` must be a permutation of 1.." + rank + " for an input of rank " + rank
                                        + ", found " + dims.toString().replace('[', '(').replace(']', ')'))
                        .label("input " + ctx.input().keras())
                        .help("list every axis once, counting from 1 (the batch axis stays first): e.g. `Permute(("
                                + (rank >= 2 ? "2, 1" : "1") + (rank > 2 ? ", 3" : "") + "))`"));
                return null;
            }
            List<Long> out = new ArrayList<>();
            for (long d : dims) out.add(ctx.input().dim((int) d - 1));
            return new Shape(out);
        }

        @Override public boolean preservesValues() { return true; }
    }

    /** Keras's RepeatVector: a vector {@code [features]} repeated {@code n} times, {@code [n, features]}. */
    static final class RepeatVector extends LayerRule {
        RepeatVector() {
            super(LayerKind.REPEAT_VECTOR, 1, 1, "(features,)", req("n", ArgType.POSITIVE_INT));
        }

        @Override protected Shape infer(LayerContext ctx) {
            return Shape.of(ctx.integer("n"), ctx.input().dim(0));
        }

        @Override public boolean preservesValues() { return true; }
    }

    /**
     * Keras's ReLU layer: {@code max_value} where {@code x >= max_value}, {@code x} from
     * {@code threshold} up, {@code negative_slope * (x - threshold)} below.
     */
    static final class Relu extends LayerRule {
        Relu() {
            super(LayerKind.RELU, 1, Integer.MAX_VALUE, "",
                    opt("max_value", ArgType.NON_NEGATIVE, null),
                    opt("negative_slope", ArgType.NON_NEGATIVE, 0.0),
                    opt("threshold", ArgType.NUMBER, 0.0));
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }

        /** The plain relu when the arguments are Keras's defaults; otherwise a piecewise function the loss check cannot name. */
        @Override public Activation activation(LayerConfig config) {
            boolean plain = !config.has("max_value") && config.number("negative_slope") == 0 && config.number("threshold") == 0;
            return plain ? Activation.RELU : Activation.LINEAR;
        }
    }

    /** Keras's ELU layer: {@code x} above zero, {@code alpha * (exp(x) - 1)} below. */
    static final class Elu extends LayerRule {
        Elu() {
            super(LayerKind.ELU, 1, Integer.MAX_VALUE, "", opt("alpha", ArgType.NUMBER, 1.0));
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }

        @Override public Activation activation(LayerConfig config) { return Activation.ELU; }
    }

    /** Keras's Softmax layer over the last axis (the only axis dlm supports, as Keras's default). */
    static final class SoftmaxLayer extends LayerRule {
        SoftmaxLayer() {
            super(LayerKind.SOFTMAX, 1, Integer.MAX_VALUE, "", opt("axis", ArgType.ANY_INT, -1L));
        }

        @Override protected Shape infer(LayerContext ctx) {
            return NormalizationRules.lastAxisOnly(ctx, "dlm applies softmax over the last axis only") ? ctx.input() : null;
        }

        @Override public Activation activation(LayerConfig config) { return Activation.SOFTMAX; }
    }

    /** Inverted dropout, active in training only; {@code rate} in [0, 1). */
    static final class Dropout extends LayerRule {
        Dropout() {
            super(LayerKind.DROPOUT, 1, Integer.MAX_VALUE, "",
                    req("rate", ArgType.RATE),
                    opt("noise_shape", ArgType.IGNORED, null),
                    opt("seed", ArgType.ANY_INT, null));
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }

        @Override public boolean preservesValues() { return true; }
    }

    /**
     * Keras's SpatialDropout1D and SpatialDropout2D: dropout of whole channels, active in
     * training only; one draw per sample and channel is shared by every step (1D, input
     * {@code [steps, channels]}) or every pixel (2D, input {@code [h, w, channels]}).
     */
    static final class SpatialDropout extends LayerRule {
        SpatialDropout(int dims) {
            super(dims == 1 ? LayerKind.SPATIAL_DROPOUT1D : LayerKind.SPATIAL_DROPOUT2D, dims + 1, dims + 1,
                    dims == 1 ? "(steps, channels)" : "(height, width, channels)", spatialSignature(dims));
        }

        private static ArgSpec[] spatialSignature(int dims) {
            return dims == 1 ? new ArgSpec[]{req("rate", ArgType.RATE), opt("seed", ArgType.ANY_INT, null)}
                    : new ArgSpec[]{req("rate", ArgType.RATE), ArgSpec.DATA_FORMAT, opt("seed", ArgType.ANY_INT, null)};
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }

        @Override public boolean preservesValues() { return true; }
    }

    /** Keras's GaussianNoise: adds zero-mean normal noise of {@code stddev} in training only. */
    static final class GaussianNoise extends LayerRule {
        GaussianNoise() {
            super(LayerKind.GAUSSIAN_NOISE, 1, Integer.MAX_VALUE, "",
                    req("stddev", ArgType.NON_NEGATIVE),
                    opt("seed", ArgType.ANY_INT, null));
        }

        @Override protected Shape infer(LayerContext ctx) { return ctx.input(); }

        /** The identity outside training, so the model's final activation is the one before it. */
        @Override public boolean preservesValues() { return true; }
    }

    /**
     * Keras's Flatten: every sample as one vector. With {@code data_format='channels_first'}
     * Keras 3 first moves the channels (axis 1) last, so a {@code [c, h, w]} sample flattens in
     * {@code [h, w, c]} order, as a channels-last model's would.
     */
    static final class Flatten extends LayerRule {
        Flatten() {
            super(LayerKind.FLATTEN, 1, Integer.MAX_VALUE, "", ArgSpec.DATA_FORMAT_EITHER);
        }

        @Override protected Shape infer(LayerContext ctx) { return Shape.of(ctx.input().elements()); }

        @Override public boolean preservesValues() { return true; }
    }

    /** Keras's Reshape: {@code target_shape} with at most one -1, same number of elements. */
    static final class Reshape extends LayerRule {
        Reshape() {
            super(LayerKind.RESHAPE, 1, Integer.MAX_VALUE, "", req("target_shape", ArgType.shape(true)));
        }

        @Override public boolean preservesValues() { return true; }

        @Override protected Shape infer(LayerContext ctx) {
            List<Long> target = new ArrayList<>(ctx.longs("target_shape"));
            long n = ctx.input().elements();
            long known = 1;
            int inferred = -1;
            for (int i = 0; i < target.size(); i++) {
                if (target.get(i) == -1) inferred = i;
                else known = Saturating.multiply(known, target.get(i));
            }
            if (inferred >= 0) {
                if (known == 0 || n % known != 0) {
                    ctx.report(ctx.error(Code.DLM0305, ctx.spanOf("target_shape"),
                                    "cannot reshape " + ctx.input() + " (" + n + " elements) to " + display(target)
                                            + ": " + n + " is not a multiple of " + known)
                            .label("target shape"));
                    return null;
                }
                target.set(inferred, n / known);
            } else if (known != n) {
                ctx.report(ctx.error(Code.DLM0305, ctx.spanOf("target_shape"),
                                "cannot reshape " + ctx.input() + " (" + n + " elements) to " + display(target)
                                        + " (" + known + " elements)")
                        .label("target shape")
                        .help("the target must hold " + n + " elements; use -1 for one axis to have it inferred"));
                return null;
            }
            ctx.set("target_shape", List.copyOf(target));
            return new Shape(target);
        }

        private static String display(List<Long> dims) {
            return dims.toString().replace('[', '(').replace(']', ')');
        }
    }

    /**
     * A layer's own leading arguments followed by those of every layer with a kernel and a bias
     * (Dense, Conv1D, Conv2D), in Keras's positional order.
     */
    static ArgSpec[] withKernelAndBias(ArgSpec... head) {
        List<ArgSpec> all = new ArrayList<>(List.of(head));
        all.add(opt("activation", ArgType.ACTIVATION, Activation.LINEAR));
        all.add(opt("use_bias", ArgType.BOOL, true));
        all.add(opt("kernel_initializer", ArgType.INITIALIZER, Initializer.GLOROT_UNIFORM));
        all.add(opt("bias_initializer", ArgType.INITIALIZER, Initializer.ZEROS));
        all.add(opt("kernel_regularizer", ArgType.REGULARIZER, null));
        all.add(opt("bias_regularizer", ArgType.REGULARIZER, null));
        return all.toArray(ArgSpec[]::new);
    }

}
