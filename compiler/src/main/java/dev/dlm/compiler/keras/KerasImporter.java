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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a Keras Sequential configuration (Keras 2's or Keras 3's {@code config.json}, or
 * {@code model.to_json()}) into formatted dlm text: Keras's layer and argument names, only
 * the arguments that differ from their defaults, positional where Keras's signature starts
 * with required arguments. Never loads TensorFlow. Whatever dlm cannot express (a layer kind,
 * an argument or one of its values, a functional model) is an error diagnostic pointing into
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
    private final LayerCatalogue.LayerNames autoNames = new LayerCatalogue.LayerNames();

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
                error(Code.DLM1206, find("\"class_name\"", 0), "functional Keras models cannot be imported yet",
                        "only Sequential models have a dlm form for now; rebuild the model with keras.Sequential");
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
        String auto = autoNames.next(rule.namePrefix());
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
        if (top && !kerasName.equals(auto) && !kerasName.matches(Pattern.quote(rule.namePrefix()) + "(_\\d+)?")) {
            args.add("name=" + quote(kerasName));
        }
        return kind + "(" + String.join(", ", args) + ")";
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
            String name = index >= 0 && index < kerasNames.size() ? kerasNames.get(index) : null;
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
