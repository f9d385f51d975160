package dev.dlm.compiler.layers;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.ModelFixture;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.shape.Shape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static dev.dlm.compiler.ModelFixture.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the shape and parameter rules over random configurations. The expected
 * sizes come from a brute-force count of window positions, not from a closed formula, so a
 * wrong formula in the compiler cannot agree with them by construction.
 */
class ShapePropertiesTest {

    /** Valid padding: start positions {@code i} whose dilated window's last tap {@code i*s + (k-1)*d} is inside {@code [0, n)}. */
    static long validWindows(long n, long k, long s, long d) {
        long count = 0;
        for (long i = 0; i * s + (k - 1) * d < n; i++) count++;
        return count;
    }

    /** Same padding: one output per stride step that starts inside the input, ceil(n / s). */
    static long sameWindows(long n, long s) {
        long count = 0;
        for (long i = 0; i * s < n; i++) count++;
        return count;
    }

    /** One spatial axis of a window: input size, window size, stride, dilation. */
    record Axis(int n, int k, int s, int d) {
        long expected(boolean same) { return same ? sameWindows(n, s) : validWindows(n, k, s, d); }
    }

    record Window2D(Axis h, Axis w, int channels, int filters, boolean same) {
        boolean stridedAndDilated() {
            return (h.s > 1 || w.s > 1) && (h.d > 1 || w.d > 1);
        }

        boolean sameAxisConflict() {
            return (h.s > 1 && h.d > 1) || (w.s > 1 && w.d > 1);
        }

        String padding() { return same ? "'same'" : "'valid'"; }
    }

