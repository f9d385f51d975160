package dev.dlm.compiler.ir;

/**
 * Random transformations of image samples, drawn anew for every training batch and never
 * applied to validation or test samples. An image sample is {@code [height, width, channels]}.
 *
 * @param cropPadding    pad each side with this many zero pixels, then crop a window of the
 *                       original size at a uniformly drawn offset (0: no crop); this shifts the
 *                       image by {@code -cropPadding..cropPadding} whole pixels on each axis
 * @param horizontalFlip mirror the image left to right with probability 1/2
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) throw new IllegalArgumentException("cropPadding < 0: " + cropPadding);
    }

    /** True when this changes nothing. */
    public boolean isNone() { return cropPadding == 0 && !horizontalFlip; }
}
