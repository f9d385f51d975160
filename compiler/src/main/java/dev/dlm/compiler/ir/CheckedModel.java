package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;

import java.util.List;

/**
 * A fully checked experiment: the contract between the compiler and the runtime. The layers
 * are in order; {@code input} is the model's sample shape, which the runtime reshapes the
 * data's samples to when it differs from {@code data.sampleShape()} (same element count,
 * guaranteed by the checker).
 */
public record CheckedModel(String name, DataSpec data, Shape input, List<CheckedLayer> layers,
                           TrainSpec train, List<MetricExpectation> expectations) {

    public CheckedModel {
        layers = List.copyOf(layers);
        expectations = List.copyOf(expectations);
    }

    public Shape output() { return layers.isEmpty() ? input : layers.get(layers.size() - 1).output(); }

    public long totalParams() { return layers.stream().mapToLong(CheckedLayer::paramCount).sum(); }

    public long trainableParams() { return layers.stream().mapToLong(CheckedLayer::trainableCount).sum(); }

    public long nonTrainableParams() { return totalParams() - trainableParams(); }

    /** True when the data's samples must be reshaped to the model's input. */
    public boolean reshapesInput() { return data != null && data.sampleShape() != null && !data.sampleShape().equals(input); }
}
