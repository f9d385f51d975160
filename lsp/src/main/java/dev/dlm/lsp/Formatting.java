package dev.dlm.lsp;

import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.source.SourceFile;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

import java.util.ArrayList;
import java.util.List;

/**
 * Formatting with {@code dlmc fmt}'s formatter, as the smallest line edits that turn the
 * document into its canonical text (so the cursor and folds stay put); a range request keeps
 * the edits that touch its lines. A document that does not parse is left alone.
 */
final class Formatting {
    private Formatting() {}

    static List<TextEdit> format(SourceFile source, Range range) {
        String formatted = DlmCompiler.format(source).formatted();
        if (formatted == null || formatted.equals(source.text())) return List.of();
        List<TextEdit> edits = lineEdits(source.text(), formatted);
        if (range == null) return edits;
        int first = range.getStart().getLine();
        int last = range.getEnd().getLine();
        return edits.stream().filter(e -> e.getRange().getEnd().getLine() >= first && e.getRange().getStart().getLine() <= last).toList();
    }

    /** Line-level edits from {@code before} to {@code after}: a longest common subsequence of lines, then one edit per changed run. */
    static List<TextEdit> lineEdits(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) prefix++;
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) suffix++;
        List<String> x = a.subList(prefix, a.size() - suffix);
        List<String> y = b.subList(prefix, b.size() - suffix);
        int[][] lcs = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<TextEdit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) { i++; j++; continue; }
            int fromI = i;
            int fromJ = j;
            while ((i < x.size() || j < y.size()) && !(i < x.size() && j < y.size() && x.get(i).equals(y.get(j)))) {
                if (j >= y.size() || (i < x.size() && lcs[i + 1][j] >= lcs[i][j + 1])) i++;
                else j++;
            }
            if (i - fromI == j - fromJ) {
                // Line for line: one edit per line, so a range request can take a single line.
                for (int k = 0; k < i - fromI; k++) {
                    edits.add(new TextEdit(new Range(new Position(prefix + fromI + k, 0), new Position(prefix + fromI + k + 1, 0)), y.get(fromJ + k)));
                }
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (String line : y.subList(fromJ, j)) text.append(line);
            edits.add(new TextEdit(new Range(new Position(prefix + fromI, 0), new Position(prefix + i, 0)), text.toString()));
        }
        return edits;
    }

    /** The lines of a text, each with its terminator; a last line without one is kept as is. */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\n') { out.add(s.substring(start, k + 1)); start = k + 1; }
        }
        if (start < s.length()) out.add(s.substring(start));
        return out;
    }
}
