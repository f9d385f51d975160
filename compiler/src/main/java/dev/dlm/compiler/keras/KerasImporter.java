package dev.dlm.compiler.keras;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.format.Formatter;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import dev.dlm.compiler.parse.Parser;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import dev.dlm.compiler.value.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a Keras Sequential or functional configuration (Keras 2's or Keras 3's
 * {@code config.json}, or {@code model.to_json()}) into formatted dlm text: Keras's layer and
 * argument names, only the arguments that differ from their defaults, positional where
 * Keras's signature starts with required arguments. Never loads TensorFlow. Whatever dlm cannot express (a layer kind,
 * an argument or one of its values, a connection) is an error diagnostic pointing into
 * the configuration's text; nothing is dropped silently.
 */
public final class KerasImporter {

    /**
     * The result: the dlm text (null when an error was found), the diagnostics, and the Keras
     * names of the imported layers in order (their weights are stored under these names).
     */
    public record Result(String text, List<Diagnostic> diagnostics, List<String> kerasNames) {
        public boolean hasErrors() { return diagnostics.stream().anyMatch(Diagnostic::isError); }
    }

    private final SourceFile config;
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<String> kerasNames = new ArrayList<>();
    /** The Keras layer of each line of the model's body (null for none), to point a checker error into the configuration. */
    private final List<String> lineNames = new ArrayList<>();

    private KerasImporter(SourceFile config) { this.config = config; }

    /** Imports the configuration {@code json}, read from {@code name} (for diagnostics), written by {@code kerasVersion} (or null). */
    public static Result importConfig(String name, String json, String kerasVersion) {
        // Diagnostics point into the configuration pretty-printed (Keras writes it on one line).
        String pretty;
        try {
            pretty = dev.dlm.compiler.render.Json.write(JsonReader.parse(json));
        } catch (IllegalArgumentException e) {
            pretty = json;
        }
        KerasImporter importer = new KerasImporter(new SourceFile(name, pretty));
        String text = importer.convert(kerasVersion);
        return new Result(importer.diagnostics.hasErrors() ? null : text, importer.diagnostics.sorted(), List.copyOf(importer.kerasNames));
    }

    @SuppressWarnings("unchecked")
    private String convert(String kerasVersion) {
        Object root;
        try {
            root = JsonReader.parse(config.text());
        } catch (IllegalArgumentException e) {
            error(Code.DLM1205, 0, "the model configuration is not valid JSON: " + e.getMessage(), null);
            return null;
        }
        if (!(root instanceof Map<?, ?> top)) {
            error(Code.DLM1205, 0, "the model configuration is not a JSON object", null);
            return null;
        }
        Map<String, Object> model = (Map<String, Object>) top;
        if (model.get("modelTopology") instanceof Map<?, ?> topology) model = (Map<String, Object>) topology;
        if (model.get("model_config") instanceof Map<?, ?> inner) model = (Map<String, Object>) inner;
        String cls = String.valueOf(model.get("class_name"));
        if (!cls.equals("Sequential")) {
            if (cls.equals("Functional") || cls.equals("Model")) {
                return functional(model, kerasVersion);
            } else {
                error(Code.DLM1205, 0, "the configuration describes a `" + cls + "`, not a Keras model",
                        "give a .keras file, a Keras .h5 file or the JSON of model.to_json()");
            }
            return null;
        }
        Map<String, Object> cfg = model.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        List<Object> layers = cfg.get("layers") instanceof List<?> l ? (List<Object>) l : List.of();
        String modelName = identifier(String.valueOf(cfg.getOrDefault("name", "sequential")));

        List<Object> inputShape = null;
        if (model.get("build_config") instanceof Map<?, ?> build && build.get("input_shape") instanceof List<?> s) {
            inputShape = (List<Object>) s;
        }
        StringBuilder body = new StringBuilder();
        boolean first = true;
        for (Object item : layers) {
            if (!(item instanceof Map<?, ?> layerMap)) continue;
            Map<String, Object> layer = (Map<String, Object>) layerMap;
            Map<String, Object> lc = layer.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            if ("InputLayer".equals(layer.get("class_name"))) {
                Object shape = lc.containsKey("batch_shape") ? lc.get("batch_shape") : lc.get("batch_input_shape");
                if (shape instanceof List<?> s) inputShape = (List<Object>) s;
                continue;
            }
            if (first && lc.get("batch_input_shape") instanceof List<?> s) inputShape = (List<Object>) s;
            first = false;
            String call = layerCall(layer, true);
            if (call != null) body.append("    ").append(call).append('\n');
        }
        if (inputShape == null || inputShape.size() < 2) {
            error(Code.DLM1208, find("\"layers\"", 0), "the configuration gives no input shape",
                    "Keras records it once the model is built: call model.build(input_shape) before saving");
            return null;
        }
        StringBuilder dims = new StringBuilder();
        for (int i = 1; i < inputShape.size(); i++) {
            if (!(inputShape.get(i) instanceof Long d)) {
                error(Code.DLM1208, find("shape", 0), "the input shape " + inputShape + " has an unknown dimension",
                        "dlm models have a fixed sample shape");
                return null;
            }
            dims.append(i > 1 ? ", " : "").append(d);
        }
        if (diagnostics.hasErrors()) return null;
        String text = "# Imported by dlmc import from a Keras " + (kerasVersion != null ? kerasVersion + " " : "")
                + "Sequential model.\n\nmodel " + modelName + "(input=[" + dims + "]) {\n" + body + "}\n";
        lineNames.addAll(kerasNames);
        return checked(text);
    }

