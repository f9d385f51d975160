package dev.dlm.lsp;

import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.check.SweepChecker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hover text inside a {@code sweep}: on a cell's label (or its {@code cell} keyword), the
 * indexes {@code dlmc sweep --cell} takes for it, its bindings, its parameter count and the
 * published numbers it is compared with; on a {@code reference} key, what the number means.
 * The cells are expanded and checked on the first such hover ({@link Analysis#sweepCells()}).
 */
final class SweepHovers {
    private SweepHovers() {}

    /** The hover for {@code offset} in the sweep, with the span it covers, or null when it is not on a cell or a reference. */
    static Found at(Analysis a, int offset) {
        for (Item item : a.ast().items()) {
            if (!(item instanceof Item.Sweep sweep)) continue;
            for (int i = 0; i < sweep.cells().size(); i++) {
                Item.Cell cell = sweep.cells().get(i);
                for (Item.Reference r : cell.references()) {
                    if (Analysis.contains(r.keySpan(), offset)) {
                        return new Found(reference(r.key()), r.keySpan().start(), r.keySpan().end());
                    }
                }
                int keywordEnd = cell.span().start() + "cell".length();
                boolean onKeyword = cell.span().start() <= offset && offset <= keywordEnd;
                if (onKeyword || (cell.labelSpan() != null && Analysis.contains(cell.labelSpan(), offset))) {
                    int end = cell.labelSpan() != null ? cell.labelSpan().end() : keywordEnd;
                    return new Found(cell(a, sweep, i), cell.span().start(), end);
                }
            }
        }
        return null;
    }

    /** Hover text and the source range it belongs to. */
    record Found(String markdown, int start, int end) {}

    static String reference(String key) {
        String[] parts = key.split("\\.", 2);
        String split = parts[0].equals("train") ? "the last epoch's training " + parts[1] + " (as Keras logs it, dropout active)"
                : "the " + parts[1] + " on the test set after the last epoch";
        return "**reference** `" + key + "`\n\nThe published value of " + split + " for this cell (e.g. the book's table). "
                + "`dlmc sweep` writes the measured value beside it, with the difference and a mark when it lies outside "
                + "the seed-to-seed noise; a reference is never a pass/fail check (that is `expect`).";
    }

    private static String cell(Analysis a, Item.Sweep sweep, int position) {
        Item.Cell cell = sweep.cells().get(position);
        StringBuilder sb = new StringBuilder("**cell**");
        if (cell.label() != null) sb.append(" \"").append(cell.label()).append('"');
        sb.append("\n\n");
        List<SweepChecker.Expanded> all = a.sweepCells();
        List<SweepChecker.Expanded> mine = all.stream().filter(e -> e.cell() == cell).toList();
        if (mine.isEmpty()) {
            return sb.append("_the sweep does not check yet: its cells are numbered once it does_\n").toString();
        }
        int first = mine.get(0).index();
        int perCell = mine.size();
        sb.append(perCell == 1 ? "Cell " + first : "Cells " + first + "–" + (first + perCell - 1))
                .append(" of ").append(all.size()).append(" (`dlmc sweep FILE --cell ").append(first).append("`)\n\n");
        for (SweepChecker.Expanded e : mine) {
            List<String> bindings = new ArrayList<>();
            e.bindings().forEach((name, b) -> bindings.add(name + " = " + b.text()));
            sb.append("- ").append(perCell == 1 ? "" : "cell " + e.index() + ": ").append(String.join(", ", bindings));
            if (e.model() != null) sb.append(String.format(Locale.ROOT, " · %,d params", e.model().totalParams()));
            else sb.append(" · _does not check_");
            sb.append('\n');
        }
        SweepChecker.Expanded one = mine.get(0);
        if (!one.references().isEmpty()) {
            List<String> refs = new ArrayList<>();
            one.references().forEach((k, v) -> refs.add(k + " " + (k.endsWith("accuracy") ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                    : String.format(Locale.ROOT, "%.4f", v))));
            sb.append("\nreference: ").append(String.join(", ", refs)).append('\n');
        }
        return sb.toString();
    }
}
