package dev.dlm.compiler.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A choice of cells written as on {@code dlmc sweep --cells}: indexes and inclusive ranges
 * separated by commas ({@code 0,3,5-7}), in any order, repeats ignored.
 */
public final class CellSelection {

    private CellSelection() {}

    /**
     * The chosen indexes, ascending. Throws IllegalArgumentException with a user-facing message
     * for a malformed list, a backwards range, or an index outside {@code 0..size-1}.
     */
    public static List<Integer> parse(String spec, int size) {
        TreeSet<Integer> out = new TreeSet<>();
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("no cells given: write indexes such as 0,3,5-7");
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            if (!p.matches("\\d{1,9}(-\\d{1,9})?")) {
                throw new IllegalArgumentException("`" + p + "` is not a cell index or range (write indexes such as 0,3,5-7)");
            }
            String[] ends = p.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            if (to < from) throw new IllegalArgumentException("the range `" + p + "` runs backwards (write " + to + "-" + from + ")");
            if (to >= size) {
                throw new IllegalArgumentException("cell " + to + " does not exist: this sweep has " + size + " cell" + (size == 1 ? "" : "s")
                        + (size > 0 ? ", 0 to " + (size - 1) : ""));
            }
            for (int i = from; i <= to; i++) out.add(i);
        }
        return new ArrayList<>(out);
    }
}