    /** The layer as a dlm call, or null after reporting why it has none. */
    @SuppressWarnings("unchecked")
    private String layerCall(Map<String, Object> layer, boolean top) {
        String kind = String.valueOf(layer.get("class_name"));
        Map<String, Object> lc = layer.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String kerasName = String.valueOf(lc.getOrDefault("name", kind));
        int at = find("\"" + kerasName + "\"", 0);
        LayerRule rule = LayerCatalogue.rule(kind);
        if (rule == null) {
            error(Code.DLM1207, at, "Keras layer `" + kind + "` (`" + kerasName + "`) has no dlm counterpart",
                    "dlm has " + String.join(", ", LayerCatalogue.rules().stream().map(r -> r.kind().kerasName()).toList()));
            return null;
        }
        if (top) kerasNames.add(kerasName);
        List<String> args = new ArrayList<>();
        boolean positional = true;
        for (ArgSpec spec : rule.signature()) {
            if (!lc.containsKey(spec.name())) {
                if (spec.required()) {
                    error(Code.DLM1208, at, "layer `" + kerasName + "` lacks the required argument `" + spec.name() + "`", null);
                    return null;
                }
                positional = false;
                continue;
            }
            Object value = lc.get(spec.name());
            if (spec.type() == ArgType.IGNORED) {
                if (!neutral(spec.name(), value)) unsupported(kerasName, spec.name(), value, at);
                continue;
            }
            String text;
            if (spec.type() == ArgType.LAYER) {
                if (!(value instanceof Map<?, ?> inner)) {
                    error(Code.DLM1208, at, "`" + kerasName + "`'s `layer` is not a layer configuration", null);
                    return null;
                }
                text = layerCall((Map<String, Object>) inner, false);
                if (text == null) return null;
            } else {
                Object normal = normalize(kerasName, spec, value, lc, at);
                if (normal == INVALID) return null;
                if (!spec.required() && isDefault(normal, spec.defaultValue())) {
                    positional = false;
                    continue;
                }
                text = text(normal);
            }
            if (spec.required() && positional) args.add(text);
            else {
                positional = false;
                args.add(spec.name() + "=" + text);
            }
        }
        for (Map.Entry<String, Object> e : lc.entrySet()) {
            String key = e.getKey();
            if (key.equals("name") || key.equals("batch_input_shape") || key.equals("batch_shape")) continue;
            if (rule.signature().stream().anyMatch(a -> a.name().equals(key))) continue;
            if (key.equals("trainable") && Boolean.FALSE.equals(e.getValue())) {
                args.add("trainable=False");
                continue;
            }
            if (key.equals("input_dim") || key.equals("input_shape") || key.equals("input_length")) continue;
            if (!neutral(key, e.getValue())) unsupported(kerasName, key, e.getValue(), find("\"" + key + "\"", at));
        }
        if (top && !automaticName(kerasName, rule)) {
            args.add("name=" + quote(kerasName));
        }
        return kind + "(" + String.join(", ", args) + ")";
    }

