package dev.dlm.runtime.train;

import java.util.List;

/** The record of a {@code fit}: one {@link EpochStats} per epoch, in order. */
public record History(List<EpochStats> epochs) {
    public History {
        epochs = List.copyOf(epochs);
    }

    public EpochStats last() { return epochs.get(epochs.size() - 1); }
}
