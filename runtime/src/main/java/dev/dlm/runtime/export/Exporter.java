package dev.dlm.runtime.export;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.keras.KerasFunctional;
import dev.dlm.compiler.keras.KerasLayers;
import dev.dlm.compiler.keras.KerasLayers.Flavour;
import dev.dlm.compiler.render.Json;
import dev.dlm.compiler.diag.Code;
import dev.dlm.runtime.model.AtomicFiles;
import dev.dlm.runtime.model.ModelException;
import dev.dlm.runtime.model.KerasWeights;
import dev.dlm.runtime.model.TrainedModel;
import dev.dlm.runtime.model.WeightArray;
import dev.dlm.runtime.predict.InferenceGraph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a trained model in another tool's format. Every export is atomic: a single file is
 * renamed into place, a folder is built beside the target and renamed to it.
 */
public final class Exporter {
    private Exporter() {}

    /** The name of TF.js's single weight shard. */
    public static final String TFJS_SHARD = "group1-shard1of1.bin";

    /** Refuses a model the format cannot express, with the layer at fault. */
    public static void check(TrainedModel model, ExportFormat format) throws ModelException {
        if (format != ExportFormat.TFJS) return;
        for (CheckedLayer layer : model.layers()) {
            String reason = KerasLayers.tfjsUnsupported(layer);
            if (reason != null) {
                throw new ModelException(Code.DLM1204, layer.span() != null ? String.valueOf(layer.span()) : model.model().name(),
                        reason, "export as keras or savedmodel, or build the layer with reset_after=False for the browser");
            }
        }
    }

    /** Exports {@code model} as {@code format} to {@code target}; an existing target is replaced. */
    public static void export(TrainedModel model, ExportFormat format, Path target) throws IOException {
        switch (format) {
            case KERAS -> AtomicFiles.write(target, temp -> writeKeras(model, temp));
            case TFJS -> writeFolder(target, dir -> writeTfjs(model, dir));
            case SAVEDMODEL -> writeFolder(target, dir -> {
                try (InferenceGraph graph = InferenceGraph.build(model, 0)) {
                    graph.exportSavedModel(dir);
                }
            });
        }
    }

    /**
     * Keras 3's configuration of the model, as {@code config.json} holds it: a
     * {@code Sequential} model, or a {@code Functional} one when the file wrote the functional
     * form (see {@link KerasFunctional}).
     */
    public static Map<String, Object> kerasConfig(TrainedModel model) {
        if (model.model().graph().functional()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("module", "keras.src.models.functional");
            m.put("class_name", "Functional");
            m.put("config", KerasFunctional.config(model.model().name(), model.model().graph(), Flavour.KERAS3));
            m.put("registered_name", "Functional");
            // What Keras 3 itself writes for a functional model: it rebuilds the layers by
            // calling them on the configuration's tensors, not from a build shape.
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", null);
            m.put("build_config", build);
            m.put("compile_config", null);
            return m;
        }
        List<Object> layers = new ArrayList<>();
        layers.add(KerasLayers.inputLayer(model.model().input()));
        for (CheckedLayer layer : model.layers()) layers.add(KerasLayers.layer(layer, Flavour.KERAS3, false));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.model().name());
        config.put("trainable", true);
        config.put("dtype", "float32");
        config.put("layers", layers);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras");
        m.put("class_name", "Sequential");
        m.put("config", config);
        m.put("registered_name", null);
        m.put("build_config", Map.of("input_shape", KerasLayers.batchShape(model.model().input())));
        m.put("compile_config", null);
        return m;
    }

    private static void writeKeras(TrainedModel model, Path file) throws IOException {
        Path weights = Files.createTempFile(file.toAbsolutePath().getParent(), ".weights", ".h5");
        try {
            KerasWeights.write(model, weights);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("keras_version", KerasLayers.KERAS_VERSION);
            metadata.put("date_saved", DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss").format(Instant.now().atZone(ZoneOffset.UTC)));
            metadata.put("exported_by", "dlmc");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                entry(zip, "metadata.json", Json.write(metadata).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                entry(zip, "config.json", Json.write(kerasConfig(model)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("model.weights.h5"));
                Files.copy(weights, zip);
                zip.closeEntry();
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * TF.js's {@code model.json} (Keras 2's topology, {@code Sequential} or functional
     * {@code Model}, and the weight manifest, which TF.js matches by weight name) and its one shard.
     */
    private static void writeTfjs(TrainedModel model, Path dir) throws IOException {
        List<Object> layers = new ArrayList<>();
        List<Object> manifest = new ArrayList<>();
        long bytes = 0;
        boolean first = true;
        for (CheckedLayer layer : model.layers()) {
            layers.add(KerasLayers.layer(layer, Flavour.TFJS, first));
            first = false;
            for (String param : KerasLayers.kerasOrder(layer)) {
                WeightArray w = model.weight(layer.name(), param);
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("name", KerasLayers.tfjsName(layer, param));
                List<Object> shape = new ArrayList<>();
                for (long d : w.shape()) shape.add(d);
                spec.put("shape", shape);
                spec.put("dtype", "float32");
                manifest.add(spec);
                bytes += 4L * w.values().length;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        for (CheckedLayer layer : model.layers()) {
            for (String param : KerasLayers.kerasOrder(layer)) {
                for (float v : model.weight(layer.name(), param).values()) buffer.putFloat(v);
            }
        }
        Map<String, Object> topology = new LinkedHashMap<>();
        if (model.model().graph().functional()) {
            topology.put("class_name", "Model");
            topology.put("config", KerasFunctional.config(model.model().name(), model.model().graph(), Flavour.TFJS));
        } else {
            Map<String, Object> topologyConfig = new LinkedHashMap<>();
            topologyConfig.put("name", model.model().name());
            topologyConfig.put("layers", layers);
            topology.put("class_name", "Sequential");
            topology.put("config", topologyConfig);
        }
        topology.put("keras_version", "tfjs-layers 4.22.0");
        topology.put("backend", "tensor_flow.js");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "layers-model");
        json.put("generatedBy", "dlmc");
        json.put("convertedBy", null);
        json.put("modelTopology", topology);
        json.put("weightsManifest", List.of(Map.of("paths", List.of(TFJS_SHARD), "weights", manifest)));
        Files.createDirectories(dir);
        Files.write(dir.resolve(TFJS_SHARD), buffer.array());
        Files.writeString(dir.resolve("model.json"), Json.write(json));
    }

    /** Builds a folder beside {@code target}, then swaps it in: readers never see half an export. */
    private static void writeFolder(Path target, AtomicFiles.Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        Path built = temp.resolve("export");
        try {
            writer.write(built);
            if (!Files.exists(built)) throw new IOException("internal error: the export wrote nothing");
            if (Files.exists(target)) deleteTree(target);
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(temp)) deleteTree(temp);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
