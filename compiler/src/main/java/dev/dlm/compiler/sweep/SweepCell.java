package dev.dlm.compiler.sweep;

import dev.dlm.compiler.ir.CheckedModel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a sweep: its {@code index} in the plan's fixed order (0-based, what
 * {@code dlmc sweep --cell K} takes), a {@code label} for tables and progress lines, the
 * {@code bindings} (name to value as written in the file, the cell's own bindings first, then
 * the grid's axes in axis order), the {@code references} it is compared with (metric such as
 * {@code test.accuracy} to the published value, in the order written), its fully checked
 * {@code model}, and {@code text}: the cell as a file of its own (the sweep file with the cell's
 * values in place and no sweep, in the canonical layout), which its run directory keeps as
 * {@code model.dlm} so {@code dlmc run --resume} works on a cell alone.
 */
public record SweepCell(int index, String label, Map<String, String> bindings, Map<String, Double> references,
                        CheckedModel model, String text) {

    public SweepCell {
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
    }

    /** A cell without its text. */
    public SweepCell(int index, String label, Map<String, String> bindings, Map<String, Double> references, CheckedModel model) {
        this(index, label, bindings, references, model, null);
    }

    /** The cell's parameter count (Keras's {@code model.summary()} total). */
    public long params() { return model.totalParams(); }
}
