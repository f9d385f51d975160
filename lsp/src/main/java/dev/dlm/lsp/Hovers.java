package dev.dlm.lsp;

import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover text: on a layer, its Keras signature, description, shapes in and out and parameter
 * formula with the numbers filled in; on an argument name, its type and default; on a
 * {@code let}, its value; on a loss, optimizer, activation, initializer or metric, its
 * definition and defaults; on the model's name, its totals; on a keyword, what it declares;
 * on a sweep's cell or reference, what {@link SweepHovers} says.
 */
final class Hovers {
    private Hovers() {}

    static Hover hover(Analysis a, int offset) {
        String text = a.source().text();
        int start = Positions.wordStart(text, offset);
        int end = Positions.wordEnd(text, offset);
        String word = text.substring(start, end);
        String let = a.letAt(offset);
        if (let != null) return markdown(letText(a.lets.get(let)), a, start, end);
        Analysis.Layer layer = a.layerAt(offset);
        if (layer != null && !word.isEmpty()) {
            if (Analysis.contains(layer.call().calleeSpan(), offset)) return markdown(layerText(layer), a, start, end);
            for (Arg arg : layer.call().args()) {
                if (arg.nameSpan() != null && Analysis.contains(arg.nameSpan(), offset)) {
                    String doc = argumentText(layer.call().callee(), arg.name());
                    if (doc != null) return markdown(doc, a, start, end);
                }
            }
        }
        SweepHovers.Found inSweep = SweepHovers.at(a, offset);
        if (inSweep != null) return markdown(inSweep.markdown(), a, inSweep.start(), inSweep.end());
        if (!word.isEmpty()) {
            String doc = Docs.builtin(word);
            if (doc == null && Completions.KEYWORDS.contains(word)) doc = Docs.keyword(word);
            if (doc != null) return markdown(doc, a, start, end);
        }
        if (a.model != null && Analysis.contains(a.model.nameSpan(), offset) && a.totals != null) {
            return markdown("**model** `" + a.model.name() + "`: " + a.layers.size() + " layers\n\n"
                    + InlayHints.total(a.totals), a, start, end);
        }
        if (layer != null) return markdown(layerText(layer), a, layer.call().span().start(), layer.call().span().end());
        return null;
    }

    static String layerText(Analysis.Layer l) {
        LayerRule rule = LayerCatalogue.rule(l.call().callee());
        StringBuilder sb = new StringBuilder();
        if (rule != null) sb.append(Docs.layer(rule));
        if (l.checked()) {
            sb.append("**").append(l.name()).append("** (").append(l.kind()).append(")\n\n");
            sb.append("- input: `").append(l.input()).append("`\n");
            sb.append("- output: `").append(l.output()).append("`\n");
            sb.append("- params: ").append(l.formula());
            if (!l.params().equals(l.trainable())) sb.append(String.format(" (%,d non-trainable)", l.params() - l.trainable()));
            sb.append('\n');
        } else if (rule != null) {
            sb.append("_shapes unknown: this layer or one before it has an error_\n");
        }
        return sb.toString();
    }

    static String argumentText(String kind, String name) {
        LayerRule rule = LayerCatalogue.rule(kind);
        if (rule == null) return null;
        for (ArgSpec s : rule.signature()) if (s.name().equals(name)) return "**" + kind + "** " + Docs.argument(s);
        for (ArgSpec s : LayerCatalogue.COMMON) if (s.name().equals(name)) return "**" + kind + "** " + Docs.argument(s);
        return null;
    }

    private static String letText(Analysis.Let l) {
        String written = l.item().span().text().strip();
        String value = l.value();
        String body = "```dlm\n" + written + "\n```";
        String shownExpr = l.item().value().span().text().strip();
        return value == null || value.equals(shownExpr) ? body : body + "\n\nvalue: `" + value + "`";
    }

    private static Hover markdown(String md, Analysis a, int start, int end) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md), Positions.range(a.source(), start, end));
    }
}
