package dev.dlm.compiler.ir;

import dev.dlm.compiler.source.Span;

/**
 * An {@code expect} on a result only a run can know, e.g. {@code expect test.accuracy >= 0.98}:
 * {@code split} is {@code test}, {@code train} or {@code val}; {@code metric} is {@code accuracy}
 * or {@code loss}; {@code op} one of {@code == != < <= > >=}. Checked by {@code dlmc run}.
 */
public record MetricExpectation(String split, String metric, String op, double value, Span span) {

    public boolean holds(double actual) {
        return switch (op) {
            case "==" -> actual == value;
            case "!=" -> actual != value;
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            case ">" -> actual > value;
            case ">=" -> actual >= value;
            default -> throw new IllegalStateException(op);
        };
    }

    @Override public String toString() { return split + "." + metric + " " + op + " " + value; }
}
