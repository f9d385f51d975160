package dev.dlm.runtime.model;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.compiler.keras.KerasImporter;
import dev.dlm.compiler.keras.KerasLayers;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code dlmc import}'s service: reads a Keras model file ({@code .keras}, Keras 2's or 3's
 * {@code .h5}, or a configuration {@code .json}), converts its configuration with
 * {@link KerasImporter} and, on request, its weights into a {@link TrainedModel}.
 */
public final class KerasImport {
    private KerasImport() {}

    /** The converted configuration, and the trained model when weights were asked for and there were no errors. */
    public record Imported(KerasImporter.Result result, TrainedModel model) {}

    /** Imports {@code file}; {@code withWeights} also reads the weights (a {@code .json} has none). */
    public static Imported importFile(Path file, boolean withWeights) throws ModelException {
        if (!Files.isRegularFile(file)) throw new ModelException(Code.DLM1205, file.toString(), "no such model file", null);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".keras")) return keras(file, withWeights);
            if (name.endsWith(".h5") || name.endsWith(".hdf5")) return legacyH5(file, withWeights);
            if (name.endsWith(".json")) {
                if (withWeights) {
                    throw new ModelException(Code.DLM1205, file.toString(), "a configuration .json holds no weights",
                            "import the .keras or .h5 file to get the weights too");
                }
                String json = Files.readString(file, StandardCharsets.UTF_8);
                return new Imported(KerasImporter.importConfig(file.toString(), json, version(json)), null);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(Code.DLM1205, file.toString(), "cannot read the Keras model: " + e.getMessage(), null);
        }
        throw new ModelException(Code.DLM1205, file.toString(), "not a Keras model file",
                "give a .keras file, a Keras .h5 file, or the .json of model.to_json()");
    }

    private static Imported keras(Path file, boolean withWeights) throws IOException, ModelException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry config = zip.getEntry("config.json");
            if (config == null) throw new ModelException(Code.DLM1205, file.toString(), "the .keras archive has no config.json", null);
            String json = new String(zip.getInputStream(config).readAllBytes(), StandardCharsets.UTF_8);
            String version = null;
            ZipEntry metadata = zip.getEntry("metadata.json");
            if (metadata != null) version = version(new String(zip.getInputStream(metadata).readAllBytes(), StandardCharsets.UTF_8));
            KerasImporter.Result result = KerasImporter.importConfig(file + "/config.json", json, version);
            if (!withWeights || result.hasErrors()) return new Imported(result, null);
            ZipEntry weights = zip.getEntry("model.weights.h5");
            if (weights == null) throw new ModelException(Code.DLM1205, file.toString(), "the .keras archive has no model.weights.h5", null);
            Path temp = Files.createTempFile("dlm-import", ".h5");
            try (InputStream in = zip.getInputStream(weights)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                CheckedModel model = compile(result, file);
                return new Imported(result, new TrainedModel(model, result.text(), KerasWeights.read(model, temp)));
            } catch (IllegalArgumentException e) {
                throw new ModelException(Code.DLM1205, file.toString(), "the weights do not fit the configuration: " + e.getMessage(), null);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Keras's legacy HDF5 file: the configuration in the root's {@code model_config} attribute, weights under {@code model_weights}. */
    private static Imported legacyH5(Path file, boolean withWeights) throws ModelException {
        try (HdfFile h5 = new HdfFile(file)) {
            Attribute config = h5.getAttribute("model_config");
            if (config == null) {
                throw new ModelException(Code.DLM1205, file.toString(), "the HDF5 file has no model configuration",
                        "it holds weights only (save_weights); import the file model.save wrote");
            }
            String json = string(config.getData());
            Attribute versionAttr = h5.getAttribute("keras_version");
            String version = versionAttr != null ? string(versionAttr.getData()) : null;
            KerasImporter.Result result = KerasImporter.importConfig(file + "#model_config", json, version);
            if (!withWeights || result.hasErrors()) return new Imported(result, null);
            CheckedModel model = compile(result, file);
            Map<String, Map<String, WeightArray>> weights = new LinkedHashMap<>();
            String root = h5.getChild("model_weights") != null ? "model_weights/" : "";
            for (int i = 0; i < model.layers().size(); i++) {
                CheckedLayer layer = model.layers().get(i);
                List<String> order = KerasLayers.kerasOrder(layer);
                Map<String, WeightArray> own = new LinkedHashMap<>();
                if (!order.isEmpty()) {
                    String group = root + result.kerasNames().get(i);
                    Node node = h5.getByPath(group);
                    Attribute names = node.getAttribute("weight_names");
                    List<String> paths = names == null ? List.of() : strings(names.getData());
                    if (paths.size() != order.size()) {
                        throw new ModelException(Code.DLM1205, file + "#" + group, "layer `" + result.kerasNames().get(i)
                                + "` has " + paths.size() + " weights in the file but dlm's " + layer.kind() + " has " + order.size(), null);
                    }
                    for (int w = 0; w < order.size(); w++) own.put(order.get(w), KerasWeights.dataset(h5, group + "/" + paths.get(w)));
                }
                weights.put(layer.name(), own);
            }
            return new Imported(result, new TrainedModel(model, result.text(), weights));
        } catch (io.jhdf.exceptions.HdfException | IllegalArgumentException e) {
            throw new ModelException(Code.DLM1205, file.toString(), "cannot read the Keras HDF5 file: " + e.getMessage(), null);
        }
    }

    private static CheckedModel compile(KerasImporter.Result result, Path file) throws ModelException {
        Compilation c = DlmCompiler.compile("imported.dlm", result.text());
        if (c.hasErrors() || c.model() == null) {
            throw new ModelException(Code.DLM1205, file.toString(), "internal error: the imported model does not check", null, c);
        }
        return c.model();
    }

    private static String version(String json) {
        try {
            return JsonReader.parse(json) instanceof Map<?, ?> m && m.get("keras_version") instanceof String v ? v : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String string(Object data) {
        if (data instanceof String s) return s;
        if (data instanceof String[] a && a.length == 1) return a[0];
        if (data instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        return String.valueOf(data);
    }

    private static List<String> strings(Object data) {
        List<String> out = new ArrayList<>();
        if (data instanceof String[] a) out.addAll(List.of(a));
        else if (data instanceof String s) out.add(s);
        return out;
    }
}
