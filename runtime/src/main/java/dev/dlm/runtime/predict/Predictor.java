package dev.dlm.runtime.predict;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.TrainedModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dlmc predict}'s service: reads samples ({@link SampleReader}), runs them through the
 * inference graph in batches and streams one output row per sample as soon as its batch is
 * done, as CSV ({@code input,predicted,p0,p1,...}, or {@code input,top1,p1,top2,p2,...} with
 * {@code top}) or as JSON Lines (one object per sample). A regression output (real-valued CSV
 * targets, or a regression loss, issue 14) prints its predicted values instead:
 * {@code input,<label columns>}, or {@code {"input": ..., "predicted": [...]}}.
 * <p>
 * A model with several outputs prints every output, as Keras's {@code model.predict} returns
 * one array per output: in CSV one group of columns per output, each column prefixed by the
 * output's name ({@code digit.predicted,digit.p0,...,size.value}); in JSON an {@code outputs}
 * object holding each output's object by name. A functional model's inputs read the same
 * files when they share one shape (as training feeds a data sample to every input), or each
 * their own ({@link Feed#byInput}); then the sample's ids are one CSV column per input, and a
 * JSON object by input name.
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
     * Which files feed the model's inputs: {@code files} feed every input (inputs of one
     * shape), or {@code byInput} gives each input its own files by the input's name (Keras's
     * name of its InputLayer: {@code input_1}, or the {@code name=} given), their samples
     * taken together in order: the first of each file list make the first sample, and so on.
     */
    public record Feed(List<Path> files, Map<String, List<Path>> byInput) {
        public Feed {
            files = List.copyOf(files);
            Map<String, List<Path>> copy = new LinkedHashMap<>();
            byInput.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            byInput = Collections.unmodifiableMap(copy);
            if (!files.isEmpty() && !byInput.isEmpty()) throw new IllegalArgumentException("files for every input, or files by input; not both");
        }

        public static Feed shared(List<Path> files) { return new Feed(files, Map.of()); }

        public static Feed byInput(Map<String, List<Path>> files) { return new Feed(List.of(), files); }
    }

    /**
     * The shape one input sample must have: the model's data samples when the model reads
     * reshaped data (a 28x28 image for an MLP of input [784]), else the model's input.
     */
    public static Shape sampleShape(CheckedModel model) { return sampleShape(model, model.graph().inputs().get(0)); }

    /** The shape one sample of {@code input} must have, as {@link #sampleShape(CheckedModel)} says. */
    static Shape sampleShape(CheckedModel model, ModelInput input) {
        Shape shape = input.shape();
        if (model.data() != null && model.data().sampleShape() != null
                && model.data().sampleShape().elements() == shape.elements()) {
            return model.data().sampleShape();
        }
        return shape;
    }

    /** Predicts every sample of {@code files} (fed to every input), writing rows to {@code out}; returns the number of samples. */
    public static long run(TrainedModel model, List<Path> files, Options options, Writer out) throws ModelException, IOException {
        return run(model, Feed.shared(files), options, out);
    }

    /** Predicts every sample {@code feed} gives, writing rows to {@code out}; returns the number of samples. */
    public static long run(TrainedModel model, Feed feed, Options options, Writer out) throws ModelException, IOException {
        Samples samples = samples(model.model(), feed);
        try (InferenceGraph graph = InferenceGraph.build(model, options.threads())) {
            return run(graph, samples, options, out);
        }
    }

    /** Predicts every sample of {@code source} (fed to every input) with an already built graph (benchmarks reuse one). */
    public static long run(InferenceGraph graph, SampleReader.Source source, Options options, Writer out)
            throws ModelException, IOException {
        return run(graph, new Samples(List.of(source), null), options, out);
    }

    /**
     * The samples to predict: one source feeding every input ({@code names} null), or one
     * source per model input, in the model's input order, named for the sample's ids.
     */
    private record Samples(List<SampleReader.Source> sources, List<String> names) {
        /** The next sample of every source, or null at the end of all; a source ending before the others is DLM1211. */
        SampleReader.Sample[] next() throws ModelException {
            SampleReader.Sample[] out = new SampleReader.Sample[sources.size()];
            List<Integer> ended = new ArrayList<>();
            List<Integer> going = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                out[i] = sources.get(i).next();
                (out[i] == null ? ended : going).add(i);
            }
            if (going.isEmpty()) return null;
            if (ended.isEmpty()) return out;
            throw new ModelException(Code.DLM1211, out[going.get(0)].id(), "input " + quoted(ended) + " ran out of samples before "
                    + quoted(going) + ": the inputs' files hold different numbers of samples",
                    "give every input as many samples; the n-th sample of each input makes the n-th prediction");
        }

        private String quoted(List<Integer> inputs) {
            return String.join(", ", inputs.stream().map(i -> "`" + names.get(i) + "`").toList());
        }
    }

    /**
     * The sources of {@code feed}'s samples for {@code model}'s inputs, checked against them:
     * an input name the model lacks is DLM1209, an input without files DLM1210 (so are files
     * for every input of a model whose inputs differ in shape).
     */
    static Samples samples(CheckedModel model, Feed feed) throws ModelException {
        List<ModelInput> inputs = model.graph().inputs();
        List<String> names = inputs.stream().map(ModelInput::name).toList();
        if (feed.byInput().isEmpty()) {
            if (inputs.stream().map(ModelInput::shape).distinct().count() > 1) {
                throw new ModelException(Code.DLM1210, model.name(), "model `" + model.name() + "` has inputs of different shapes ("
                        + describe(inputs) + "): one file cannot feed them all",
                        "give each input its files: " + example(inputs));
            }
            return new Samples(List.of(new SampleReader(sampleShape(model)).read(feed.files())), null);
        }
        // Each input's files, whether given by its Keras name or by the .dlm variable it is assigned to.
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> given : feed.byInput().entrySet()) {
            ModelInput input = inputs.stream().filter(i -> i.name().equals(given.getKey())).findFirst()
                    .or(() -> inputs.stream().filter(i -> given.getKey().equals(i.variable())).findFirst())
                    .orElse(null);
            if (input == null) {
                List<String> known = new ArrayList<>(names);
                inputs.stream().map(ModelInput::variable).filter(java.util.Objects::nonNull).forEach(known::add);
                String guess = dev.dlm.compiler.diag.Names.didYouMean(given.getKey(), known);
                throw new ModelException(Code.DLM1209, model.name(), "model `" + model.name() + "` has no input `" + given.getKey()
                        + "`; its inputs are " + describe(inputs),
                        (guess != null ? guess + " " : "") + "inputs are named as `dlmc summary` shows them: Keras's names"
                                + " (`input_1`...) or the `name=` of their `Input(...)`; the variable an input is assigned to"
                                + " in the model file names it too");
            }
            byName.computeIfAbsent(input.name(), k -> new ArrayList<>()).addAll(given.getValue());
        }
        List<SampleReader.Source> sources = new ArrayList<>();
        List<ModelInput> missing = new ArrayList<>();
        for (ModelInput input : inputs) {
            List<Path> files = byName.get(input.name());
            if (files == null || files.isEmpty()) missing.add(input);
            else sources.add(new SampleReader(sampleShape(model, input), "input `" + input.name() + "`").read(files));
        }
        if (!missing.isEmpty()) {
            throw new ModelException(Code.DLM1210, model.name(), "no files for input" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(i -> "`" + i.name() + "`").toList()) + " of model `" + model.name() + "`",
                    "give every input its files: " + example(inputs));
        }
        return new Samples(sources, names);
    }

    private static String describe(List<ModelInput> inputs) {
        return String.join(", ", inputs.stream().map(i -> "`" + i.name() + "` " + i.shape()).toList());
    }

    private static String example(List<ModelInput> inputs) {
        return String.join(" ", inputs.stream().map(i -> "--input " + i.name() + "=FILE").toList());
    }

    /**
     * How one output is printed: its name (a CSV column prefix and a JSON key when the model
     * has several outputs), its values per sample, the names of its predicted values (null: it
     * predicts classes) and how many of the most probable classes to print (0: all).
     */
    private record Head(String name, int size, List<String> targets, int top) {}

    private static List<Head> heads(InferenceGraph graph, Options options) {
        CheckedModel model = graph.model().model();
        List<String> outputs = model.graph().outputs();
        List<Head> heads = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            int size = graph.outputSize(i);
            List<String> targets = outputs.size() == 1 ? regressionTargets(model, size) : regressionTargets(model, outputName(model, i), size);
            heads.add(new Head(outputName(model, i), size, targets, targets != null ? 0 : Math.min(options.top(), size)));
        }
        return heads;
    }

    /** Keras's name of output {@code i}: the name of the layer that produces it. */
    private static String outputName(CheckedModel model, int i) {
        String tensor = model.graph().outputs().get(i);
        var producer = model.graph().producer(tensor);
        return producer == null ? tensor : producer.layer().name();
    }

    private static long run(InferenceGraph graph, Samples samples, Options options, Writer out) throws ModelException, IOException {
        int inputs = graph.model().model().graph().inputs().size();
        int[] in = new int[inputs];
        for (int i = 0; i < inputs; i++) in[i] = graph.sampleSize(i);
        List<Head> heads = heads(graph, options);
        boolean several = heads.size() > 1;
        // The first sample is read before anything is printed: a file that does not fit the
        // model fails before the header.
        SampleReader.Sample[] first = samples.next();
        if (options.format() == Format.CSV) out.write(header(samples.names(), heads));
        List<float[]> batch = new ArrayList<>();
        for (int i = 0; i < inputs; i++) batch.add(new float[in[i] * options.batchSize()]);
        List<SampleReader.Sample[]> rows = new ArrayList<>();
        long total = 0;
        boolean started = false;
        while (true) {
            SampleReader.Sample[] s = started ? samples.next() : first;
            started = true;
            if (s != null) {
                for (int i = 0; i < inputs; i++) {
                    // One source feeds every input (inputs of one shape), or each input has its own.
                    SampleReader.Sample x = s[samples.sources().size() == 1 ? 0 : i];
                    System.arraycopy(x.values(), 0, batch.get(i), rows.size() * in[i], in[i]);
                }
                rows.add(s);
            }
            if (!rows.isEmpty() && (s == null || rows.size() == options.batchSize())) {
                List<float[]> y = graph.predict(batch, rows.size());
                StringBuilder sb = new StringBuilder();
                for (int r = 0; r < rows.size(); r++) {
                    if (options.format() == Format.CSV) {
                        ids(sb, rows.get(r), samples.names());
                        for (int h = 0; h < heads.size(); h++) {
                            Head head = heads.get(h);
                            csvValues(sb, head, y.get(h), r * head.size());
                        }
                    } else {
                        sb.append("{\"input\": ");
                        jsonIds(sb, rows.get(r), samples.names());
                        if (several) {
                            sb.append(", \"outputs\": {");
                            for (int h = 0; h < heads.size(); h++) {
                                Head head = heads.get(h);
                                if (h > 0) sb.append(", ");
                                dev.dlm.compiler.render.Json.quote(head.name(), sb);
                                sb.append(": {");
                                jsonValues(sb, head, y.get(h), r * head.size());
                                sb.append('}');
                            }
                            sb.append('}');
                        } else {
                            sb.append(", ");
                            jsonValues(sb, heads.get(0), y.get(0), r * heads.get(0).size());
                        }
                        sb.append('}');
                    }
                    sb.append('\n');
                }
                out.write(sb.toString());
                out.flush();
                total += rows.size();
                rows.clear();
            }
            if (s == null) return total;
        }
    }

    /**
     * The names of a regression model's predicted values (its CSV label columns, else
     * {@code value} or {@code value0, value1, ...}), or null when the model predicts classes.
     */
    static List<String> regressionTargets(CheckedModel model, int outputs) {
        if (model.data() == null || !model.data().realTargets()) return null;
        List<String> named = ((dev.dlm.compiler.ir.DataSource.Csv) model.data().source()).labels();
        if (named.size() == outputs) return named;
        return valueNames(outputs);
    }

    /**
     * The names of the predicted values of output {@code name} of a model with several
     * outputs when it predicts values: its own real-valued CSV label columns, or, when its loss
     * compares values, {@code value} or {@code value0, value1, ...}; null when it predicts
     * classes (or the model has no training to tell).
     */
    static List<String> regressionTargets(CheckedModel model, String name, int size) {
        if (model.data() != null && model.data().source() instanceof dev.dlm.compiler.ir.DataSource.Csv csv) {
            for (var labels : csv.outputs()) {
                if (!labels.output().equals(name)) continue;
                if (!labels.realTargets()) return null;
                return labels.columns().size() == size ? labels.columns() : valueNames(size);
            }
        }
        if (model.train() == null) return null;
        for (var o : model.train().outputs()) {
            if (o.name().equals(name)) return o.loss().regression() ? valueNames(size) : null;
        }
        return null;
    }

    private static List<String> valueNames(int n) {
        if (n == 1) return List.of("value");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add("value" + i);
        return names;
    }

    private static String header(List<String> inputNames, List<Head> heads) {
        StringBuilder sb = new StringBuilder();
        if (inputNames == null) sb.append("input");
        else sb.append(String.join(",", inputNames.stream().map(Predictor::csv).toList()));
        boolean several = heads.size() > 1;
        for (Head head : heads) {
            String prefix = several ? head.name() + "." : "";
            if (head.targets() != null) {
                for (String t : head.targets()) sb.append(',').append(csv(prefix + t));
            } else if (head.top() > 0) {
                for (int k = 1; k <= head.top(); k++) sb.append(',').append(prefix).append("top").append(k).append(',').append(prefix).append('p').append(k);
            } else {
                sb.append(',').append(prefix).append("predicted");
                for (int c = 0; c < head.size(); c++) sb.append(',').append(prefix).append('p').append(c);
            }
        }
        return sb.append('\n').toString();
    }

    private static void ids(StringBuilder sb, SampleReader.Sample[] sample, List<String> names) {
        if (names == null) {
            sb.append(csv(sample[0].id()));
            return;
        }
        for (int i = 0; i < sample.length; i++) sb.append(i > 0 ? "," : "").append(csv(sample[i].id()));
    }

    private static void jsonIds(StringBuilder sb, SampleReader.Sample[] sample, List<String> names) {
        if (names == null) {
            dev.dlm.compiler.render.Json.quote(sample[0].id(), sb);
            return;
        }
        sb.append('{');
        for (int i = 0; i < sample.length; i++) {
            if (i > 0) sb.append(", ");
            dev.dlm.compiler.render.Json.quote(names.get(i), sb);
            sb.append(": ");
            dev.dlm.compiler.render.Json.quote(sample[i].id(), sb);
        }
        sb.append('}');
    }

    /** One output's columns of a CSV row. */
    private static void csvValues(StringBuilder sb, Head head, float[] y, int at) {
        int n = head.size();
        if (head.targets() != null) {
            for (int c = 0; c < n; c++) sb.append(',').append(y[at + c]);
            return;
        }
        if (head.top() > 0) {
            for (int c : topK(y, at, n, head.top())) sb.append(',').append(c).append(',').append(y[at + c]);
            return;
        }
        sb.append(',').append(argmax(y, at, n));
        for (int c = 0; c < n; c++) sb.append(',').append(y[at + c]);
    }

    /** One output's fields of a JSON object (without braces). */
    private static void jsonValues(StringBuilder sb, Head head, float[] y, int at) {
        int n = head.size();
        sb.append("\"predicted\": ");
        if (head.targets() != null) {
            sb.append('[');
            for (int c = 0; c < n; c++) sb.append(c > 0 ? ", " : "").append(y[at + c]);
            sb.append(']');
            return;
        }
        sb.append(argmax(y, at, n));
        if (head.top() > 0) {
            int[] order = topK(y, at, n, head.top());
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
    }

    private static int argmax(float[] y, int at, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) if (y[at + c] > y[at + best]) best = c;
        return best;
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
