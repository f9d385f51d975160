package dev.dlm.compiler.ir;

/**
 * What one sample costs a layer, computed by the layer's rule: {@code flops} of the forward
 * pass (a multiply-add counts 2, as benchmarks count GEMMs), and {@code activations}, the
 * float values the layer keeps per sample for the backward pass (its output, plus an
 * unrolled recurrent layer's per-step gate values). The memory estimate and the benchmarks
 * read these instead of guessing from layer names.
 */
public record LayerCost(long flops, long activations) {

    public static LayerCost of(long flops, long activations) { return new LayerCost(flops, activations); }
}
