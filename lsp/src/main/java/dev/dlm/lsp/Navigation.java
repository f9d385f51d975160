package dev.dlm.lsp;

import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.source.Span;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Definition, references and rename of {@code let} names; the outline (items, and the
 * model's layers with their shapes); folding ranges of blocks and comment runs.
 */
final class Navigation {
    private Navigation() {}

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static List<Location> definition(Analysis a, String uri, int offset) {
        String let = a.letAt(offset);
        if (let == null) return List.of();
        return List.of(new Location(uri, Positions.range(a.lets.get(let).item().nameSpan())));
    }

    static List<Location> references(Analysis a, String uri, int offset, boolean includeDeclaration) {
        String let = a.letAt(offset);
        if (let == null) return List.of();
        List<Span> all = a.occurrences(let);
        List<Location> out = new ArrayList<>();
        for (int i = includeDeclaration ? 0 : 1; i < all.size(); i++) out.add(new Location(uri, Positions.range(all.get(i))));
        return out;
    }

    /** The range of the let name under the cursor, or null when there is nothing to rename. */
    static Span renameable(Analysis a, int offset) {
        String let = a.letAt(offset);
        if (let == null) return null;
        for (Span s : a.occurrences(let)) if (Analysis.contains(s, offset)) return s;
        return null;
    }

    static WorkspaceEdit rename(Analysis a, String uri, int offset, String newName) {
        String let = a.letAt(offset);
        if (let == null) return null;
        if (!IDENTIFIER.matcher(newName).matches() || Completions.KEYWORDS.contains(newName)) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "`" + newName + "` is not a valid constant name", null));
        }
        if (!newName.equals(let) && a.lets.containsKey(newName)) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "a constant `" + newName + "` already exists", null));
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Span s : a.occurrences(let)) edits.add(new TextEdit(Positions.range(s), newName));
        return new WorkspaceEdit(Map.of(uri, edits));
    }

    static List<DocumentSymbol> symbols(Analysis a) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Item item : a.ast().items()) {
            if (item instanceof Item.Let l) {
                Analysis.Let let = a.lets.get(l.name());
                out.add(symbol(l.name(), let != null && let.value() != null && let.item() == l ? "= " + let.value() : null,
                        SymbolKind.Constant, l.span(), l.nameSpan()));
            } else if (item instanceof Item.Data d) {
                out.add(symbol("data " + d.source().span().text(), null, SymbolKind.Module, d.span(), d.source().span()));
            } else if (item instanceof Item.Model m) {
                DocumentSymbol s = symbol("model " + m.name(), a.totals == null || item != a.model ? null
                        : InlayHints.total(a.totals), SymbolKind.Class, m.span(), m.nameSpan());
                List<DocumentSymbol> children = new ArrayList<>();
                if (item == a.model) {
                    for (Analysis.Layer l : a.layers) {
                        String name = l.name() != null ? l.name() + " (" + l.kind() + ")" : l.call().callee();
                        children.add(symbol(name, l.checked() ? InlayHints.label(l) : null, SymbolKind.Field, l.call().span(), l.call().calleeSpan()));
                    }
                }
                s.setChildren(children);
                out.add(s);
            } else if (item instanceof Item.Train t) {
                DocumentSymbol s = symbol("train", null, SymbolKind.Struct, t.span(), Positions.keyword(t.span(), 5));
                List<DocumentSymbol> children = new ArrayList<>();
                for (Item.Setting set : t.settings()) {
                    children.add(symbol(set.key(), set.value().span().text(), SymbolKind.Property, set.span(), set.keySpan()));
                }
                s.setChildren(children);
                out.add(s);
            } else if (item instanceof Item.Expect e) {
                out.add(symbol("expect " + e.condition().span().text(), null, SymbolKind.Event, e.span(), e.condition().span()));
            } else if (item instanceof Item.Sweep s) {
                out.add(symbol("sweep", null, SymbolKind.Array, s.span(), Positions.keyword(s.span(), 5)));
            }
        }
        return out;
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, Span all, Span selection) {
        DocumentSymbol s = new DocumentSymbol(name.isBlank() ? "?" : name, kind, Positions.range(all), Positions.range(selection));
        if (detail != null) s.setDetail(detail);
        return s;
    }

    static List<FoldingRange> folding(Analysis a) {
        List<FoldingRange> out = new ArrayList<>();
        for (Item item : a.ast().items()) {
            int first = a.source().lineOf(item.span().start());
            int last = a.source().lineOf(item.span().end());
            if (last > first) out.add(new FoldingRange(first - 1, last - 1));
        }
        // Runs of two or more comment lines.
        int runStart = -1;
        int previous = -2;
        for (var c : a.ast().comments()) {
            int line = a.source().lineOf(c.span().start());
            if (line == previous + 1 && a.source().line(line).strip().startsWith(c.text().strip())) {
                if (runStart < 0) runStart = previous;
            } else {
                if (runStart >= 0) comment(out, runStart, previous);
                runStart = -1;
            }
            previous = a.source().line(line).strip().startsWith(c.text().strip()) ? line : -2;
        }
        if (runStart >= 0) comment(out, runStart, previous);
        return out;
    }

    private static void comment(List<FoldingRange> out, int firstLine, int lastLine) {
        FoldingRange r = new FoldingRange(firstLine - 1, lastLine - 1);
        r.setKind(FoldingRangeKind.Comment);
        out.add(r);
    }
}