    private static Arbitrary<Axis> axis(boolean dilated) {
        return Combinators.combine(Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 7),
                Arbitraries.integers().between(1, 3), dilated ? Arbitraries.integers().between(1, 3) : Arbitraries.just(1))
                .as(Axis::new);
    }

    /**
     * Conv2D configurations. Keras rejects any stride > 1 together with any dilation > 1; the
     * combinations on different axes are left to a unit test of their own (see LayerRulesTest).
     */
    @Provide
    Arbitrary<Window2D> convolutions() {
        return Combinators.combine(axis(true), axis(true), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 8), Arbitraries.of(true, false))
                .as(Window2D::new)
                .filter(c -> !c.stridedAndDilated() || c.sameAxisConflict());
    }

    @Property(tries = 400)
    void conv2dOutputIsTheNumberOfWindowPositions(@ForAll("convolutions") Window2D c) {
        ModelFixture m = model("[" + c.h.n + ", " + c.w.n + ", " + c.channels + "]",
                "Conv2D(" + c.filters + ", (" + c.h.k + ", " + c.w.k + "), strides=(" + c.h.s + ", " + c.w.s
                        + "), dilation_rate=(" + c.h.d + ", " + c.w.d + "), padding=" + c.padding() + ")");
        if (c.sameAxisConflict()) {
            m.failsWith(Code.DLM0203);
            return;
        }
        long height = c.h.expected(c.same), width = c.w.expected(c.same);
        if (height == 0 || width == 0) {
            assertOnlyError(m, Code.DLM0302);
            return;
        }
        // kernel (kh, kw, in, filters) + bias (filters)
        m.layer(0).hasOutput(height, width, c.filters)
                .hasParams((long) c.h.k * c.w.k * c.channels * c.filters + c.filters);
    }

    @Property(tries = 300)
    void conv1dOutputIsTheNumberOfWindowPositions(@ForAll("axes") Axis a, @ForAll boolean same) {
        ModelFixture m = model("[" + a.n + ", 3]", "Conv1D(2, " + a.k + ", strides=" + a.s + ", dilation_rate=" + a.d
                + ", padding=" + (same ? "'same'" : "'valid'") + ")");
        if (a.s > 1 && a.d > 1) {
            m.failsWith(Code.DLM0203);
            return;
        }
        long steps = a.expected(same);
        if (steps == 0) {
            assertOnlyError(m, Code.DLM0302);
            return;
        }
        m.layer(0).hasOutput(steps, 2).hasParams(a.k * 3L * 2 + 2);
    }

    @Provide
    Arbitrary<Axis> axes() { return axis(true); }

    record Pool2D(Axis h, Axis w, boolean explicitStrides, boolean same, boolean max) {}

    @Provide
    Arbitrary<Pool2D> pools() {
        return Combinators.combine(axis(false), axis(false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Pool2D::new);
    }

    @Property(tries = 400)
    void pooling2dOutputIsTheNumberOfWindowPositions(@ForAll("pools") Pool2D p) {
        String strides = p.explicitStrides ? ", strides=(" + p.h.s + ", " + p.w.s + ")" : "";
        ModelFixture m = model("[" + p.h.n + ", " + p.w.n + ", 3]", (p.max ? "Max" : "Average") + "Pooling2D(pool_size=("
                + p.h.k + ", " + p.w.k + ")" + strides + ", padding=" + (p.same ? "'same'" : "'valid'") + ")");
        // strides=None means strides = pool_size
        Axis h = p.explicitStrides ? p.h : new Axis(p.h.n, p.h.k, p.h.k, 1);
        Axis w = p.explicitStrides ? p.w : new Axis(p.w.n, p.w.k, p.w.k, 1);
        long height = h.expected(p.same), width = w.expected(p.same);
        if (height == 0 || width == 0) {
            assertOnlyError(m, Code.DLM0302);
            return;
        }
        m.layer(0).hasOutput(height, width, 3).hasParams(0).hasConfig("strides", List.of((long) h.s, (long) w.s));
    }

    @Property(tries = 300)
    void denseParamsAreInTimesUnitsPlusUnits(@ForAll @IntRange(min = 1, max = 40_000) int in,
                                            @ForAll @IntRange(min = 1, max = 40_000) int units,
                                            @ForAll boolean bias) {
        ModelFixture m = model("[" + in + "]", "Dense(" + units + ", use_bias=" + (bias ? "True" : "False") + ")");
        long expected = (long) in * units + (bias ? units : 0);
        m.layer(0).hasOutput(units).hasParams(expected).hasTrainable(expected);
    }

    @Property(tries = 200)
    void denseOnHigherRanksOnlyReadsTheLastAxis(@ForAll @IntRange(min = 1, max = 30) int a,
                                               @ForAll @IntRange(min = 1, max = 30) int b,
                                               @ForAll @IntRange(min = 1, max = 300) int in,
                                               @ForAll @IntRange(min = 1, max = 300) int units) {
        model("[" + a + ", " + b + ", " + in + "]", "Dense(" + units + ")").layer(0)
                .hasOutput(a, b, units).hasParams((long) in * units + units);
    }

    record Rnn(String kind, int gates, int biasRows, String extra) {}

    static final List<Rnn> RNNS = List.of(
            new Rnn("SimpleRNN", 1, 1, ""), new Rnn("LSTM", 4, 1, ""),
            new Rnn("GRU", 3, 2, ""), new Rnn("GRU", 3, 1, ", reset_after=False"));

    @Property(tries = 400)
    void recurrentParamsFollowTheGateFormula(@ForAll @IntRange(min = 0, max = 3) int which,
                                            @ForAll @IntRange(min = 1, max = 50) int steps,
                                            @ForAll @IntRange(min = 1, max = 300) int features,
                                            @ForAll @IntRange(min = 1, max = 300) int units,
                                            @ForAll boolean sequences,
                                            @ForAll @IntRange(min = 0, max = 4) int wrapper) {
        Rnn r = RNNS.get(which);
        String layer = r.kind + "(" + units + r.extra + ", return_sequences=" + (sequences ? "True" : "False") + ")";
        String mode = List.of("", "concat", "sum", "mul", "ave").get(wrapper);
        if (!mode.isEmpty()) layer = "Bidirectional(" + layer + ", merge_mode='" + mode + "')";
        // g gates, each: kernel features*u, recurrent kernel u*u, biasRows*u biases
        long perDirection = (long) r.gates * units * (features + units + r.biasRows);
        long width = mode.equals("concat") ? 2L * units : units;
        CheckedLayer l = model("[" + steps + ", " + features + "]", layer).layer(0)
                .hasParams(mode.isEmpty() ? perDirection : 2 * perDirection)
                .get();
        assertEquals(sequences ? Shape.of(steps, width) : Shape.of(width), l.output());
    }

    private static void assertOnlyError(ModelFixture m, Code code) {
        Diagnostic d = m.failsWith(code);
        assertNotNull(d.help(), "a window error says how to fix it");
        Compilation c = m.compilation();
        assertTrue(c.diagnostics().stream().filter(Diagnostic::isError).allMatch(x -> x.code() == code), m::context);
    }
}
