package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Saturating;

import java.util.List;

/**
 * A fully checked experiment: the contract between the compiler and the runtime. The model is
 * a {@link LayerGraph}; {@code data} and {@code train} are null when the file has no such item.
 * The data's samples are reshaped to the model's input when the shapes differ (same element
 * count, guaranteed by the checker). {@code span} is the model's name in its header.
 */
public record CheckedModel(String name, DataSpec data, LayerGraph graph, TrainSpec train,
                           List<MetricExpectation> expectations, Span span) {

    public CheckedModel {
        expectations = List.copyOf(expectations);
    }

    /** The sample shape of the model's only input. */
    public Shape input() {
        if (graph.inputs().size() != 1) throw new IllegalStateException("model " + name + " has " + graph.inputs().size() + " inputs");
        return graph.inputs().get(0).shape();
    }

    /** The sample shape of the model's only output. */
    public Shape output() {
        if (graph.outputs().size() != 1) throw new IllegalStateException("model " + name + " has " + graph.outputs().size() + " outputs");
        return graph.shapeOf(graph.outputs().get(0));
    }

    /** Every layer, in a topological order of the graph. */
    public List<CheckedLayer> layers() { return graph.layers(); }

    public long totalParams() { return layers().stream().mapToLong(CheckedLayer::paramCount).reduce(0, Saturating::add); }

    public long trainableParams() { return layers().stream().mapToLong(CheckedLayer::trainableCount).reduce(0, Saturating::add); }

    public long nonTrainableParams() { return totalParams() - trainableParams(); }

    /** Forward FLOPs of one sample, summed over the layers. */
    public long flopsPerSample() { return layers().stream().mapToLong(l -> l.cost().flops()).reduce(0, Saturating::add); }

    /**
     * True when the data's samples must be reshaped to a model input. Every input of a model
     * reads the data's sample (a functional model with two inputs reads each sample twice,
     * as the book's Y-network is fed {@code [x_train, x_train]}).
     */
    public boolean reshapesInput() {
        return data != null && data.sampleShape() != null
                && graph.inputs().stream().anyMatch(i -> !i.shape().equals(data.sampleShape()));
    }

    public CheckedModel withTrain(TrainSpec t) { return new CheckedModel(name, data, graph, t, expectations, span); }
}
