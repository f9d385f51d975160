package dev.dlm.compiler.ir;

import java.util.List;
import java.util.Locale;

/** Keras's metrics dlm computes besides the loss. Keras accepts {@code acc} for accuracy. */
public enum Metric {
    ACCURACY("accuracy");

    private final String kerasName;

    Metric(String kerasName) { this.kerasName = kerasName; }

    public String kerasName() { return kerasName; }

    public static List<String> names() { return java.util.Arrays.stream(values()).map(Metric::kerasName).toList(); }

    /** The metric a name denotes (any case), or null. */
    public static Metric byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("acc")) return ACCURACY;
        for (Metric m : values()) if (m.kerasName.equals(n)) return m;
        return null;
    }

    @Override public String toString() { return kerasName; }
}
