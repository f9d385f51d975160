package dev.dlm.lsp;

import dev.dlm.compiler.check.SweepChecker;
import dev.dlm.compiler.check.TrainChecker;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.ArgType;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completion from the text before the cursor, so it works in a file that does not parse
 * yet: layer names and whole-call snippets inside a model, argument names (with types and
 * defaults) and argument values inside a layer call, settings and their values inside
 * {@code train}, data sources after {@code data}, {@code cell}s in a sweep and their bindings,
 * {@code expect} and {@code reference} keys, and {@code let} names wherever a value goes.
 */
final class Completions {
    private Completions() {}

    static final List<String> KEYWORDS = List.of("let", "data", "model", "train", "expect", "sweep", "cell", "reference", "in", "if");
    /** The keywords that open an item at the top level of a file. */
    static final List<String> ITEMS = List.of("let", "data", "model", "train", "expect", "sweep");
    static final List<String> DATA_SOURCES = List.of("mnist", "fashion_mnist", "idx", "csv", "cifar10");

    /** Where the cursor is: the innermost unclosed bracket before it, and what precedes that bracket. */
    private record Context(char open, int openAt, String owner, String segment) {}

    static List<CompletionItem> complete(Analysis a, String text, int offset) {
        int wordStart = Positions.wordStart(text, offset);
        Range replace = Positions.range(a.source(), wordStart, offset);
        Context ctx = context(text, wordStart);
        List<CompletionItem> out = new ArrayList<>();
        String before = ctx.segment().strip();
        if (ctx.open() == '(') {
            LayerRule rule = LayerCatalogue.rule(ctx.owner());
            int eq = before.lastIndexOf('=');
            if (eq >= 0) {
                String arg = lastWord(before.substring(0, eq));
                values(rule, arg, replace, out);
                lets(a, replace, out);
            } else if (rule != null) {
                arguments(rule, replace, out);
                lets(a, replace, out);
            } else if (ctx.owner().equals("Bidirectional")) {
                layers(replace, out);
            } else {
                lets(a, replace, out);
            }
        } else if (ctx.open() == '[') {
            if (ctx.owner().equals("metrics")) {
                for (String m : Catalogs.METRICS) out.add(item(m, CompletionItemKind.EnumMember, Docs.description("metric", m), replace));
            } else {
                lets(a, replace, out);
            }
        } else if (ctx.open() == '{' && ctx.owner().equals("model")) {
            layers(replace, out);
        } else if (ctx.open() == '{' && ctx.owner().equals("cell") && lineBefore(a, text, wordStart).startsWith("reference")) {
            String line = lineBefore(a, text, wordStart);
            if (!line.substring(line.lastIndexOf(',') + 1).contains("=")) {
                for (String key : SweepChecker.REFERENCE_KEYS) {
                    CompletionItem i = item(key, CompletionItemKind.Property, SweepHovers.reference(key), replace);
                    snippet(i, key + " = $0", replace);
                    out.add(i);
                }
            }
        } else if (ctx.open() == '{' && ctx.owner().equals("cell") && lineBefore(a, text, wordStart).startsWith("expect")) {
            expectations(a, replace, out);
        } else if (ctx.open() == '{' && (ctx.owner().equals("train") || ctx.owner().equals("sweep") || ctx.owner().equals("cell"))) {
            int eq = before.lastIndexOf('=');
            int in = before.lastIndexOf(" in ");
            if (eq >= 0) {
                setting(lastWord(before.substring(0, eq)), replace, out);
                lets(a, replace, out);
            } else if (in >= 0) {
                lets(a, replace, out);
            } else {
                for (String s : TrainChecker.SETTINGS) {
                    CompletionItem i = item(s, CompletionItemKind.Property, null, replace);
                    if (ctx.owner().equals("train")) snippet(i, s + " = $0", replace);
                    out.add(i);
                }
                if (!ctx.owner().equals("train")) lets(a, replace, out);
                if (ctx.owner().equals("sweep")) {
                    CompletionItem cell = item("cell", CompletionItemKind.Keyword, Docs.keyword("cell"), replace);
                    snippet(cell, "cell \"${1:label}\" {\n\t$0\n}", replace);
                    out.add(cell);
                } else if (ctx.owner().equals("cell")) {
                    for (String k : List.of("expect", "reference")) out.add(item(k, CompletionItemKind.Keyword, Docs.keyword(k), replace));
                }
            }
        } else {
            String line = lineBefore(a, text, wordStart);
            if (line.equals("data")) {
                for (String d : DATA_SOURCES) out.add(item(d, CompletionItemKind.Module, null, replace));
            } else if (line.startsWith("expect")) {
                expectations(a, replace, out);
            } else if (line.isEmpty()) {
                for (String k : ITEMS) out.add(item(k, CompletionItemKind.Keyword, Docs.keyword(k), replace));
            } else {
                lets(a, replace, out);
            }
        }
        return out;
    }

