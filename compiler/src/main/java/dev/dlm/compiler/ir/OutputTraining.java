package dev.dlm.compiler.ir;

import java.util.List;

/**
 * How one output of a model with several outputs is trained (issue 14), as Keras's
 * {@code compile(loss=..., loss_weights=..., metrics=...)} gives it per output: its loss with
 * arguments, the weight of that loss in the total, and its metrics. {@code name} is Keras's
 * output name, the name of the layer producing the output, which prefixes what is logged:
 * {@code <name>_loss}, {@code <name>_accuracy}.
 */
public record OutputTraining(String name, Loss loss, LossOptions lossOptions, double weight, List<Metric> metrics) {

    public OutputTraining {
        metrics = List.copyOf(metrics);
        if (lossOptions == null) lossOptions = LossOptions.DEFAULT;
    }

    /** What Keras logs for this output: {@code <name>_loss}, then {@code <name>_<metric>} for each metric. */
    public List<String> loggedMetrics() {
        List<String> out = new java.util.ArrayList<>();
        out.add(name + "_loss");
        for (Metric m : metrics) out.add(name + "_" + m.kerasName());
        return out;
    }
}
