package dev.dlm.runtime.testing;

import java.util.function.DoubleUnaryOperator;

/**
 * Plain-Java reference implementations of Keras layers, written from Keras's formulas and
 * independent of TensorFlow, in double precision. Tensors are row-major float arrays; the
 * batch axis comes first.
 */
public final class Reference {

    private Reference() {}

    public static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    public static DoubleUnaryOperator activation(String name) {
        return switch (name) {
            case "linear" -> x -> x;
            case "relu" -> x -> Math.max(0, x);
            case "tanh" -> Math::tanh;
            case "sigmoid" -> Reference::sigmoid;
            // Keras 3: relu6(x + 3) / 6, i.e. x / 6 + 1/2 on (-3, 3).
            case "hard_sigmoid" -> x -> Math.min(6, Math.max(0, x + 3)) / 6;
            case "elu" -> x -> x > 0 ? x : Math.exp(x) - 1;
            case "selu" -> x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1));
            case "softplus" -> x -> Math.log1p(Math.exp(x));
            case "softsign" -> x -> x / (1 + Math.abs(x));
            case "swish" -> x -> x * sigmoid(x);
            case "gelu" -> x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case "exponential" -> Math::exp;
            case "relu6" -> x -> Math.min(6, Math.max(0, x));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The error function by Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7). */
    public static double erf(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }

    public static float[] apply(String activation, float[] x) {
        DoubleUnaryOperator f = activation(activation);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) f.applyAsDouble(x[i]);
        return out;
    }

    /** Softmax over rows of width {@code width}. */
    public static float[] softmax(float[] x, int width) {
        float[] out = new float[x.length];
        for (int r = 0; r < x.length / width; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) max = Math.max(max, x[r * width + j]);
            double sum = 0;
            for (int j = 0; j < width; j++) sum += Math.exp(x[r * width + j] - max);
            for (int j = 0; j < width; j++) out[r * width + j] = (float) (Math.exp(x[r * width + j] - max) / sum);
        }
        return out;
    }

    /** {@code x [rows, in] . w [in, out] + b}, b nullable. */
    public static float[] dense(float[] x, int rows, int in, float[] w, int out, float[] b) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) s += (double) x[r * in + i] * w[i * out + o];
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    /** TensorFlow's padding before the first element for SAME, 0 for VALID. */
    private static int padBefore(int in, int out, int k, int stride, int dilation, boolean same) {
        if (!same) return 0;
        int effective = (k - 1) * dilation + 1;
        return Math.max((out - 1) * stride + effective - in, 0) / 2;
    }

    public static int outSize(int in, int k, int stride, int dilation, boolean same) {
        int effective = (k - 1) * dilation + 1;
        return same ? (in + stride - 1) / stride : (in - effective) / stride + 1;
    }

    /** NHWC convolution (cross-correlation) with kernel [kh, kw, cin, f], bias [f]. */
    public static float[] conv2d(float[] x, int n, int h, int w, int cin, float[] kernel, int kh, int kw, int f, float[] bias,
                                 int stride, int dilation, boolean same) {
        int oh = outSize(h, kh, stride, dilation, same), ow = outSize(w, kw, stride, dilation, same);
        int ph = padBefore(h, oh, kh, stride, dilation, same), pw = padBefore(w, ow, kw, stride, dilation, same);
        float[] y = new float[n * oh * ow * f];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int o = 0; o < f; o++) {
                        double s = bias[o];
                        for (int di = 0; di < kh; di++)
                            for (int dj = 0; dj < kw; dj++) {
                                int yi = i * stride + di * dilation - ph, xj = j * stride + dj * dilation - pw;
                                if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                                for (int c = 0; c < cin; c++) {
                                    s += (double) x[((b * h + yi) * w + xj) * cin + c] * kernel[((di * kw + dj) * cin + c) * f + o];
                                }
                            }
                        y[((b * oh + i) * ow + j) * f + o] = (float) s;
                    }
        return y;
    }

    /** NHWC max or average pooling; average excludes padding, as TensorFlow does. */
    public static float[] pool2d(float[] x, int n, int h, int w, int c, int size, int stride, boolean same, boolean max) {
        int oh = outSize(h, size, stride, 1, same), ow = outSize(w, size, stride, 1, same);
        int ph = padBefore(h, oh, size, stride, 1, same), pw = padBefore(w, ow, size, stride, 1, same);
        float[] y = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int di = 0; di < size; di++)
                            for (int dj = 0; dj < size; dj++) {
                                int yi = i * stride + di - ph, xj = j * stride + dj - pw;
                                if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                                float v = x[((b * h + yi) * w + xj) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        y[((b * oh + i) * ow + j) * c + ch] = (float) (max ? acc : acc / count);
                    }
        return y;
    }

    /** One recurrent layer over x [n, steps, in]: returns the last h [n, u] or all h [n, steps, u]. */
    public static float[] recurrent(String kind, float[] x, int n, int steps, int in, int u, float[] kernel,
                                    float[] recurrentKernel, float[] bias, boolean resetAfter, boolean backwards,
                                    boolean sequences) {
        return recurrent(kind, x, n, steps, in, u, kernel, recurrentKernel, bias, resetAfter, backwards, sequences,
                null, 1, null, 1);
    }

    /**
     * As above, in training under dropout masks, written out per gate as Keras's
     * {@code implementation=1} cells do: input masks {@code inputMasks [inputMaskCount, n, in]}
     * and state masks {@code stateMasks [stateMaskCount, n, u]} (a count of 1: one mask for
     * every gate; null: no mask). GRU mixes the unmasked previous state, as Keras does.
     */
    public static float[] recurrent(String kind, float[] x, int n, int steps, int in, int u, float[] kernel,
                                    float[] recurrentKernel, float[] bias, boolean resetAfter, boolean backwards,
                                    boolean sequences, float[] inputMasks, int inputMaskCount,
                                    float[] stateMasks, int stateMaskCount) {
        int g = switch (kind) { case "LSTM" -> 4; case "GRU" -> 3; default -> 1; };
        float[] out = new float[sequences ? n * steps * u : n * u];
        for (int b = 0; b < n; b++) {
            double[] h = new double[u];
            double[] c = new double[u];
            for (int s = 0; s < steps; s++) {
                int t = backwards ? steps - 1 - s : s;
                double[] xw = new double[g * u];
                double[] hu = new double[g * u];
                for (int j = 0; j < g * u; j++) {
                    int gate = j / u;
                    double a = bias[j];
                    for (int i = 0; i < in; i++) {
                        double m = inputMasks == null ? 1 : inputMasks[((inputMaskCount > 1 ? gate : 0) * n + b) * in + i];
                        a += x[(b * steps + t) * in + i] * m * kernel[i * g * u + j];
                    }
                    xw[j] = a;
                    double r = resetAfter ? bias[g * u + j] : 0;
                    for (int i = 0; i < u; i++) {
                        double m = stateMasks == null ? 1 : stateMasks[((stateMaskCount > 1 ? gate : 0) * n + b) * u + i];
                        r += h[i] * m * recurrentKernel[i * g * u + j];
                    }
                    hu[j] = r;
                }
                double[] next = new double[u];
                for (int j = 0; j < u; j++) {
                    switch (kind) {
                        case "SimpleRNN" -> next[j] = Math.tanh(xw[j] + hu[j]);
                        case "LSTM" -> {
                            double i = sigmoid(xw[j] + hu[j]), f = sigmoid(xw[u + j] + hu[u + j]);
                            double cc = Math.tanh(xw[2 * u + j] + hu[2 * u + j]), o = sigmoid(xw[3 * u + j] + hu[3 * u + j]);
                            c[j] = f * c[j] + i * cc;
                            next[j] = o * Math.tanh(c[j]);
                        }
                        default -> {
                            double z = sigmoid(xw[j] + hu[j]), r = sigmoid(xw[u + j] + hu[u + j]);
                            double candidate;
                            if (resetAfter) {
                                candidate = Math.tanh(xw[2 * u + j] + r * hu[2 * u + j]);
                            } else {
                                double rh = 0;
                                for (int i = 0; i < u; i++) {
                                    double ri = sigmoid(xw[u + i] + hu[u + i]);
                                    double m = stateMasks == null ? 1 : stateMasks[((stateMaskCount > 1 ? 2 : 0) * n + b) * u + i];
                                    rh += ri * h[i] * m * recurrentKernel[i * g * u + 2 * u + j];
                                }
                                candidate = Math.tanh(xw[2 * u + j] + rh);
                            }
                            next[j] = z * h[j] + (1 - z) * candidate;
                        }
                    }
                }
                h = next;
                if (sequences) for (int j = 0; j < u; j++) out[(b * steps + s) * u + j] = (float) h[j];
            }
            if (!sequences) for (int j = 0; j < u; j++) out[b * u + j] = (float) h[j];
        }
        return out;
    }

    /**
     * NHWC depthwise convolution: output channel {@code c * m + q} is input channel {@code c}
     * cross-correlated with kernel {@code [kh, kw, cin, m]}'s slice {@code [:, :, c, q]}, plus bias.
     */
    public static float[] depthwiseConv2d(float[] x, int n, int h, int w, int cin, float[] kernel, int kh, int kw, int m, float[] bias,
                                          int stride, int dilation, boolean same) {
        int oh = outSize(h, kh, stride, dilation, same), ow = outSize(w, kw, stride, dilation, same);
        int ph = padBefore(h, oh, kh, stride, dilation, same), pw = padBefore(w, ow, kw, stride, dilation, same);
        int cout = cin * m;
        float[] y = new float[n * oh * ow * cout];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int c = 0; c < cin; c++)
                        for (int q = 0; q < m; q++) {
                            double s = bias == null ? 0 : bias[c * m + q];
                            for (int di = 0; di < kh; di++)
                                for (int dj = 0; dj < kw; dj++) {
                                    int yi = i * stride + di * dilation - ph, xj = j * stride + dj * dilation - pw;
                                    if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                                    s += (double) x[((b * h + yi) * w + xj) * cin + c] * kernel[((di * kw + dj) * cin + c) * m + q];
                                }
                            y[((b * oh + i) * ow + j) * cout + c * m + q] = (float) s;
                        }
        return y;
    }

    /**
     * NHWC transposed convolution with kernel {@code [kh, kw, f, cin]}, by its definition:
     * input pixel {@code (i, j)} adds {@code x[i][j] . kernel[ti][tj]} to output
     * {@code (i*s + ti*d - ph, j*s + tj*d - pw)}; the output is {@code oh x ow} and the pads are
     * 0 (valid) or half of {@code (n-1)*s + k' - out} (same), as TensorFlow's conv2d_transpose.
     * (This formula was checked once against Keras 3.15's Conv2DTranspose, to 3e-7, on eleven
     * configurations of stride, dilation, padding and output_padding.)
     */
    public static float[] convTranspose2d(float[] x, int n, int h, int w, int cin, float[] kernel, int k, int f, float[] bias,
                                          int stride, int dilation, boolean same, int oh, int ow) {
        int effective = (k - 1) * dilation + 1;
        int ph = same ? Math.max((h - 1) * stride + effective - oh, 0) / 2 : 0;
        int pw = same ? Math.max((w - 1) * stride + effective - ow, 0) / 2 : 0;
        double[] y = new double[n * oh * ow * f];
        for (int b = 0; b < n; b++)
            for (int o = 0; o < oh * ow; o++)
                for (int g = 0; g < f; g++) y[(b * oh * ow + o) * f + g] = bias[g];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    for (int ti = 0; ti < k; ti++)
                        for (int tj = 0; tj < k; tj++) {
                            int oi = i * stride + ti * dilation - ph, oj = j * stride + tj * dilation - pw;
                            if (oi < 0 || oi >= oh || oj < 0 || oj >= ow) continue;
                            for (int g = 0; g < f; g++)
                                for (int c = 0; c < cin; c++) {
                                    y[((b * oh + oi) * ow + oj) * f + g] += (double) x[((b * h + i) * w + j) * cin + c]
                                            * kernel[((ti * k + tj) * f + g) * cin + c];
                                }
                        }
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) out[i] = (float) y[i];
        return out;
    }
}
