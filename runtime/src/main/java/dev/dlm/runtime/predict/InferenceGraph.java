package dev.dlm.runtime.predict;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.ParamSpec;
import dev.dlm.compiler.shape.Shape;
import dev.dlm.runtime.emit.EmitContext;
import dev.dlm.runtime.emit.Emitters;
import dev.dlm.runtime.emit.LayerParams;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.WeightArray;
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
 * A trained model as an inference-only TensorFlow graph: a placeholder {@code input} of the
 * model's sample shape with a free batch axis, the layers with training off (dropout is the
 * identity, batch normalization uses its moving statistics), and {@code output}. No loss, no
 * gradients, no optimizer: this is what predict runs and what a SavedModel export contains.
 */
public final class InferenceGraph implements AutoCloseable {

    /** The signature's input and output names, as Python's {@code signatures["serving_default"]} sees them. */
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private final TrainedModel model;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    private InferenceGraph(TrainedModel model, int threads) {
        this.model = model;
        this.graph = new Graph();
        boolean built = false;
        try {
            Ops tf = Ops.create(graph);
            input = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(batched(model.model().input())));
            EmitContext ctx = new EmitContext(tf, tf.constant(false), 0, tf.constant(0L));
            Operand<TFloat32> x = input;
            List<Op> inits = new ArrayList<>();
            List<TFloat32> values = new ArrayList<>();
            Map<Placeholder<TFloat32>, TFloat32> feeds = new LinkedHashMap<>();
            for (CheckedLayer layer : model.layers()) {
                Map<String, Operand<TFloat32>> params = new LinkedHashMap<>();
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
                    params.put(spec.name(), variable);
                }
                x = Emitters.forKind(layer.kind()).emit(ctx, layer, new LayerParams(params), x);
            }
            output = tf.withName(OUTPUT).identity(x);
            ConfigProto.Builder config = ConfigProto.newBuilder();
            if (threads > 0) config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
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

    /** Elements per sample of the model's input. */
    public int sampleSize() { return Math.toIntExact(model.model().input().elements()); }

    /** Elements per sample of the model's output. */
    public int outputSize() { return Math.toIntExact(model.model().output().elements()); }

    /** The outputs of {@code count} samples given row-major in {@code x} (each {@link #sampleSize()} values). */
    public float[] predict(float[] x, int count) {
        long[] dims = batched(model.model().input()).asArray();
        dims[0] = count;
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
        try (TFloat32 in = TFloat32.tensorOf(shape)) {
            in.copyFrom(DataBuffers.of(x, true, false).narrow(shape.size()));
            try (Result result = session.runner().feed(input, in).fetch(output).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                float[] values = new float[Math.toIntExact(out.shape().size())];
                out.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }
    }

    /**
     * Writes the graph as a SavedModel with the {@code serve} tag and a {@code serving_default}
     * signature from {@link #INPUT} to {@link #OUTPUT}, into {@code dir} (which must not exist).
     */
    public void exportSavedModel(Path dir) throws java.io.IOException {
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                .methodName("tensorflow/serving/predict")
                .input(INPUT, input).output(OUTPUT, output).build();
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
