package dev.dlm.runtime.predict;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.emit.EmitContext;
import dev.dlm.runtime.emit.Emitters;
import dev.dlm.runtime.emit.LayerParams;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.WeightArray;
import dev.dlm.runtime.train.NativeSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as an inference-only TensorFlow graph: one placeholder per model input with
 * the input's sample shape and a free batch axis, the layers with training off (dropout is the
 * identity, batch normalization uses its moving statistics), and the outputs. No loss, no
 * gradients, no optimizer: this is what predict runs and what a SavedModel export contains.
 * A Sequential model's signature reads {@link #INPUT} and writes {@link #OUTPUT}; a functional
 * model's reads each input by its name and writes each output by the name of its tensor.
 */
public final class InferenceGraph implements AutoCloseable {

    static {
        dev.dlm.runtime.train.NativeSettings.apply();
    }

    /** A Sequential model's signature input and output names, as Python's {@code signatures["serving_default"]} sees them. */
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private final TrainedModel model;
    private final Graph graph;
    private final Session session;
    /** By signature name, in the model's input and output order. */
    private final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
    private final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();

    private InferenceGraph(TrainedModel model, int threads) {
        this.model = model;
        this.graph = new Graph();
        boolean built = false;
        try {
            Ops tf = Ops.create(graph);
            LayerGraph layers = model.model().graph();
            boolean functional = layers.functional();
            EmitContext ctx = EmitContext.forInference(tf);
            Map<String, Operand<TFloat32>> tensors = new LinkedHashMap<>();
            for (int i = 0; i < layers.inputs().size(); i++) {
                ModelInput in = layers.inputs().get(i);
                String key = functional ? in.name() : INPUT;
                Placeholder<TFloat32> p = tf.withName(functional ? "input_" + i : INPUT)
                        .placeholder(TFloat32.class, Placeholder.shape(batched(in.shape())));
                inputs.put(key, p);
                tensors.put(in.name(), p);
            }
            List<Op> inits = new ArrayList<>();
            List<TFloat32> values = new ArrayList<>();
            Map<Placeholder<TFloat32>, TFloat32> feeds = new LinkedHashMap<>();
            // A shared layer's variables are made at its first node and read by the others.
            Map<String, LayerParams> paramsByLayer = new LinkedHashMap<>();
            for (LayerNode node : layers.nodes()) {
                CheckedLayer layer = node.layer();
                LayerParams params = paramsByLayer.get(layer.name());
                if (params == null) {
                    Map<String, Operand<TFloat32>> created = new LinkedHashMap<>();
                    for (ParamSpec spec : layer.params()) {
                        WeightArray w = model.weight(layer.name(), spec.name());
                        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(w.shape());
                        String name = layer.name() + "_" + spec.name();
                        Variable<TFloat32> variable = tf.withName(name).variable(shape, TFloat32.class);
                        Placeholder<TFloat32> value = tf.withName(name + "_value").placeholder(TFloat32.class, Placeholder.shape(shape));
                        inits.add(tf.withName(name + "_assign").assign(variable, value));
                        TFloat32 tensor = TFloat32.tensorOf(shape);
                        tensor.copyFrom(DataBuffers.of(w.values(), true, false));
                        values.add(tensor);
                        feeds.put(value, tensor);
                        created.put(spec.name(), variable);
                    }
                    params = new LayerParams(created);
                    paramsByLayer.put(layer.name(), params);
                }
                List<Operand<TFloat32>> in = node.inputs().stream().map(tensors::get).toList();
                tensors.put(node.name(), Emitters.forKind(layer.kind()).emit(ctx, layer, params, in));
            }
            for (int i = 0; i < layers.outputs().size(); i++) {
                String out = layers.outputs().get(i);
                outputs.put(functional ? out : OUTPUT, tf.withName(functional ? "output_" + i : OUTPUT).identity(tensors.get(out)));
            }
            ConfigProto.Builder config = threads > 0 ? NativeSettings.sessionConfig(threads, 1) : NativeSettings.sessionConfig(0, 0);
            session = new Session(graph, config.build());
            try {
                Session.Runner runner = session.runner();
                for (var e : feeds.entrySet()) runner.feed(e.getKey(), e.getValue());
                for (Op init : inits) runner.addTarget(init);
                runner.run().close();
            } finally {
                values.forEach(TFloat32::close);
            }
            built = true;
        } finally {
            if (!built) graph.close();
        }
    }

