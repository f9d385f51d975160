package dev.dlm.compiler.ir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss's Keras arguments, resolved: {@code from_logits} (the model outputs scores, not
 * probabilities), {@code label_smoothing} (targets pulled towards uniform) and Huber's
 * {@code delta}. Which of them a loss accepts is {@link Loss#arguments()}; the others keep
 * Keras's defaults.
 */
public record LossOptions(boolean fromLogits, double labelSmoothing, double delta) {

    /** Keras's defaults: {@code from_logits=False, label_smoothing=0.0, delta=1.0}. */
    public static final LossOptions DEFAULT = new LossOptions(false, 0.0, 1.0);

    /** The arguments {@code loss} accepts, by Keras's names, with these values (Keras's {@code get_config()} order). */
    public Map<String, Object> config(Loss loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String a : loss.arguments()) {
            switch (a) {
                case "from_logits" -> m.put(a, fromLogits);
                case "label_smoothing" -> m.put(a, labelSmoothing);
                case "delta" -> m.put(a, delta);
                default -> throw new AssertionError(a);
            }
        }
        return m;
    }
}
