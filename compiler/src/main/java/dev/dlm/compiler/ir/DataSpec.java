package dev.dlm.compiler.ir;

import dev.dlm.compiler.shape.Shape;
import dev.dlm.compiler.source.Span;

/**
 * Where the samples come from and what one looks like. {@code sampleShape} is null when the
 * file leaves it to the data (a CSV's column count). Pixels are scaled by {@code scale} (1/255
 * for images); labels are one-hot over {@code classes} when {@code oneHot}. {@code span} is
 * the {@code data} item, where problems with the data are reported.
 */
public record DataSpec(DataSource source, Shape sampleShape, int classes, double scale, boolean oneHot, Span span) {

    /** What messages call the source: {@code mnist}, {@code csv}... */
    public String kind() { return source.keyword(); }

    /** This spec reading {@code other} instead of its source. */
    public DataSpec withSource(DataSource other) { return new DataSpec(other, sampleShape, classes, scale, oneHot, span); }

    /** True when the targets are real values (a CSV regression), not class labels. */
    public boolean realTargets() { return source instanceof DataSource.Csv csv && csv.realTargets(); }
}