    /** The inference graph of {@code model}; {@code threads} bounds TensorFlow's thread pool (0: TensorFlow's default). */
    public static InferenceGraph build(TrainedModel model, int threads) {
        return new InferenceGraph(model, threads);
    }

    public TrainedModel model() { return model; }

    /** The graph (for tests: what it holds). */
    Graph graph() { return graph; }

    /** Elements per sample of the model's (first) input. */
    public int sampleSize() { return sampleSize(0); }

    /** Elements per sample of the model's input {@code i} (in the model's input order). */
    public int sampleSize(int i) { return Math.toIntExact(model.model().graph().inputs().get(i).shape().elements()); }

    /** Elements per sample of the model's (first) output. */
    public int outputSize() { return outputSize(0); }

    /** Elements per sample of the model's output {@code i} (in the model's output order). */
    public int outputSize(int i) { return Math.toIntExact(model.model().graph().shapeOf(model.model().graph().outputs().get(i)).elements()); }

    /**
     * The first output of {@code count} samples given row-major in {@code x}. Each sample has
     * {@link #sampleSize()} values and every model input reads it (reshaped to the input's
     * shape), as training feeds a data sample to every input of a functional model.
     */
    public float[] predict(float[] x, int count) {
        List<float[]> each = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) each.add(x);
        return predict(each, count).get(0);
    }

    /**
     * Every output of {@code count} samples, as Keras's {@code model.predict} returns them: one
     * array per output (in the model's output order), row-major. {@code x} holds each input's
     * samples (in the model's input order), row-major: at least {@code count} times
     * {@link #sampleSize(int)} values each.
     */
    public List<float[]> predict(List<float[]> x, int count) {
        if (x.size() != inputs.size()) throw new IllegalArgumentException(inputs.size() + " inputs, " + x.size() + " given");
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            int i = 0;
            for (Placeholder<TFloat32> p : inputs.values()) {
                long[] dims = batched(model.model().graph().inputs().get(i).shape()).asArray();
                dims[0] = count;
                org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
                TFloat32 in = TFloat32.tensorOf(shape);
                fed.add(in);
                in.copyFrom(DataBuffers.of(x.get(i++), true, false).narrow(shape.size()));
                runner.feed(p, in);
            }
            for (Operand<TFloat32> out : outputs.values()) runner.fetch(out);
            try (Result result = runner.run()) {
                List<float[]> values = new ArrayList<>();
                for (int o = 0; o < outputs.size(); o++) {
                    TFloat32 out = (TFloat32) result.get(o);
                    float[] v = new float[Math.toIntExact(out.shape().size())];
                    out.copyTo(DataBuffers.of(v, false, false));
                    values.add(v);
                }
                return values;
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /**
     * Writes the graph as a SavedModel with the {@code serve} tag and a {@code serving_default}
     * signature from the inputs to the outputs (named as the class comment says), into
     * {@code dir} (which must not exist).
     */
    public void exportSavedModel(Path dir) throws java.io.IOException {
        Signature.Builder builder = Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict");
        inputs.forEach(builder::input);
        outputs.forEach(builder::output);
        Signature signature = builder.build();
        SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }

    static org.tensorflow.ndarray.Shape batched(Shape sample) {
        long[] dims = new long[sample.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < sample.rank(); i++) dims[i + 1] = sample.dim(i);
        return org.tensorflow.ndarray.Shape.of(dims);
    }
}
