package dev.dlm.lsp;

import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick fixes read from each diagnostic's help: replace a misspelt name ("did you mean
 * `relu`?"), insert {@code Flatten()} before a layer, update an {@code expect}'s expected
 * value. The help text is the compiler's only statement of a fix, so the fix and its words
 * cannot drift apart.
 */
final class QuickFixes {
    private QuickFixes() {}

    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean `([^`]+)`\\?");
    private static final Pattern FLATTEN_BEFORE = Pattern.compile("insert `Flatten\\(\\)` before `\\w+` \\(layer `([^`]+)`\\)");
    private static final Pattern FLATTEN = Pattern.compile("^insert `Flatten\\(\\)`");
    private static final Pattern UPDATE = Pattern.compile("update the expectation to (\\S+)$");

    static List<CodeAction> actions(Analysis a, String uri, Range range) {
        SourceFile source = a.source();
        int from = Positions.offset(source, range.getStart());
        int to = Positions.offset(source, range.getEnd());
        List<CodeAction> out = new ArrayList<>();
        for (Diagnostic d : a.compilation.diagnostics()) {
            if (d.help() == null || d.span().end() < from || d.span().start() > to) continue;
            CodeAction fix = fix(a, d, uri);
            if (fix != null) out.add(fix);
        }
        return out;
    }

    static CodeAction fix(Analysis a, Diagnostic d, String uri) {
        String help = d.help();
        Matcher m = DID_YOU_MEAN.matcher(help);
        if (m.find()) {
            String written = d.span().text();
            String replacement = m.group(1);
            if (written.length() >= 2 && (written.charAt(0) == '\'' || written.charAt(0) == '"')) {
                replacement = written.charAt(0) + replacement + written.charAt(0);
            }
            return action("Replace `" + written + "` with `" + replacement + "`", d, uri, new TextEdit(Positions.range(d.span()), replacement), true);
        }
        m = FLATTEN_BEFORE.matcher(help);
        if (m.find()) {
            String name = m.group(1);
            for (Analysis.Layer l : a.layers) {
                if (name.equals(l.name())) return insertFlatten(a, l.call().span(), d, uri);
            }
            return null;
        }
        if (FLATTEN.matcher(help).find()) {
            Analysis.Layer l = a.layerAt(d.span().start());
            return l == null ? null : insertFlatten(a, l.call().span(), d, uri);
        }
        m = UPDATE.matcher(help);
        if (m.find()) {
            for (Item item : a.ast().items()) {
                if (item instanceof Item.Expect e && e.span().equals(d.span()) && e.condition() instanceof Expr.Binary b && b.op().equals("==")) {
                    // The help writes counts with thousands separators (80,266); dlm writes them 80_266.
                    String value = m.group(1).matches("\\d{1,3}(,\\d{3})+") ? m.group(1).replace(',', '_') : m.group(1);
                    return action("Update the expectation to " + value, d, uri, new TextEdit(Positions.range(b.right().span()), value), true);
                }
            }
        }
        return null;
    }

    /** Inserts {@code Flatten()} on a line of its own before the layer at {@code layer}, with the layer's indentation. */
    private static CodeAction insertFlatten(Analysis a, Span layer, Diagnostic d, String uri) {
        SourceFile source = a.source();
        int line = source.lineOf(layer.start());
        int lineStart = source.lineStart(line);
        String before = source.text().substring(lineStart, layer.start());
        TextEdit edit;
        if (before.isBlank()) {
            edit = new TextEdit(Positions.range(source, layer.start(), layer.start()), "Flatten()\n" + before);
        } else {
            edit = new TextEdit(Positions.range(source, layer.start(), layer.start()), "Flatten(); ");
        }
        return action("Insert `Flatten()` before `" + layer.text().split("\\(")[0].strip() + "`", d, uri, edit, true);
    }

    private static CodeAction action(String title, Diagnostic d, String uri, TextEdit edit, boolean preferred) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(Diagnostics.convert(d, uri)));
        action.setEdit(new WorkspaceEdit(Map.of(uri, List.of(edit))));
        action.setIsPreferred(preferred);
        return action;
    }
}
