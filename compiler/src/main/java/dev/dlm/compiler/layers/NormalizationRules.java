package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Saturating;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.List;

import static dev.dlm.compiler.layers.ArgSpec.opt;

/** Rules of the normalization and embedding layers. */
final class NormalizationRules {
    private NormalizationRules() {}

    /**
     * Keras's BatchNormalization over one axis ({@code axis}, the last by default, any one of
     * the sample's): {@code gamma} and {@code beta} are trainable, {@code moving_mean} and
     * {@code moving_variance} are not (4 x C in all, C the axis's size).
     */
    static final class BatchNormalization extends LayerRule {
        BatchNormalization() {
            super(LayerKind.BATCH_NORMALIZATION, 1, Integer.MAX_VALUE, "",
                    opt("axis", ArgType.ANY_INT, -1L),
                    opt("momentum", ArgType.number(0, 1, true), 0.99),
                    opt("epsilon", ArgType.number(0, Double.POSITIVE_INFINITY, true), 0.001),
                    opt("center", ArgType.BOOL, true),
                    opt("scale", ArgType.BOOL, true),
                    opt("beta_initializer", ArgType.INITIALIZER, Initializer.ZEROS),
                    opt("gamma_initializer", ArgType.INITIALIZER, Initializer.ONES),
                    opt("moving_mean_initializer", ArgType.INITIALIZER, Initializer.ZEROS),
                    opt("moving_variance_initializer", ArgType.INITIALIZER, Initializer.ONES),
                    opt("beta_regularizer", ArgType.REGULARIZER, null),
                    opt("gamma_regularizer", ArgType.REGULARIZER, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            Shape in = ctx.input();
            long axis = ctx.integer("axis"), rank = in.rank();
            // Keras counts the batch axis: 1..rank (or -rank..-1) name the sample's axes; 0 (or -rank - 1) is the batch.
            if (axis == 0 || axis > rank || axis < -rank) {
                ctx.report(ctx.error(Code.DLM0202, ctx.spanOf("axis"), "`axis` of `BatchNormalization` must name one of the sample's axes, 1.."
                                + rank + " or -" + rank + "..-1, found " + axis)
                        .label("input " + in.keras())
                        .note(axis == 0 || axis == -rank - 1 ? "axis 0 is the batch axis, over which the statistics are taken"
                                : "the input has " + rank + " axes besides the batch axis")
                        .help("use axis=-1 (the channels of a channels-last input), or axis=1 for channels first"));
                return null;
            }
            long positive = axis < 0 ? rank + 1 + axis : axis;
            // The last axis is stored as Keras's default -1; any other as its position counting the batch axis.
            ctx.set("axis", positive == rank ? -1L : positive);
            long c = in.dim((int) positive - 1);
            scaleAndShift(ctx, c);
            ctx.state("moving_mean", ctx.initializer("moving_mean_initializer"), c);
            ctx.state("moving_variance", ctx.initializer("moving_variance_initializer"), c);
            return in;
        }
    }

    /**
     * Keras's LayerNormalization over the last axis: each sample's values at one position are
     * normalized to mean 0 and variance 1 ({@code epsilon} added to the variance), then scaled
     * by {@code gamma} and shifted by {@code beta} ([C] each, both trainable).
     */
    static final class LayerNormalization extends LayerRule {
        LayerNormalization() {
            super(LayerKind.LAYER_NORMALIZATION, 1, Integer.MAX_VALUE, "",
                    opt("axis", ArgType.ANY_INT, -1L),
                    opt("epsilon", ArgType.number(0, Double.POSITIVE_INFINITY, true), 0.001),
                    opt("center", ArgType.BOOL, true),
                    opt("scale", ArgType.BOOL, true),
                    opt("rms_scaling", ArgType.BOOL, false),
                    opt("beta_initializer", ArgType.INITIALIZER, Initializer.ZEROS),
                    opt("gamma_initializer", ArgType.INITIALIZER, Initializer.ONES),
                    opt("beta_regularizer", ArgType.REGULARIZER, null),
                    opt("gamma_regularizer", ArgType.REGULARIZER, null));
        }

        @Override protected Shape infer(LayerContext ctx) {
            Shape in = ctx.input();
            if (!lastAxisOnly(ctx, "dlm normalizes the last axis only")) return null;
            if (ctx.bool("rms_scaling")) {
                ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("rms_scaling"), "`rms_scaling=True` is not supported")
                        .help("remove `rms_scaling`"));
                return null;
            }
            scaleAndShift(ctx, in.last());
            return in;
        }