    // ---- functional models (issue 14, chapter 2) ------------------------------------------

    /** An output of a layer application: Keras's {@code keras_history} {@code [layer, node, tensor]}. */
    private record Ref(String layer, int node, int tensor) {}

    /** One application of a layer: its node index and the tensors it reads ({@code list}: a merge's list). */
    private record Application(Map<String, Object> layer, String name, int node, List<Ref> inputs, boolean list) {}

    /**
     * A Keras functional configuration ({@code Functional}, Keras 2's {@code Model}) as dlm's
     * functional form: inputs first, in {@code input_layers} order, then every layer
     * application, each once the tensors it reads exist, in an order that gives the layers
     * their Keras names back when one exists ({@link #lineOrder}).
     * A tensor is named after the layer that makes it; a layer applied more than once is
     * bound to its name and applied by it ({@code dense = Dense(4)}, {@code dense_0 = dense(a)}).
     */
    @SuppressWarnings("unchecked")
    private String functional(Map<String, Object> model, String kerasVersion) {
        Map<String, Object> cfg = model.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        List<Object> layers = cfg.get("layers") instanceof List<?> l ? (List<Object>) l : List.of();
        String modelName = identifier(String.valueOf(cfg.getOrDefault("name", "model")));
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        List<Application> pending = new ArrayList<>();
        for (Object item : layers) {
            if (!(item instanceof Map<?, ?> m)) continue;
            Map<String, Object> layer = (Map<String, Object>) m;
            Map<String, Object> lc = layer.get("config") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
            String name = String.valueOf(layer.containsKey("name") ? layer.get("name") : lc.get("name"));
            byName.put(name, layer);
            if ("InputLayer".equals(layer.get("class_name"))) continue;
            List<Object> nodes = layer.get("inbound_nodes") instanceof List<?> n ? (List<Object>) n : List.of();
            for (int k = 0; k < nodes.size(); k++) {
                Application app = application(layer, name, k, nodes.get(k));
                if (app == null) return null;
                pending.add(app);
            }
        }
        // Tensor names: a layer's name; a shared layer's applications get its name and their node.
        java.util.Set<String> used = new java.util.HashSet<>();
        Map<Ref, String> tensors = new java.util.HashMap<>();
        Map<String, Long> applications = new java.util.HashMap<>();
        for (Application a : pending) applications.merge(a.name(), 1L, Long::sum);
        for (String name : byName.keySet()) used.add(identifier(name));
        StringBuilder body = new StringBuilder();
        List<Ref> inputRefs = refs(cfg.get("input_layers"));
        List<Ref> outputRefs = refs(cfg.get("output_layers"));
        if (inputRefs.isEmpty() || outputRefs.isEmpty()) {
            error(Code.DLM1206, find("\"input_layers\"", 0), "the functional configuration names no inputs or no outputs",
                    "save the model with keras.Model(inputs, outputs)");
            return null;
        }
        for (Ref in : inputRefs) {
            Map<String, Object> layer = byName.get(in.layer());
            Map<String, Object> lc = layer != null && layer.get("config") instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
            Object shape = lc.containsKey("batch_shape") ? lc.get("batch_shape") : lc.get("batch_input_shape");
            String dims = shape instanceof List<?> list ? dims((List<Object>) list, in.layer()) : null;
            if (dims == null) {
                if (!diagnostics.hasErrors()) error(Code.DLM1208, find("\"" + in.layer() + "\"", 0), "input `" + in.layer() + "` has no shape", null);
                return null;
            }
            String id = identifier(in.layer());
            tensors.put(new Ref(in.layer(), 0, 0), id);
            boolean automatic = in.layer().matches("input_\\d+|input_layer(_\\d+)?");
            body.append("    ").append(id).append(" = Input(shape=[").append(dims).append("]")
                    .append(automatic ? "" : ", name=" + quote(in.layer())).append(")\n");
            lineNames.add(in.layer());
        }
        Set<Ref> made = new HashSet<>();
        for (Ref in : inputRefs) made.add(new Ref(in.layer(), 0, 0));
        List<Application> keepingNames = lineOrder(pending, made, true);
        List<Application> order = keepingNames.size() == pending.size() ? keepingNames : lineOrder(pending, made, false);
        if (order.size() < pending.size()) {
            Application a = pending.stream().filter(x -> !order.contains(x)).findFirst().orElseThrow();
            error(Code.DLM1206, find("\"" + a.name() + "\"", 0), "layer `" + a.name() + "` reads a tensor no layer of the configuration makes",
                    "the configuration is incomplete; save the model again");
            return null;
        }
        String last = null;
        Map<String, String> sharedBindings = new java.util.HashMap<>();
        for (Application next : order) {
            List<String> reads = new ArrayList<>();
            for (Ref r : next.inputs()) reads.add(tensors.get(new Ref(r.layer(), r.node(), 0)));
            String arg = next.list() ? "[" + String.join(", ", reads) + "]" : reads.get(0);
            String id = identifier(next.name());
            String tensor;
            if (applications.get(next.name()) > 1) {
                String binding = sharedBindings.get(next.name());
                if (binding == null) {
                    String call = layerCall(next.layer(), true);
                    if (call == null) return null;
                    binding = id;
                    sharedBindings.put(next.name(), binding);
                    body.append("    ").append(binding).append(" = ").append(call).append('\n');
                    lineNames.add(next.name());
                }
                tensor = unique(id + "_node" + next.node(), used);
                body.append("    ").append(tensor).append(" = ").append(binding).append("(").append(arg).append(")\n");
            } else {
                String call = layerCall(next.layer(), true);
                if (call == null) return null;
                tensor = id;
                body.append("    ").append(tensor).append(" = ").append(call).append("(").append(arg).append(")\n");
            }
            lineNames.add(next.name());
            tensors.put(new Ref(next.name(), next.node(), 0), tensor);
            last = tensor;
        }
        List<String> outputs = new ArrayList<>();
        for (Ref r : outputRefs) {
            String t = tensors.get(new Ref(r.layer(), r.node(), 0));
            if (t == null || r.tensor() != 0) {
                error(Code.DLM1206, find("\"output_layers\"", 0), "output `" + r.layer() + "` is not a tensor of the model", null);
                return null;
            }
            outputs.add(t);
        }
        if (diagnostics.hasErrors()) return null;
        String header = outputs.size() == 1 && outputs.get(0).equals(last) ? "" : "(outputs=[" + String.join(", ", outputs) + "])";
        String text = "# Imported by dlmc import from a Keras " + (kerasVersion != null ? kerasVersion + " " : "")
                + "functional model.\n\nmodel " + modelName + header + " {\n" + body + "}\n";
        return checked(text);
    }

