package dev.dlm.runtime.model;

import dev.dlm.compiler.ir.CheckedLayer;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.keras.KerasFunctional;
import dev.dlm.compiler.keras.KerasLayers;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's weight file, {@code model.weights.h5}: one group per layer under {@code layers/},
 * named after the layer's class in snake case and numbered per class ({@code dense},
 * {@code dense_1}...) as Keras's saving library names them, each holding float32 datasets
 * {@code vars/0}, {@code vars/1}... in Keras's weight order (see {@link KerasLayers#weightGroups}).
 * A functional model's input layers hold no weights and get no group (Keras loads the file
 * without them, as it loads a Sequential file without groups for Dropout or Flatten).
 * Run directories keep their weights in this format too, so a run's weights open in h5py
 * and Keras as they are.
 */
public final class KerasWeights {
    private KerasWeights() {}

    /** Writes {@code model}'s weights to {@code file} (the caller makes the write atomic). */
    public static void write(TrainedModel model, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup layers = h5.putGroup("layers");
            Map<String, String> paths = groupPaths(model.model());
            for (CheckedLayer layer : model.layers()) {
                List<KerasLayers.WeightGroup> weightGroups = KerasLayers.weightGroups(layer);
                if (weightGroups.isEmpty()) continue;
                WritableGroup group = layers.putGroup(paths.get(layer.name()));
                for (KerasLayers.WeightGroup wg : weightGroups) {
                    WritableGroup at = group;
                    if (!wg.path().isEmpty()) for (String part : wg.path().split("/")) at = child(at, part);
                    WritableGroup vars = at.putGroup("vars");
                    int i = 0;
                    for (String param : wg.params()) {
                        WeightArray w = model.weight(layer.name(), param);
                        vars.putDataset(String.valueOf(i++), nested(w));
                    }
                }
            }
            // No top-level vars group, which Keras writes empty for a Sequential model: jhdf 0.13
            // writes a root with the children layers and vars that neither jhdf nor h5py can read
            // back, and Keras loads the file without it.
        }
    }

    /**
     * Reads the weights of {@code model} from a Keras 3 weight file; a missing or misshapen
     * weight throws {@link IllegalArgumentException} naming its path.
     */
    public static Map<String, Map<String, WeightArray>> read(CheckedModel model, Path file) throws IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            Map<String, Map<String, WeightArray>> out = new LinkedHashMap<>();
            Map<String, String> paths = groupPaths(model);
            for (CheckedLayer layer : model.layers()) {
                Map<String, WeightArray> own = new LinkedHashMap<>();
                for (KerasLayers.WeightGroup wg : KerasLayers.weightGroups(layer)) {
                    String base = "layers/" + paths.get(layer.name()) + (wg.path().isEmpty() ? "" : "/" + wg.path()) + "/vars/";
                    int i = 0;
                    for (String param : wg.params()) {
                        String path = base + i++;
                        own.put(param, dataset(h5, path));
                    }
                }
                out.put(layer.name(), own);
            }
            return out;
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new IOException(file + " is not a readable HDF5 weight file: " + e.getMessage(), e);
        }
    }

    private static WritableGroup child(WritableGroup parent, String name) {
        Node existing = parent.getChild(name);
        return existing instanceof WritableGroup g ? g : parent.putGroup(name);
    }

    /** A float32 dataset of an HDF5 file as a weight; {@code path} names it in errors. */
    static WeightArray dataset(HdfFile h5, String path) {
        Node node;
        try {
            node = h5.getByPath(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the weight file has no dataset " + path + " (" + e + ")");
        }
        if (!(node instanceof Dataset ds)) throw new IllegalArgumentException(path + " is not a dataset");
        long[] shape = ds.getDimensionsAsLong();
        Object flat = ds.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) values = f;
        else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) values[i] = (float) d[i];
        } else {
            throw new IllegalArgumentException(path + " holds " + ds.getJavaType().getSimpleName() + ", not float32");
        }
        return new WeightArray(shape, values);
    }

    /**
     * Keras's group name of each layer: its class in snake case, numbered per class in the
     * order of Keras's {@code model.layers}: the model's order for a Sequential model, Keras's
     * depth order for a functional one ({@link KerasFunctional#layerOrder}), where the two
     * branches of a Y-network interleave (its right branch's first Conv2D is {@code conv2d_1}).
     */
    static Map<String, String> groupPaths(CheckedModel model) {
        List<CheckedLayer> layers = model.layers();
        if (model.graph().functional()) {
            Map<String, CheckedLayer> byName = new HashMap<>();
            for (CheckedLayer l : layers) byName.put(l.name(), l);
            layers = KerasFunctional.layerOrder(model.graph()).stream().filter(byName::containsKey).map(byName::get).toList();
        }
        Map<String, Integer> used = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (CheckedLayer layer : layers) {
            String name = KerasLayers.snakeName(layer.kind());
            int n = used.merge(name, 1, Integer::sum) - 1;
            out.put(layer.name(), n == 0 ? name : name + "_" + n);
        }
        return out;
    }

    /** The values as a Java array of the weight's rank ({@code float[][]} for a matrix), as jhdf writes them. */
    static Object nested(WeightArray w) {
        long[] shape = w.shape();
        if (shape.length == 0) return w.values()[0];
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = Math.toIntExact(shape[i]);
        Object array = Array.newInstance(float.class, dims);
        fill(array, dims, 0, w.values(), new int[] {0});
        return array;
    }

    private static void fill(Object array, int[] dims, int axis, float[] values, int[] next) {
        if (axis == dims.length - 1) {
            float[] row = (float[]) array;
            System.arraycopy(values, next[0], row, 0, row.length);
            next[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[axis]; i++) fill(Array.get(array, i), dims, axis + 1, values, next);
    }
}
