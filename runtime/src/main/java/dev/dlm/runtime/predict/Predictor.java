package dev.dlm.runtime.predict;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlmc predict}'s service: reads samples ({@link SampleReader}), runs them through the
 * inference graph in batches and streams one output row per sample as soon as its batch is
 * done, as CSV ({@code input,predicted,p0,p1,...}, or {@code input,top1,p1,top2,p2,...} with
 * {@code top}) or as JSON Lines (one object per sample). A regression model (real-valued CSV
 * targets, issue 14) prints its predicted values instead: {@code input,<label columns>}, or
 * {@code {"input": ..., "predicted": [...]}}.
 */
public final class Predictor {
    private Predictor() {}

    public enum Format { CSV, JSON }

    /** {@code top}: how many of the most probable classes to print (0: all outputs in class order). */
    public record Options(int batchSize, int top, Format format, int threads) {
        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive");
            if (top < 0) throw new IllegalArgumentException("top must not be negative");
        }
    }

    /**
     * The shape one input sample must have: the model's data samples when the model reads
     * reshaped data (a 28x28 image for an MLP of input [784]), else the model's input.
     */
    public static Shape sampleShape(CheckedModel model) {
        // Every input of a functional model reads the same sample (as training feeds it): the first input's shape is all's.
        Shape input = model.graph().inputs().get(0).shape();
        if (model.data() != null && model.data().sampleShape() != null
                && model.data().sampleShape().elements() == input.elements()) {
            return model.data().sampleShape();
        }
        return input;
    }

    /**
     * Refuses, as DLM1204, what predict cannot express yet: inputs of different shapes (one file
     * sample cannot feed them all) and several outputs (one row per sample holds one output).
     */
    static void requirePredictable(CheckedModel model) throws ModelException {
        var graph = model.graph();
        long shapes = graph.inputs().stream().map(i -> i.shape()).distinct().count();
        if (shapes > 1) {
            throw new ModelException(Code.DLM1204, model.name(), "model `" + model.name() + "` has inputs of different shapes: "
                    + "predict feeds one sample to every input", "evaluate it with `dlmc evaluate`, or export it and predict in Keras");
        }
        if (graph.outputs().size() > 1) {
            throw new ModelException(Code.DLM1204, model.name(), "model `" + model.name() + "` has " + graph.outputs().size()
                    + " outputs: predict writes one output per sample", "evaluate it with `dlmc evaluate`, or export it and predict in Keras");
        }
    }

    /** Predicts every sample of {@code inputs}, writing rows to {@code out}; returns the number of samples. */
    public static long run(TrainedModel model, List<Path> inputs, Options options, Writer out) throws ModelException, IOException {
        requirePredictable(model.model());
        try (InferenceGraph graph = InferenceGraph.build(model, options.threads())) {
            return run(graph, new SampleReader(sampleShape(model.model())).read(inputs), options, out);
        }
    }

    /** Predicts every sample of {@code source} with an already built graph (benchmarks reuse one). */
    public static long run(InferenceGraph graph, SampleReader.Source source, Options options, Writer out)
            throws ModelException, IOException {
        int in = graph.sampleSize();
        int outputs = graph.outputSize();
        List<String> targets = regressionTargets(graph.model().model(), outputs);
        int top = targets != null ? 0 : Math.min(options.top(), outputs);
        // The first sample is read before anything is printed: a file that does not fit the
        // model fails before the header.
        SampleReader.Sample first = source.next();
        if (options.format() == Format.CSV) {
            out.write(targets != null ? "input," + String.join(",", targets.stream().map(Predictor::csv).toList()) + "\n"
                    : header(outputs, top));
        }
        float[] batch = new float[in * options.batchSize()];
        List<String> ids = new ArrayList<>();
        long total = 0;
        boolean started = false;
        while (true) {
            SampleReader.Sample s = started ? source.next() : first;
            started = true;
            if (s != null) {
                System.arraycopy(s.values(), 0, batch, ids.size() * in, in);
                ids.add(s.id());
            }
            if (!ids.isEmpty() && (s == null || ids.size() == options.batchSize())) {
                float[] y = graph.predict(batch, ids.size());
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < ids.size(); i++) {
                    if (targets != null) values(sb, ids.get(i), y, i * outputs, outputs, options.format());
                    else row(sb, ids.get(i), y, i * outputs, outputs, top, options.format());
                }
                out.write(sb.toString());
                out.flush();
                total += ids.size();
                ids.clear();
            }
            if (s == null) return total;
        }
    }

    /**
     * The names of a regression model's predicted values (its CSV label columns, else
     * {@code value} or {@code value0, value1, ...}), or null when the model predicts classes.
     */
    static List<String> regressionTargets(dev.dlm.compiler.ir.CheckedModel model, int outputs) {
        if (model.data() == null || !model.data().realTargets()) return null;
        List<String> named = ((dev.dlm.compiler.ir.DataSource.Csv) model.data().source()).labels();
        if (named.size() == outputs) return named;
        if (outputs == 1) return List.of("value");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) names.add("value" + i);
        return names;
    }

    /** One row of a regression's predicted values. */
    private static void values(StringBuilder sb, String id, float[] y, int at, int n, Format format) {
        if (format == Format.CSV) {
            sb.append(csv(id));
            for (int c = 0; c < n; c++) sb.append(',').append(y[at + c]);
        } else {
            sb.append("{\"input\": ");
            dev.dlm.compiler.render.Json.quote(id, sb);
            sb.append(", \"predicted\": [");
            for (int c = 0; c < n; c++) sb.append(c > 0 ? ", " : "").append(y[at + c]);
            sb.append("]}");
        }
        sb.append('\n');
    }

    private static String header(int outputs, int top) {
        StringBuilder sb = new StringBuilder("input");
        if (top > 0) {
            for (int k = 1; k <= top; k++) sb.append(",top").append(k).append(",p").append(k);
        } else {
            sb.append(",predicted");
            for (int c = 0; c < outputs; c++) sb.append(",p").append(c);
        }
        return sb.append('\n').toString();
    }

    private static void row(StringBuilder sb, String id, float[] y, int at, int n, int top, Format format) {
        int best = 0;
        for (int c = 1; c < n; c++) if (y[at + c] > y[at + best]) best = c;
        int[] order = top > 0 ? topK(y, at, n, top) : null;
        if (format == Format.CSV) {
            sb.append(csv(id));
            if (order != null) {
                for (int c : order) sb.append(',').append(c).append(',').append(y[at + c]);
            } else {
                sb.append(',').append(best);
                for (int c = 0; c < n; c++) sb.append(',').append(y[at + c]);
            }
        } else {
            sb.append("{\"input\": ");
            dev.dlm.compiler.render.Json.quote(id, sb);
            sb.append(", \"predicted\": ").append(best);
            if (order != null) {
                sb.append(", \"top\": [");
                for (int k = 0; k < order.length; k++) {
                    sb.append(k > 0 ? ", " : "").append("{\"class\": ").append(order[k])
                            .append(", \"probability\": ").append(y[at + order[k]]).append('}');
                }
                sb.append(']');
            } else {
                sb.append(", \"probabilities\": [");
                for (int c = 0; c < n; c++) sb.append(c > 0 ? ", " : "").append(y[at + c]);
                sb.append(']');
            }
            sb.append('}');
        }
        sb.append('\n');
    }

    /** The {@code k} largest outputs' indices, largest first (ties: lower class first). */
    static int[] topK(float[] y, int at, int n, int k) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> y[at + a] != y[at + b] ? Float.compare(y[at + b], y[at + a]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = idx[i];
        return out;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
