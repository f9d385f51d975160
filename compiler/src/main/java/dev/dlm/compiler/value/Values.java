package dev.dlm.compiler.value;

import java.math.BigDecimal;

/** Helpers for printing values the way Python and Keras print them. */
public final class Values {
    private Values() {}

    /** {@code 0.45}, {@code 1e-07}, {@code 2.0}: Python's repr of a float. */
    public static String formatFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return ((long) v) + ".0";
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        // Outside [1e-4, 1e16) Java prints scientific notation (1.0E-7); reshape it to 1e-07.
        String repr = Double.toString(v);
        int e = repr.indexOf('E');
        if (e < 0) return repr;
        String mant = repr.substring(0, e);
        if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
        int exp = Integer.parseInt(repr.substring(e + 1));
        return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
}