    /** The text of the cursor's line before {@code offset}, stripped. */
    private static String lineBefore(Analysis a, String text, int offset) {
        return text.substring(a.source().lineStart(a.source().lineOf(offset)), offset).strip();
    }

    /** What can follow {@code expect}: the model's counts and shapes, run results, layer names, constants. */
    private static void expectations(Analysis a, Range replace, List<CompletionItem> out) {
        for (String s : List.of("params", "trainable_params", "non_trainable_params", "output", "input", "test", "val")) {
            out.add(item(s, CompletionItemKind.Property, null, replace));
        }
        for (Analysis.Layer l : a.layers) if (l.name() != null) out.add(item(l.name(), CompletionItemKind.Field, l.kind(), replace));
        lets(a, replace, out);
    }

    private static void layers(Range replace, List<CompletionItem> out) {
        for (LayerRule rule : LayerCatalogue.rules()) {
            CompletionItem i = item(rule.kind().kerasName(), CompletionItemKind.Class, null, replace);
            i.setDetail(Docs.signature(rule));
            i.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, Docs.layer(rule)));
            StringBuilder snippet = new StringBuilder(rule.kind().kerasName()).append('(');
            int n = 1;
            boolean positional = true; // required arguments that lead the signature go by position, as Keras users write them
            for (ArgSpec s : rule.signature()) {
                if (!s.required()) { positional = false; continue; }
                if (n > 1) snippet.append(", ");
                snippet.append(positional ? "" : s.name() + "=").append("${").append(n++).append(':').append(s.name()).append('}');
            }
            snippet.append(")$0");
            snippet(i, snippet.toString(), replace);
            out.add(i);
        }
    }

    private static void arguments(LayerRule rule, Range replace, List<CompletionItem> out) {
        Set<String> seen = new LinkedHashSet<>();
        List<ArgSpec> all = new ArrayList<>(rule.signature());
        all.addAll(LayerCatalogue.COMMON);
        int order = 0;
        for (ArgSpec s : all) {
            if (!seen.add(s.name()) || s.type() == ArgType.IGNORED) continue;
            CompletionItem i = item(s.name(), CompletionItemKind.Field, null, replace);
            i.setDetail(s.type().description() + (s.required() ? " (required)" : " = " + Docs.literal(s.defaultValue())));
            i.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, Docs.argument(s)));
            i.setSortText(String.format("%03d", order++));
            snippet(i, s.name() + "=$0", replace);
            out.add(i);
        }
    }

    private static void values(LayerRule rule, String arg, Range replace, List<CompletionItem> out) {
        if (rule == null) return;
        for (ArgSpec s : rule.signature()) {
            if (!s.name().equals(arg)) continue;
            for (String c : s.type().choices()) {
                String kind = s.type() == ArgType.ACTIVATION ? "activation" : s.type() == ArgType.INITIALIZER ? "initializer" : null;
                out.add(item(c, CompletionItemKind.EnumMember, kind == null ? null : Docs.description(kind, c), replace));
            }
            if (s.type() == ArgType.BOOL) {
                out.add(item("True", CompletionItemKind.Value, null, replace));
                out.add(item("False", CompletionItemKind.Value, null, replace));
            }
            if (s.type() == ArgType.REGULARIZER) {
                for (String r : List.of("l1", "l2", "l1_l2")) {
                    CompletionItem i = item(r, CompletionItemKind.Function, null, replace);
                    snippet(i, r + "(${1:0.01})$0", replace);
                    out.add(i);
                }
            }
            if (s.type() == ArgType.LAYER) layers(replace, out);
        }
    }

    private static void setting(String key, Range replace, List<CompletionItem> out) {
        switch (key) {
            case "loss" -> {
                for (String l : Catalogs.LOSSES) {
                    out.add(item(l, CompletionItemKind.EnumMember, Docs.description("loss", Catalogs.loss(l).kerasName()), replace));
                }
            }
            case "optimizer" -> {
                for (String o : Catalogs.OPTIMIZERS.keySet()) out.add(item(o, CompletionItemKind.EnumMember, Docs.builtin(o), replace));
            }
            case "metrics" -> {
                for (String m : Catalogs.METRICS) out.add(item("[" + m + "]", CompletionItemKind.EnumMember, Docs.description("metric", m), replace));
            }
            case "shuffle" -> {
                out.add(item("True", CompletionItemKind.Value, null, replace));
                out.add(item("False", CompletionItemKind.Value, null, replace));
            }
            default -> { }
        }
    }

    /** A {@code let} declaration at the start of a line, found in text that does not parse. */
    private static final Pattern LET = Pattern.compile("(?m)^[ \\t]*let[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=");

    private static void lets(Analysis a, Range replace, List<CompletionItem> out) {
        if (a.lets.isEmpty()) {
            // A file with a syntax error has no syntax tree (the line being typed is usually the
            // error): its constants are still written at the start of their lines.
            Set<String> seen = new LinkedHashSet<>();
            Matcher m = LET.matcher(a.source().text());
            while (m.find()) {
                if (!seen.add(m.group(1))) continue;
                CompletionItem i = item(m.group(1), CompletionItemKind.Constant, null, replace);
                i.setDetail("let");
                out.add(i);
            }
            return;
        }
        for (Analysis.Let l : a.lets.values()) {
            CompletionItem i = item(l.item().name(), CompletionItemKind.Constant, null, replace);
            i.setDetail(l.value() == null ? "let" : "let = " + l.value());
            out.add(i);
        }
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String doc, Range replace) {
        CompletionItem i = new CompletionItem(label);
        i.setKind(kind);
        if (doc != null) i.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
        i.setTextEdit(Either.forLeft(new TextEdit(replace, label)));
        return i;
    }

    private static void snippet(CompletionItem i, String snippet, Range replace) {
        i.setInsertTextFormat(InsertTextFormat.Snippet);
        i.setTextEdit(Either.forLeft(new TextEdit(replace, snippet)));
    }

    /**
     * Scans back from {@code offset} to the innermost unclosed bracket, skipping strings and
     * comments. The owner of {@code (} is the name called; of {@code [} the setting or argument
     * being assigned; of {@code {} the keyword opening the block.
     */
    private static Context context(String text, int offset) {
        int depth = 0;
        int segmentStart = offset;
        for (int i = offset - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                // A comment runs to the end of its line: restart the segment if the cursor's line part was one.
                int lineStart = text.lastIndexOf('\n', i - 1) + 1;
                int hash = commentStart(text, lineStart, i);
                if (hash >= 0) { i = hash; continue; }
            }
            if (c == ')' || c == ']' || c == '}') depth++;
            else if (c == '(' || c == '[' || c == '{') {
                if (depth > 0) { depth--; continue; }
                String segment = text.substring(i + 1, offset);
                int cut = Math.max(Math.max(segment.lastIndexOf(','), segment.lastIndexOf(';')), c == '{' ? segment.lastIndexOf('\n') : -1);
                if (cut >= 0) segment = segment.substring(cut + 1);
                String head = text.substring(Math.max(0, text.lastIndexOf('\n', i - 1) + 1), i).strip();
                String owner;
                if (c == '(') owner = lastWord(head);
                else if (c == '[') owner = lastWord(head.endsWith("=") ? head.substring(0, head.length() - 1) : head);
                else owner = head.isEmpty() ? "" : firstWord(head);
                return new Context(c, i, owner, segment);
            } else if (c == ',' || c == ';') {
                if (depth == 0 && segmentStart == offset) segmentStart = i + 1;
            }
        }
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return new Context(' ', -1, "", text.substring(lineStart, offset));
    }

    /** The offset of a {@code #} or {@code //} comment between {@code from} and {@code to} outside strings, or -1. */
    private static int commentStart(String text, int from, int to) {
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) { if (c == quote) quote = 0; continue; }
            if (c == '\'' || c == '"') quote = c;
            else if (c == '#' || (c == '/' && i + 1 < to && text.charAt(i + 1) == '/')) return i;
        }
        return -1;
    }

    private static String lastWord(String s) {
        String t = s.strip();
        int end = t.length();
        int start = Positions.wordStart(t, end);
        return t.substring(start, end);
    }

    private static String firstWord(String s) {
        String t = s.strip();
        return t.substring(0, Positions.wordEnd(t, 0));
    }
}
