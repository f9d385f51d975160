package dev.dlm.runtime.train;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fused moving average of Adam's, Nadam's and Adamax's slots
 * ({@code Optimizers.moveTowards}, an {@code ApplyGradientDescent}) is Keras's
 * {@code m + (g - m) * (1 - beta)} in float32 bit for bit: checked against Java's float
 * arithmetic (IEEE, no fused multiply-add) on a million values of every sign and a wide range
 * of magnitudes, over a few steps, for Adam's two factors. StepParityTest checks the whole
 * optimizer against Keras; this pins the one place where a kernel's contraction into FMAs
 * would part from it.
 */
class OptimizersBitsTest {

    private static final int N = 1 << 20, STEPS = 3;

    @Test
    void fusedMovingAverageIsKerasBitForBit() {
        for (float factor : new float[] {(float) (1 - 0.9), (float) (1 - 0.999), 0.3f}) {
            SplittableRandom random = new SplittableRandom(Float.floatToIntBits(factor));
            float[] slot = new float[N];
            for (int i = 0; i < N; i++) slot[i] = value(random);
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Variable<TFloat32> m = tf.variable(Shape.of(N), TFloat32.class);
                Placeholder<TFloat32> start = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N)));
                Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N)));
                Operand<TFloat32> init = tf.assign(m, start);
                Operand<TFloat32> updated = Optimizers.moveTowards(tf, m, target, tf.constant(factor));
                ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
                try (Session s = new Session(g, config); TFloat32 startValue = tensor(slot)) {
                    s.runner().feed(start, startValue).addTarget(init).run().close();
                    for (int step = 0; step < STEPS; step++) {
                        float[] gradient = new float[N];
                        for (int i = 0; i < N; i++) gradient[i] = value(random);
                        try (TFloat32 t = tensor(gradient); Result r = s.runner().feed(target, t).fetch(updated).run()) {
                            float[] actual = new float[N];
                            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual, false, false));
                            for (int i = 0; i < N; i++) {
                                float expected = slot[i] + (gradient[i] - slot[i]) * factor;
                                if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual[i])) {
                                    assertEquals(expected, actual[i], 0f, "factor " + factor + ", step " + step + ", element " + i
                                            + ": m " + slot[i] + ", g " + gradient[i]);
                                }
                                slot[i] = expected;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adam's whole update as dlm runs it (the slots by {@code moveTowards}, the weight by the
     * fused {@code ApplyAdam} fed Keras's alpha) against Keras's op-for-op expressions in IEEE
     * float32: {@code m += (g - m) c1; v += (g^2 - v) c2; w -= (m alpha) / (sqrt(v) + eps)}.
     */
    @Test
    void adamUpdateIsKerasBitForBit() {
        int n = 1 << 18;
        float c1 = (float) (1 - 0.9), c2 = (float) (1 - 0.999), eps = 1e-7f;
        SplittableRandom random = new SplittableRandom(5);
        float[] w = new float[n], m = new float[n], v = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = value(random);
            m[i] = value(random) * 1e-3f;
            v[i] = Math.abs(value(random)) * 1e-6f;
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Variable<TFloat32> wv = tf.variable(Shape.of(n), TFloat32.class);
            Variable<TFloat32> mv = tf.variable(Shape.of(n), TFloat32.class);
            Variable<TFloat32> vv = tf.variable(Shape.of(n), TFloat32.class);
            Placeholder<TFloat32> w0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
            Placeholder<TFloat32> m0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
            Placeholder<TFloat32> v0 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
            Placeholder<TFloat32> grad = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
            Placeholder<TFloat32> alpha = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> mNew = Optimizers.moveTowards(tf, mv, grad, tf.constant(c1));
            Operand<TFloat32> vNew = Optimizers.moveTowards(tf, vv, tf.math.square(grad), tf.constant(c2));
            org.tensorflow.op.Op step = Optimizers.weightStep(tf, wv, mv, vv, java.util.List.of(mNew, vNew), alpha, grad, tf.constant(eps));
            ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
            try (Session s = new Session(g, config); TFloat32 wt = tensor(w); TFloat32 mt = tensor(m); TFloat32 vt = tensor(v)) {
                s.runner().feed(w0, wt).feed(m0, mt).feed(v0, vt)
                        .addTarget(tf.assign(wv, w0)).addTarget(tf.assign(mv, m0)).addTarget(tf.assign(vv, v0)).run().close();
                for (int t = 1; t <= 4; t++) {
                    float a = 1e-3f * (float) Math.sqrt(1f - (float) Math.pow(0.999f, t)) / (1f - (float) Math.pow(0.9f, t));
                    float[] gradient = new float[n];
                    for (int i = 0; i < n; i++) gradient[i] = value(random) * 1e-2f;
                    try (TFloat32 gt = tensor(gradient); TFloat32 at = TFloat32.scalarOf(a)) {
                        s.runner().feed(grad, gt).feed(alpha, at).addTarget(step).run().close();
                    }
                    for (int i = 0; i < n; i++) {
                        m[i] = m[i] + (gradient[i] - m[i]) * c1;
                        v[i] = v[i] + (gradient[i] * gradient[i] - v[i]) * c2;
                        w[i] = w[i] - (m[i] * a) / ((float) Math.sqrt(v[i]) + eps);
                    }
                    try (Result r = s.runner().fetch(wv).fetch(mv).fetch(vv).run()) {
                        float[][] expected = {w, m, v};
                        String[] names = {"w", "m", "v"};
                        for (int k = 0; k < 3; k++) {
                            float[] actual = new float[n];
                            ((TFloat32) r.get(k)).copyTo(DataBuffers.of(actual, false, false));
                            for (int i = 0; i < n; i++) {
                                if (Float.floatToIntBits(expected[k][i]) != Float.floatToIntBits(actual[i])) {
                                    assertEquals(expected[k][i], actual[i], 0f, names[k] + " at step " + t + ", element " + i);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** A float of either sign, magnitude 2^-30 .. 2^10, with a random significand. */
    private static float value(SplittableRandom random) {
        float v = (float) (random.nextDouble(1, 2) * Math.scalb(1.0, random.nextInt(-30, 10)));
        return random.nextBoolean() ? v : -v;
    }

    private static TFloat32 tensor(float[] values) {
        TFloat32 t = TFloat32.tensorOf(Shape.of(values.length));
        t.copyFrom(DataBuffers.of(values, true, false));
        return t;
    }
}
