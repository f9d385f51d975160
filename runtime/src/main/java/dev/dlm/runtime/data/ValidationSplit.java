package dev.dlm.runtime.data;

/**
 * A training split divided as Keras's {@code fit(validation_split=f)} divides it: the last
 * {@code f} of the samples, taken in stored order before any shuffling, validate; the rest
 * train. Both parts are views of the original split.
 */
public record ValidationSplit(Split train, Split validation) {

    /**
     * Holds out the last {@code fraction} of {@code samples}. The training part keeps the
     * first {@code floor(size * (1 - fraction))} samples, as Keras computes it.
     *
     * @throws IllegalArgumentException when {@code fraction} is not strictly between 0 and 1
     * @throws DataException when either part would be empty
     */
    public static ValidationSplit of(Split samples, double fraction) throws DataException {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split must be in (0, 1), not " + fraction);
        }
        int size = samples.size();
        int splitAt = (int) Math.floor(size * (1.0 - fraction));
        if (splitAt == 0 || splitAt == size) {
            throw new DataException("validation_split=" + fraction,
                    "the training data has " + size + " samples, too few to split into a training and a"
                            + " validation part",
                    "use more data or a different validation_split");
        }
        return new ValidationSplit(samples.slice(0, splitAt), samples.slice(splitAt, size));
    }
}
