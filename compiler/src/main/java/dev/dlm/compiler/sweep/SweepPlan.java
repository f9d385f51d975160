package dev.dlm.compiler.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A file's sweep, expanded: the model's name, the file it was read from, and every cell in the
 * fixed order (the file's {@code cell}s in the order written, each crossed with the grid of its
 * axes in axis order, the last axis fastest; see docs/language.md#sweep).
 */
public record SweepPlan(String modelName, Path file, List<SweepCell> cells) {

    public SweepPlan {
        cells = List.copyOf(cells);
    }

    public int size() { return cells.size(); }

    public SweepCell cell(int index) { return cells.get(index); }
}
