package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Compiled;
import dev.dlm.runtime.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.dlm.runtime.emit.LayerForwardTest.TOLERANCE;
import static dev.dlm.runtime.emit.LayerForwardTest.forward;
import static dev.dlm.runtime.testing.Arrays2.assertClose;
import static dev.dlm.runtime.testing.Arrays2.random;

/**
 * The merge layers' forward pass against plain Java: each merges a model input {@code a}
 * (the sample itself) with {@code b}, a linear Dense of the other input (which reads the same
 * sample), with fixed weights.
 */
class MergeForwardTest {

    static final int N = 3;
    static final int W = 4;

    /** The sample, and {@code b = x W + bias}. */
    record Operands(float[] x, float[] b, Map<String, float[]> weights) {}

    static Operands operands() {
        float[] x = random(31, N * W, -1, 1), w = random(32, W * W, -1, 1), bias = random(33, W, -1, 1);
        return new Operands(x, Reference.dense(x, N, W, w, W, bias), Map.of("dense_kernel", w, "dense_bias", bias));
    }

    static CheckedModel merged(String layer) {
        return Compiled.functional("mse", "a = Input(shape=[" + W + "])", "x = Input(shape=[" + W + "])",
                "b = Dense(" + W + ")(x)", "m = " + layer + "([a, b])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add", "Subtract", "Multiply", "Average", "Maximum"})
    void elementwiseMergesMatchJava(String kind) {
        Operands o = operands();
        float[] expected = new float[N * W];
        for (int i = 0; i < expected.length; i++) {
            float a = o.x()[i], b = o.b()[i];
            expected[i] = switch (kind) {
                case "Add" -> a + b;
                case "Subtract" -> a - b;
                case "Multiply" -> a * b;
                case "Average" -> (a + b) / 2;
                default -> Math.max(a, b);
            };
        }
        assertClose(expected, forward(merged(kind + "()"), o.weights(), o.x(), N), TOLERANCE);
    }

    @Test
    void concatenateJoinsTheLastAxis() {
        Operands o = operands();
        float[] expected = new float[N * 2 * W];
        for (int r = 0; r < N; r++) {
            System.arraycopy(o.x(), r * W, expected, r * 2 * W, W);
            System.arraycopy(o.b(), r * W, expected, r * 2 * W + W, W);
        }
        assertClose(expected, forward(merged("Concatenate()"), o.weights(), o.x(), N), TOLERANCE);
    }

    @Test
    void dotOfVectorsIsOneValuePerSample() {
        Operands o = operands();
        float[] expected = new float[N];
        for (int r = 0; r < N; r++) for (int k = 0; k < W; k++) expected[r] += o.x()[r * W + k] * o.b()[r * W + k];
        assertClose(expected, forward(merged("Dot(axes=1)"), o.weights(), o.x(), N), TOLERANCE);
    }

    @Test
    void normalizedDotIsTheCosine() {
        Operands o = operands();
        float[] expected = new float[N];
        for (int r = 0; r < N; r++) {
            double dot = 0, aa = 0, bb = 0;
            for (int k = 0; k < W; k++) {
                float a = o.x()[r * W + k], b = o.b()[r * W + k];
                dot += a * b;
                aa += a * a;
                bb += b * b;
            }
            expected[r] = (float) (dot / Math.sqrt(aa) / Math.sqrt(bb));
        }
        assertClose(expected, forward(merged("Dot(axes=1, normalize=True)"), o.weights(), o.x(), N), TOLERANCE);
    }

    @Test
    void dotOfMatricesContractsTheChosenAxes() {
        // a, b: [2, 3] per sample; Dot(axes=(2, 2)) gives out[p][q] = sum_k a[p][k] b[q][k], shape [2, 2] (flattened: a loss needs rank 1)
        float[] x = random(41, N * 6, -1, 1), w = random(42, 9, -1, 1), bias = random(43, 3, -1, 1);
        CheckedModel model = Compiled.functional("mse", "a = Input(shape=[2, 3])", "x = Input(shape=[2, 3])",
                "b = Dense(3)(x)", "m = Dot(axes=(2, 2))([a, b])", "f = Flatten()(m)");
        float[] b = Reference.dense(x, N * 2, 3, w, 3, bias);
        float[] expected = new float[N * 4];
        for (int n = 0; n < N; n++) {
            for (int p = 0; p < 2; p++) {
                for (int q = 0; q < 2; q++) {
                    for (int k = 0; k < 3; k++) expected[n * 4 + p * 2 + q] += x[n * 6 + p * 3 + k] * b[n * 6 + q * 3 + k];
                }
            }
        }
        assertClose(expected, forward(model, Map.of("dense_kernel", w, "dense_bias", bias), x, N), TOLERANCE);
    }

    @Test
    void aLowerRankInputGainsAxesAfterTheBatch() {
        // Keras's _Merge: [4] with [2, 4] adds the vector to each row of the matrix
        float[] x = random(51, N * 8, -1, 1), kernel = random(52, 8 * 4, -1, 1), bias = random(53, 4, -1, 1);
        CheckedModel model = Compiled.functional("mse", "a = Input(shape=[2, 4])", "x = Input(shape=[2, 4])",
                "f = Flatten()(x)", "v = Dense(4)(f)", "m = Add()([v, a])", "out = Flatten()(m)");
        // Flatten keeps row-major order, so the Dense reads each sample's 8 values as they are
        float[] v = Reference.dense(x, N, 8, kernel, 4, bias);
        float[] expected = new float[N * 8];
        for (int n = 0; n < N; n++) for (int r = 0; r < 2; r++) for (int c = 0; c < 4; c++) {
            expected[n * 8 + r * 4 + c] = x[n * 8 + r * 4 + c] + v[n * 4 + c];
        }
        assertClose(expected, forward(model, Map.of("dense_kernel", kernel, "dense_bias", bias), x, N), TOLERANCE);
    }
}
