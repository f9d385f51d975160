package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.LayerConfig;
import dev.dlm.compiler.ir.LayerCost;
import dev.dlm.compiler.ir.LayerKind;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule of one layer kind: its Keras signature, the input ranks it accepts, and one pure
 * function that computes the output shape and the weights together, so the summary and the
 * checker cannot disagree. Every other fact about the kind lives here too: its cost per
 * sample ({@link #cost}), its automatic name, how it declares a model's input, its fixes.
 * Adding a layer is one rule, registered in {@link LayerCatalogue}, and one runtime emitter.
 */
public abstract class LayerRule {

    private final LayerKind kind;
    private final List<ArgSpec> signature;
    private final int minRank;
    private final int maxRank;
    private final String axes;
    /** {@link #namePrefix}, computed on first use: a check names every unnamed layer with it. */
    private String namePrefix;
    /** {@link #argumentsByName}, computed on first use: every call of the layer looks its arguments up in it. */
    private volatile java.util.Map<String, ArgSpec> argumentsByName;  // volatile: `dlmc check` compiles files on two threads

    /**
     * @param minRank, maxRank the sample ranks (batch excluded) the layer accepts
     * @param axes             how the accepted sample reads, for messages: "(height, width, channels)"
     */
    protected LayerRule(LayerKind kind, int minRank, int maxRank, String axes, ArgSpec... signature) {
        this.kind = kind;
        this.minRank = minRank;
        this.maxRank = maxRank;
        this.axes = axes;
        this.signature = List.of(signature);
    }

    public final LayerKind kind() { return kind; }

    /** The layer's own arguments in Keras's positional order. */
    public final List<ArgSpec> signature() { return signature; }

    /** Keras's name prefix: {@code Conv2D -> conv2d}, {@code SimpleRNN -> simple_rnn}. */
    public String namePrefix() {
        String prefix = namePrefix;
        if (prefix == null) namePrefix = prefix = snakeCase(kind.kerasName());
        return prefix;
    }

    /** The layer's arguments and {@link LayerCatalogue#COMMON}'s by name, as {@link LayerCatalogue#bind} looks them up. */
    final java.util.Map<String, ArgSpec> argumentsByName() {
        java.util.Map<String, ArgSpec> byName = argumentsByName;
        if (byName == null) argumentsByName = byName = LayerCatalogue.argumentsByName(signature, LayerCatalogue.COMMON);
        return byName;
    }

    public int minRank() { return minRank; }

    public int maxRank() { return maxRank; }

    /** Checks the rank, then {@link #infer}; returns the output shape or null after reporting. */
    final Shape apply(LayerContext ctx) {
        // A merge layer checks its inputs' ranks against each other in its own rule.
        if (merges()) return infer(ctx);
        Shape in = ctx.input();
        if (in.rank() < minRank || in.rank() > maxRank) {
            String want = minRank == maxRank ? "a " + minRank + "-D sample " + axes
                    : maxRank == Integer.MAX_VALUE ? "a sample of rank " + minRank + " or more" : "a sample of rank " + minRank + " to " + maxRank;
            var d = Diagnostic.error(Code.DLM0301, ctx.callSpan(),
                            "`" + kind + "` expects " + want + ", but its input is " + in + " (rank " + in.rank() + ")")
                    .label("input " + in.keras());
            String fix = rankFix(in, ctx.isFirst());
            if (fix != null) d.help(fix);
            ctx.report(d);
            return null;
        }
        return infer(ctx);
    }

    /** The output shape, with weights added to {@code ctx}; null after reporting an error. */
    protected abstract Shape infer(LayerContext ctx);

    /**
     * What one sample costs this layer once {@link #infer} succeeded with {@code output}. The
     * default suits layers that do one operation per output value and keep their output for
     * the backward pass; layers with weights override it.
     */
    protected LayerCost cost(LayerContext ctx, Shape output) {
        return LayerCost.of(output.elements(), output.elements());
    }

    /** True for layers that read a list of tensors (Concatenate, Add, ...); the rest read one. */
    public boolean merges() { return false; }

    /**
     * True for layers that only move or mask values (Dropout, Flatten, Reshape): the model's
     * final activation is the one before them.
     */
    public boolean preservesValues() { return false; }

    /** True when an argument chooses the output's last-axis width (units, filters). */
    public boolean setsWidth() { return signature.stream().anyMatch(a -> a.name().equals("units") || a.name().equals("filters")); }

    /** The activation this layer applies last, or null when it applies none or it cannot be told. */
    public Activation activation(LayerConfig config) {
        return config.values().get("activation") instanceof Activation a ? a : null;
    }

    /**
     * A concrete fix when the input has the wrong rank, or null. {@code first} is true for the
     * model's first layer, whose input the model declares (so the declaration can change).
     */
    protected String rankFix(Shape input, boolean first) { return null; }

    /**
     * True when {@code arg} is one of Keras's common arguments that declare the model's input
     * on a first layer ({@code input_shape}, and {@code input_dim} unless the layer has an
     * argument of its own by that name, as Embedding does).
     */
    public boolean declaresInputWith(String arg) {
        return arg.equals("input_shape") || (arg.equals("input_dim") && signature.stream().noneMatch(s -> s.name().equals(arg)));
    }

    /** The model input this call declares as the model's first layer, or null. */
    public Shape declaredInput(Value.Call call) {
        for (var a : call.args()) {
            if (a.name() == null || !declaresInputWith(a.name())) continue;
            if (a.value() instanceof Value.Int i && i.value() > 0) return Shape.of(i.value());
            if (a.value() instanceof Value.Seq s) {
                List<Long> dims = new ArrayList<>();
                for (var v : s.items()) {
                    if (!(v instanceof Value.Int i) || i.value() <= 0) return null;
                    dims.add(i.value());
                }
                if (!dims.isEmpty()) return new Shape(dims);
            }
        }
        return null;
    }

    /** Keras's {@code to_snake_case}. */
    static String snakeCase(String name) {
        String s = SnakeCase.WORD.matcher(name).replaceAll("$1_$2");
        s = SnakeCase.CAMEL.matcher(s).replaceAll("$1_$2");
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** The patterns of {@link #snakeCase}, compiled once (a holder: only when a name is first needed). */
    private static final class SnakeCase {
        static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("(.)([A-Z][a-z0-9]+)");
        static final java.util.regex.Pattern CAMEL = java.util.regex.Pattern.compile("([a-z])([A-Z])");
    }
}