        /** Mean, variance, normalization, scale and shift: about eight operations per value. */
        @Override protected LayerCost cost(LayerContext ctx, Shape output) {
            return LayerCost.of(Saturating.multiply(8, output.elements()), Saturating.multiply(2, output.elements()));
        }
    }

    /**
     * Keras's Embedding: integer ids of any shape to vectors, {@code [steps] -> [steps, output_dim]},
     * {@code [a, b] -> [a, b, output_dim]}.
     */
    static final class Embedding extends LayerRule {
        Embedding() {
            super(LayerKind.EMBEDDING, 1, Integer.MAX_VALUE, "(steps,) of integer ids",
                    ArgSpec.req("input_dim", ArgType.POSITIVE_INT),
                    ArgSpec.req("output_dim", ArgType.POSITIVE_INT),
                    opt("embeddings_initializer", ArgType.INITIALIZER, Initializer.EMBEDDING_UNIFORM),
                    opt("embeddings_regularizer", ArgType.REGULARIZER, null),
                    opt("mask_zero", ArgType.BOOL, false),
                    opt("input_length", ArgType.POSITIVE_INT, null));
        }

        /** Keras 2 turns Embedding's {@code input_length} into {@code input_shape=(input_length,)}. */
        @Override public Shape declaredInput(Value.Call call) {
            Shape declared = super.declaredInput(call);
            if (declared != null) return declared;
            for (Value.Argument a : call.args()) {
                if ("input_length".equals(a.name()) && a.value() instanceof Value.Int i && i.value() > 0) return Shape.of(i.value());
            }
            return null;
        }

        @Override protected Shape infer(LayerContext ctx) {
            Shape in = ctx.input();
            Object length = ctx.raw("input_length");
            if (length != null && (Long) length != in.dim(0)) {
                ctx.report(ctx.error(Code.DLM0304, ctx.spanOf("input_length"),
                        "`input_length` is " + length + " but the input has " + in.dim(0) + " steps")
                        .help("remove `input_length`; the model's input shape already fixes it"));
                return null;
            }
            long out = ctx.integer("output_dim");
            ctx.weight("embeddings", ctx.initializer("embeddings_initializer"), ctx.regularizer("embeddings_regularizer"),
                    ctx.integer("input_dim"), out);
            List<Long> dims = new ArrayList<>(in.dims());
            dims.add(out);
            return new Shape(dims);
        }
    }

    /**
     * Accepts an {@code axis} argument naming the sample's last axis ({@code -1} or the rank)
     * and normalizes it to {@code -1}; reports DLM0203, opening with {@code limitation}, and
     * returns false for any other axis.
     */
    static boolean lastAxisOnly(LayerContext ctx, String limitation) {
        Shape in = ctx.input();
        long axis = ctx.integer("axis");
        if (axis != -1 && axis != in.rank()) {
            ctx.report(ctx.error(Code.DLM0203, ctx.spanOf("axis"), limitation + "; found axis=" + axis)
                    .label("axis " + axis + " of " + in.keras())
                    .help("remove `axis`, or use axis=-1"));
            return false;
        }
        ctx.set("axis", -1L);
        return true;
    }

    /** A normalization's trainable {@code gamma} (when {@code scale}) and {@code beta} (when {@code center}), [C] each. */
    private static void scaleAndShift(LayerContext ctx, long c) {
        if (ctx.bool("scale")) ctx.weight("gamma", ctx.initializer("gamma_initializer"), ctx.regularizer("gamma_regularizer"), c);
        if (ctx.bool("center")) ctx.weight("beta", ctx.initializer("beta_initializer"), ctx.regularizer("beta_regularizer"), c);
    }
}
