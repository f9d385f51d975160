package dev.dlm.runtime.run;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.DataSpec;
import dev.dlm.compiler.ir.TrainSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a checked model is, as facts ({@code "`dense_1` units" -> "256"}) and their SHA-256:
 * the data's kind and shape, every layer's kind, resolved arguments and shapes, and the
 * training settings a run cannot change half-way (loss, optimizer, learning rate, metrics,
 * batch size, validation, shuffling, callbacks). The text is not part of it, so comments and
 * layout do not matter; neither are the epochs (a resumed run may train longer) nor the seed
 * (the run directory records the seed in use).
 */
public record ModelFingerprint(Map<String, String> facts, String hash) {

    public static ModelFingerprint of(CheckedModel model) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", model.name());
        DataSpec d = model.data();
        if (d != null) {
            // The data file by name only: a path resolves differently from the run directory's copy.
            f.put("data", d.kind() + (d.source().path() != null ? " " + java.nio.file.Path.of(d.source().path()).getFileName() : "")
                    + (d.source() instanceof dev.dlm.compiler.ir.DataSource.Csv csv
                    ? " label " + (csv.labels().size() > 1 ? String.join(",", csv.labels()) : csv.label())
                    + (csv.realTargets() ? " real" : "")
                    + csv.outputs().stream().map(o -> " " + o.output() + "=" + String.join(",", o.columns()) + (o.realTargets() ? " real" : ""))
                            .collect(java.util.stream.Collectors.joining(",", csv.outputs().isEmpty() ? "" : " per output", "")) : ""));
            f.put("data samples", String.valueOf(d.sampleShape()));
            f.put("data classes", String.valueOf(d.classes()));
            f.put("data scale", String.valueOf(d.scale()));
            f.put("data one-hot", String.valueOf(d.oneHot()));
        }
        if (model.graph().functional()) {
            // A functional model's inputs and connections are part of what it is.
            model.graph().inputs().forEach(i -> f.put("input " + i.name(), String.valueOf(i.shape())));
            for (CheckedLayer layer : model.layers()) addLayer(f, layer);
            model.graph().nodes().forEach(n -> f.put("`" + n.layer().name() + "` reads", String.valueOf(n.inputs())));
            f.put("outputs", String.valueOf(model.graph().outputs()));
        } else {
            f.put("input", String.valueOf(model.input()));
            for (CheckedLayer layer : model.layers()) addLayer(f, layer);
        }
        TrainSpec t = model.train();
        if (t != null) {
            f.put("loss", t.loss().kerasName());
            // Only arguments a file changed, so fingerprints of files without them stay as they were.
            if (!t.lossOptions().equals(dev.dlm.compiler.ir.LossOptions.DEFAULT)) {
                t.lossOptions().config(t.loss()).forEach((k, v) -> f.put("loss " + k, String.valueOf(v)));
            }
            f.put("optimizer", t.optimizer().kerasName());
            t.optimizer().config().forEach((k, v) -> {
                if (!k.equals("learning_rate")) f.put("optimizer " + k, String.valueOf(v));
            });
            f.put("learning_rate", String.valueOf(t.learningRate()));
            f.put("metrics", String.valueOf(t.metrics()));
            // As the loss's: only when a file gives them (a resumed run's AUC sums have one entry per threshold).
            if (!t.metricOptions().equals(dev.dlm.compiler.ir.MetricOptions.DEFAULT)) f.put("metric arguments", String.valueOf(t.metricOptions()));
            f.put("batch_size", String.valueOf(t.batchSize()));
            f.put("validation_split", String.valueOf(t.validationSplit()));
            f.put("validation", t.validateOnTest() ? "test" : "none");
            f.put("shuffle", String.valueOf(t.shuffle()));
            for (int i = 0; i < t.callbacks().size(); i++) f.put("callbacks[" + i + "]", String.valueOf(t.callbacks().get(i)));
            // Several outputs (issue 14): each output's loss, weight and metrics; absent for one output.
            for (var o : t.outputs()) f.put("output " + o.name(), String.valueOf(o));
        }
        return new ModelFingerprint(f, sha256(f));
    }

    private static void addLayer(Map<String, String> f, CheckedLayer layer) {
        String at = "`" + layer.name() + "`";
        f.put(at, layer.kind().kerasName());
        layer.config().values().forEach((k, v) -> {
            if (v instanceof CheckedLayer inner) addLayer(f, inner);
            else f.put(at + " " + k, String.valueOf(v));
        });
        f.put(at + " output", String.valueOf(layer.output()));
    }

    private static String sha256(Map<String, String> facts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var e : facts.entrySet()) md.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What changed from {@code before} to this, one line per fact: "`dense_1` units 256 -> 512"
     * (output shapes only when no argument changed: they follow from the arguments).
     */
    public List<String> changesFrom(Map<String, String> before) {
        List<String> out = new ArrayList<>();
        for (var e : before.entrySet()) {
            String now = facts.get(e.getKey());
            if (now == null) out.add(e.getKey() + " " + e.getValue() + " removed");
            else if (!Objects.equals(now, e.getValue())) out.add(e.getKey() + " " + e.getValue() + " -> " + now);
        }
        for (var e : facts.entrySet()) if (!before.containsKey(e.getKey())) out.add(e.getKey() + " " + e.getValue() + " added");
        // Changed output shapes follow from changed arguments: name the causes only.
        List<String> causes = out.stream().filter(c -> !c.contains(" output ")).toList();
        return causes.isEmpty() ? out : causes;
    }
}