    /**
     * The order of the model's lines. dlm names a layer without {@code name=} after its class,
     * numbered in the order of the lines ({@code conv2d}, {@code conv2d_1}...), as Keras numbers
     * layers in the order Python made them; but a configuration lists them in Keras's
     * {@code model.layers} order, where a Y-network's two branches interleave. With
     * {@code keepNames}, each next line is the first application (in the configuration's order)
     * whose tensors exist and whose layer gets its Keras name back there ({@link #takeNames});
     * for a configuration whose automatic names are those of some order of the lines (any that
     * dlm exported) this finds one, bar wrapped layers taking numbers in an order it cannot
     * foresee. Without, the configuration's order. The result stops short of the applications
     * it could not place.
     * <p>
     * Either choice makes a first round trip stable: the export of the imported model lists
     * the same layers in the same order with the names the lines gave them, and its import
     * places them in the same order.
     */
    private static List<Application> lineOrder(List<Application> applications, Set<Ref> inputs, boolean keepNames) {
        // The numbers of the automatic names the configuration gives, by class: `dense_2` is the third Dense.
        Map<String, Set<Integer>> named = new java.util.HashMap<>();
        for (Application a : applications) {
            LayerRule rule = LayerCatalogue.rule(String.valueOf(a.layer().get("class_name")));
            if (rule == null || !automaticName(a.name(), rule)) continue;
            String suffix = a.name().substring(rule.namePrefix().length());
            named.computeIfAbsent(rule.namePrefix(), k -> new HashSet<>()).add(suffix.isEmpty() ? 0 : Integer.parseInt(suffix.substring(1)));
        }
        List<Application> pending = new ArrayList<>(applications);
        Set<Ref> made = new HashSet<>(inputs);
        Set<String> placed = new HashSet<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        List<Application> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            Application next = null;
            Map<String, Integer> after = counts;
            for (Application a : pending) {
                if (!a.inputs().stream().allMatch(r -> made.contains(new Ref(r.layer(), r.node(), 0)))) continue;
                if (placed.contains(a.name())) {
                    next = a;
                    break;
                }
                Map<String, Integer> trial = new java.util.HashMap<>(counts);
                if (takeNames(a.layer(), a.name(), trial, named) || !keepNames) {
                    next = a;
                    after = trial;
                    break;
                }
            }
            if (next == null) return order;
            pending.remove(next);
            placed.add(next.name());
            counts = after;
            made.add(new Ref(next.name(), next.node(), 0));
            order.add(next);
        }
        return order;
    }

    /**
     * Takes from {@code counts} the automatic names the line of {@code layer} takes, as the
     * checker hands them out: its own unless its Keras name {@code name} is written out, then a
     * wrapped layer's (written without a name: {@code name} null). False when one is not the
     * name Keras gave: the layer's own, or a wrapped layer's number that another layer of the
     * configuration bears ({@code named}).
     */
    @SuppressWarnings("unchecked")
    private static boolean takeNames(Map<String, Object> layer, String name, Map<String, Integer> counts, Map<String, Set<Integer>> named) {
        LayerRule rule = LayerCatalogue.rule(String.valueOf(layer.get("class_name")));
        if (rule == null) return true;
        boolean fits = true;
        if (name == null || automaticName(name, rule)) {
            int n = counts.merge(rule.namePrefix(), 1, Integer::sum) - 1;
            fits = name != null ? name.equals(n == 0 ? rule.namePrefix() : rule.namePrefix() + "_" + n)
                    : !named.getOrDefault(rule.namePrefix(), Set.of()).contains(n);
        }
        Map<String, Object> lc = layer.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        for (ArgSpec spec : rule.signature()) {
            if (spec.type() == ArgType.LAYER && lc.get(spec.name()) instanceof Map<?, ?> inner) {
                fits &= takeNames((Map<String, Object>) inner, null, counts, named);
            }
        }
        return fits;
    }

    /** A name of the form Keras gives a layer it names itself ({@code dense}, {@code dense_3}), which dlm does not write out. */
    private static boolean automaticName(String name, LayerRule rule) {
        return name.matches(Pattern.quote(rule.namePrefix()) + "(_\\d{1,9})?");
    }

    /**
     * One inbound node of {@code layer}: Keras 3's {@code {"args": [tensor or [tensors]], "kwargs": {}}}
     * or Keras 2's {@code [[layer, node, tensor, kwargs], ...]}. Null after reporting what dlm cannot express.
     */
    @SuppressWarnings("unchecked")
    private Application application(Map<String, Object> layer, String name, int node, Object inbound) {
        int at = find("\"" + name + "\"", 0);
        List<Ref> refs = new ArrayList<>();
        boolean list;
        if (inbound instanceof Map<?, ?> keras3) {
            List<Object> args = keras3.get("args") instanceof List<?> a ? (List<Object>) a : List.of();
            if (keras3.get("kwargs") instanceof Map<?, ?> kwargs && !neutralCall(kwargs)) {
                error(Code.DLM1206, at, "layer `" + name + "` is called with keyword arguments " + kwargs,
                        "dlm applies a layer to its input tensors only (`y = Layer(...)(x)`)");
                return null;
            }
            if (args.size() != 1) {
                error(Code.DLM1206, at, "layer `" + name + "` is called with " + args.size() + " positional arguments",
                        "dlm applies a layer to one tensor or one list of tensors");
                return null;
            }
            list = args.get(0) instanceof List<?>;
            for (Object t : list ? (List<Object>) args.get(0) : List.of(args.get(0))) {
                Ref r = t instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("keras_history") instanceof List<?> h
                        ? ref(h) : null;
                if (r == null) {
                    error(Code.DLM1206, at, "layer `" + name + "` reads something that is not a Keras tensor", null);
                    return null;
                }
                refs.add(r);
            }
        } else if (inbound instanceof List<?> keras2) {
            for (Object entry : keras2) {
                Ref r = entry instanceof List<?> e ? ref(e) : null;
                if (r == null) {
                    error(Code.DLM1206, at, "layer `" + name + "` has an inbound node dlm cannot read", null);
                    return null;
                }
                if (((List<Object>) entry).size() > 3 && ((List<Object>) entry).get(3) instanceof Map<?, ?> kw && !neutralCall(kw)) {
                    error(Code.DLM1206, at, "layer `" + name + "` is called with keyword arguments " + kw,
                            "dlm applies a layer to its input tensors only (`y = Layer(...)(x)`)");
                    return null;
                }
                refs.add(r);
            }
            LayerRule rule = LayerCatalogue.rule(String.valueOf(layer.get("class_name")));
            list = refs.size() > 1 || rule != null && rule.merges();
        } else {
            error(Code.DLM1206, at, "layer `" + name + "` has an inbound node dlm cannot read", null);
            return null;
        }
        for (Ref r : refs) {
            if (r.tensor() != 0) {
                error(Code.DLM1206, at, "layer `" + name + "` reads output " + r.tensor() + " of layer `" + r.layer() + "`",
                        "dlm layers have one output each");
                return null;
            }
        }
        if (refs.isEmpty()) {
            error(Code.DLM1206, at, "layer `" + name + "` is applied to no tensor", null);
            return null;
        }
        return new Application(layer, name, node, refs, list);
    }

    /**
     * True for call keywords that change nothing: Keras 3 records {@code training=False} (the
     * symbolic call's phase, replaced by the real one when the model runs) and {@code mask=None}.
     */
    private static boolean neutralCall(Map<?, ?> kwargs) {
        for (Map.Entry<?, ?> e : kwargs.entrySet()) {
            boolean neutral = e.getValue() == null || "training".equals(e.getKey()) && Boolean.FALSE.equals(e.getValue());
            if (!neutral) return false;
        }
        return true;
    }

    private static Ref ref(List<?> history) {
        if (history.size() < 3 || !(history.get(1) instanceof Long node) || !(history.get(2) instanceof Long tensor)) return null;
        return new Ref(String.valueOf(history.get(0)), Math.toIntExact(node), Math.toIntExact(tensor));
    }

    /** {@code input_layers}/{@code output_layers}: a list of {@code [layer, node, tensor]}, or one such triple. */
    private static List<Ref> refs(Object value) {
        List<Ref> out = new ArrayList<>();
        if (!(value instanceof List<?> list) || list.isEmpty()) return out;
        if (!(list.get(0) instanceof List<?>)) {
            Ref r = ref(list);
            if (r != null) out.add(r);
            return out;
        }
        for (Object o : list) {
            Ref r = o instanceof List<?> l ? ref(l) : null;
            if (r != null) out.add(r);
        }
        return out;
    }

    /** The sample dimensions of a Keras batch shape, as dlm writes them; null after reporting an unknown one. */
    private String dims(List<Object> batchShape, String layer) {
        StringBuilder dims = new StringBuilder();
        for (int i = 1; i < batchShape.size(); i++) {
            if (!(batchShape.get(i) instanceof Long d)) {
                error(Code.DLM1208, find("\"" + layer + "\"", 0), "the input shape " + batchShape + " has an unknown dimension",
                        "dlm models have a fixed sample shape");
                return null;
            }
            dims.append(i > 1 ? ", " : "").append(d);
        }
        return batchShape.size() < 2 ? null : dims.toString();
    }

    private static String unique(String name, java.util.Set<String> used) {
        String candidate = name;
        for (int i = 2; used.contains(candidate); i++) candidate = name + "_" + i;
        used.add(candidate);
        return candidate;
    }

    private static final Object INVALID = new Object();

    /** The Keras value as the Java value dlm's checker would bind ({@link Initializer}, {@link Regularizer}, tuples as lists). */
    @SuppressWarnings("unchecked")
    private Object normalize(String layer, ArgSpec spec, Object value, Map<String, Object> lc, int at) {
        if (value == null) return null;
        if (spec.type() == ArgType.INITIALIZER) {
            String cls = value instanceof Map<?, ?> m ? String.valueOf(m.get("class_name")) : String.valueOf(value);
            Map<String, Object> c = value instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> cc ? (Map<String, Object>) cc : Map.of();
            String snake = snake(cls);
            Initializer init = Catalogs.initializer(snake);
            if (init == null) {
                unsupported(layer, spec.name(), cls, find("\"" + spec.name() + "\"", at));
                return INVALID;
            }
            if (init instanceof Initializer.RandomUniform) {
                Initializer given = new Initializer.RandomUniform(num(c.get("minval"), -0.05), num(c.get("maxval"), 0.05));
                if (!given.equals(init)) {
                    unsupported(layer, spec.name(), given, find("\"" + spec.name() + "\"", at));
                    return INVALID;
                }
            }
            return init;
        }
        if (spec.type() == ArgType.REGULARIZER) {
            if (!(value instanceof Map<?, ?> m)) return value;
            Map<String, Object> c = m.get("config") instanceof Map<?, ?> cc ? (Map<String, Object>) cc : Map.of();
            return new Regularizer(num(c.get("l1"), 0), num(c.get("l2"), 0));
        }
        if (value instanceof List<?> list) {
            List<Long> longs = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Long l)) return value;
                longs.add(l);
            }
            // Pooling's strides default to pool_size, which Keras writes out.
            if (spec.name().equals("strides") && spec.defaultValue() == null && Objects.equals(longs, lc.get("pool_size"))) return null;
            if (spec.name().equals("axis") && longs.size() == 1) return longs.get(0);
            return longs;
        }
        if (value instanceof String s && spec.type() == ArgType.ACTIVATION) {
            Activation a = Catalogs.activation(s);
            if (a == null) {
                unsupported(layer, spec.name(), s, find("\"" + spec.name() + "\"", at));
                return INVALID;
            }
            return a;
        }
        if (value instanceof Map<?, ?>) {
            unsupported(layer, spec.name(), value, find("\"" + spec.name() + "\"", at));
            return INVALID;
        }
        return value;
    }

    private static double num(Object o, double orElse) { return o instanceof Number n ? n.doubleValue() : orElse; }

    private static boolean isDefault(Object value, Object def) {
        if (value == null || def == null) return value == def;
        if (value instanceof Number a && def instanceof Number b) return a.doubleValue() == b.doubleValue();
        if (value instanceof List<?> list && def instanceof Long l) return list.stream().allMatch(l::equals);
        return value.equals(def);
    }

    private static boolean neutral(String key, Object value) {
        if (!KerasLayers.NEUTRAL_ARGS.containsKey(key)) return false;
        Object ok = KerasLayers.NEUTRAL_ARGS.get(key);
        return ok == KerasLayers.ANY || Objects.equals(ok, value) || ok == null && value == null;
    }

    /** dlm's spelling of a bound value. */
    private static String text(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Long l) return String.valueOf(l);
        if (v instanceof Double d) return Values.formatFloat(d);
        if (v instanceof String s) return quote(s);
        if (v instanceof Initializer i) return quote(i.kerasName());
        if (v instanceof Activation a) return quote(a.kerasName());
        if (v instanceof Regularizer r) {
            if (r.l1() == 0) return "l2(" + Values.formatFloat(r.l2()) + ")";
            if (r.l2() == 0) return "l1(" + Values.formatFloat(r.l1()) + ")";
            return "l1_l2(l1=" + Values.formatFloat(r.l1()) + ", l2=" + Values.formatFloat(r.l2()) + ")";
        }
        if (v instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(list.get(0)::equals)) return text(list.get(0));
            List<String> parts = new ArrayList<>();
            for (Object o : list) parts.add(text(o));
            return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
        }
        return String.valueOf(v);
    }

    private static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }

    /** {@code GlorotUniform} -> {@code glorot_uniform}; already snake names pass through. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String identifier(String s) {
        String id = s.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "m_" + id : id;
    }

    /**
     * Parses, checks and formats the generated text. A checker error (an argument value
     * dlm's rules refuse) becomes an unsupported-argument error at the configuration's layer.
     */
    private String checked(String text) {
        Compilation c = DlmCompiler.compile("imported.dlm", text);
        List<String> lines = text.lines().toList();
        int firstLayerLine = 1;
        while (firstLayerLine <= lines.size() && !lines.get(firstLayerLine - 1).startsWith("model ")) firstLayerLine++;
        firstLayerLine++;
        for (Diagnostic d : c.diagnostics()) {
            if (!d.isError()) continue;
            int index = d.span() != null ? d.span().line() - firstLayerLine : -1;
            String name = index >= 0 && index < lineNames.size() ? lineNames.get(index) : null;
            error(Code.DLM1208, name != null ? find("\"" + name + "\"", 0) : 0,
                    (name != null ? "layer `" + name + "`: " : "") + d.message() + " (dlm " + d.code() + ")", d.help());
        }
        if (diagnostics.hasErrors()) return null;
        return Formatter.format(Parser.parse(new SourceFile("imported.dlm", text), new Diagnostics()));
    }

    private void unsupported(String layer, String arg, Object value, int at) {
        error(Code.DLM1208, at, "layer `" + layer + "`: argument `" + arg + "` = " + display(value) + " has no dlm counterpart",
                "dlm supports this argument only at Keras's default; change it in Keras and save again");
    }

    private static String display(Object v) {
        String s = v instanceof Map<?, ?> m && m.containsKey("class_name") ? String.valueOf(m.get("class_name")) : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** The offset of {@code needle} in the configuration at or after {@code from}, else {@code from}. */
    private int find(String needle, int from) {
        int i = config.text().indexOf(needle, from);
        return i >= 0 ? i : from;
    }

    private void error(Code code, int offset, String message, String help) {
        int end = Math.min(config.length(), offset + 1);
        Diagnostic.Builder d = Diagnostic.error(code, new Span(config, offset, end), message);
        if (help != null) d.help(help);
        diagnostics.report(d);
    }
}
