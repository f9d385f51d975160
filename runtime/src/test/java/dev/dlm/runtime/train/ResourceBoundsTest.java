package dev.dlm.runtime.train;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.testing.Models;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, classes 6 and 8: the estimate's batch, and seeds that can be typed back. */
class ResourceBoundsTest {

    @Test
    void theEstimateUsesNoMoreSamplesThanTheTrainingSetHas() {
        CheckedModel huge = Models.input(784).data(28, 28).dense(128, "relu").dense(10, "softmax").batchSize(1_000_000).build();
        assertEquals(MemoryEstimate.bytes(huge, 2000), MemoryEstimate.bytes(Models.input(784).data(28, 28).dense(128, "relu")
                .dense(10, "softmax").batchSize(2000).build()));
        assertTrue(MemoryEstimate.bytes(huge) > MemoryEstimate.bytes(huge, 2000));
        assertNull(MemoryEstimate.check(huge, 2000), "--batch-size 1000000 --train-limit 2000 fits: the batch is 2,000");
    }

    @Test
    void automaticSeedsAreNeverNegative() {
        for (int i = 0; i < 10_000; i++) {
            long seed = Trainer.automaticSeed();
            assertTrue(seed >= 0 && seed <= Integer.MAX_VALUE, Long.toString(seed));
        }
    }
}
