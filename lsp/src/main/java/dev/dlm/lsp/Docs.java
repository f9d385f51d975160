package dev.dlm.lsp;

import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The documentation the server shows: one paragraph per layer kind, loss, optimizer,
 * activation, initializer and metric (from {@code descriptions.properties}), and Keras
 * signatures rendered from the compiler's catalogues, so defaults are never written twice.
 */
final class Docs {
    private Docs() {}

    private static final Properties TEXT = new Properties();

    static {
        try (InputStream in = Docs.class.getResourceAsStream("descriptions.properties")) {
            TEXT.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paragraph for {@code kind.name} (kind: layer, loss, optimizer, activation, initializer, metric), or null. */
    static String description(String kind, String name) {
        return TEXT.getProperty(kind + "." + name);
    }

    /** What a keyword declares, with an example, or null for a word that is not one. */
    static String keyword(String word) {
        String text = description("keyword", word);
        return text == null ? null : "**" + word + "**\n\n" + text;
    }

    /** Keras's signature of a layer: {@code Dense(units, activation=None, use_bias=True, ...)}. */
    static String signature(LayerRule rule) {
        return rule.kind().kerasName() + "(" + rule.signature().stream().map(Docs::parameter).collect(Collectors.joining(", ")) + ")";
    }

    static String parameter(ArgSpec a) {
        return a.required() ? a.name() : a.name() + "=" + literal(a.defaultValue());
    }

    /** A default value as Keras writes it. */
    static String literal(Object v) {
        if (v == null) return "None";
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof List<?> l) {
            String inner = l.stream().map(Docs::literal).collect(Collectors.joining(", "));
            return "(" + inner + (l.size() == 1 ? ",)" : ")");
        }
        if (v instanceof Number) return v.toString();
        if (v instanceof dev.dlm.compiler.ir.Initializer i) return "'" + i.kerasName() + "'";
        // An initializer or another named object: Keras writes its name as a string.
        String s = v.toString();
        return s.matches("[A-Za-z_][A-Za-z0-9_]*") ? "'" + s + "'" : s;
    }

    /** Markdown for a layer kind without shapes: signature, description and arguments. */
    static String layer(LayerRule rule) {
        StringBuilder sb = new StringBuilder();
        sb.append("```python\n").append(signature(rule)).append("\n```\n\n");
        String d = description("layer", rule.kind().kerasName());
        if (d != null) sb.append(d).append("\n\n");
        return sb.toString();
    }

    /** Markdown for one argument: {@code units}: a positive int (required). */
    static String argument(ArgSpec a) {
        return "`" + a.name() + "`: " + a.type().description() + (a.required() ? " (required)" : ", default `" + literal(a.defaultValue()) + "`");
    }

    /** Markdown for a name used as a loss, optimizer, activation, initializer or metric; null if it is none of them. */
    static String builtin(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String loss = Catalogs.loss(n) == null ? null : Catalogs.loss(n).kerasName();
        if (loss != null) return "**loss** `" + loss + "`" + (loss.equals(n) ? "" : " (alias `" + n + "`)") + "\n\n" + description("loss", loss);
        Catalogs.OptimizerForm opt = Catalogs.OPTIMIZERS.get(n);
        if (opt != null) return optimizer(n, opt.defaults());
        String act = Catalogs.activation(n) == null ? null : Catalogs.activation(n).kerasName();
        if (act != null) return "**activation** `" + act + "`\n\n" + description("activation", act);
        if (Catalogs.initializer(n) != null) return "**initializer** `" + n + "`\n\n" + description("initializer", n);
        String metric = Catalogs.metric(n) == null ? null : Catalogs.metric(n).kerasName();
        if (metric != null) return "**metric** `" + metric + "`\n\n" + description("metric", metric);
        LayerRule rule = LayerCatalogue.rule(name);
        if (rule != null) return layer(rule);
        return null;
    }

    private static String optimizer(String name, Map<String, Object> defaults) {
        List<String> args = new ArrayList<>();
        for (var e : defaults.entrySet()) {
            args.add(e.getKey() + "=" + (e.getValue() instanceof Number d ? number(d.doubleValue()) : literal(e.getValue())));
        }
        return "**optimizer** `" + name + "`\n\n```python\n" + name + "(" + String.join(", ", args) + ")\n```\n\n"
                + description("optimizer", name);
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf((long) d) + ".0";
        return Double.toString(d).replace("E", "e");
    }
}
