package dev.dlm.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one compilation. The same problem at the same place is
 * reported once, however many rules trip over it.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** The errors among {@link #all}, counted as they come: the layer checks ask after every argument. */
    private long errors;

    public void report(Diagnostic d) {
        String key = d.code() + "@" + d.span().start() + ":" + d.span().end() + ":" + d.message();
        if (seen.add(key)) {
            all.add(d);
            if (d.isError()) errors++;
        }
    }

    public void report(Diagnostic.Builder b) { report(b.build()); }

    public boolean hasErrors() { return errors > 0; }

    public long errorCount() { return errors; }

    /**
     * By start offset, then code. Written out rather than composed with {@code comparingInt(..)
     * .thenComparing(..)}: those make three JDK lambda classes on every start, which the
     * class-data-sharing archive does not keep (docs/benchmarks.md).
     */
    private static final Comparator<Diagnostic> SOURCE_ORDER = (a, b) -> {
        int byStart = Integer.compare(a.span().start(), b.span().start());
        return byStart != 0 ? byStart : a.code().compareTo(b.code());
    };

    /** Everything reported, in source order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(all);
        out.sort(SOURCE_ORDER);
        return out;
    }
}
