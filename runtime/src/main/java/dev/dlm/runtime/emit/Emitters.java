package dev.dlm.runtime.emit;

import java.util.HashMap;
import java.util.Map;

/** The emitter of each layer kind the runtime supports, by the kind's Keras name. */
public final class Emitters {

    private static final Map<String, LayerEmitter> BY_KIND = new HashMap<>();

    static {
        LayerEmitter reshape = new ReshapeEmitter();
        BY_KIND.put("Dense", new DenseEmitter());
        BY_KIND.put("Activation", new ActivationEmitter());
        BY_KIND.put("Dropout", new DropoutEmitter());
        BY_KIND.put("Flatten", reshape);
        BY_KIND.put("Reshape", reshape);
        BY_KIND.put("Conv1D", new ConvEmitter(1));
        BY_KIND.put("Conv2D", new ConvEmitter(2));
        BY_KIND.put("MaxPooling1D", new PoolingEmitter(1, true));
        BY_KIND.put("MaxPooling2D", new PoolingEmitter(2, true));
        BY_KIND.put("AveragePooling1D", new PoolingEmitter(1, false));
        BY_KIND.put("AveragePooling2D", new PoolingEmitter(2, false));
        BY_KIND.put("GlobalMaxPooling1D", new GlobalPoolingEmitter(true));
        BY_KIND.put("GlobalMaxPooling2D", new GlobalPoolingEmitter(true));
        BY_KIND.put("GlobalAveragePooling1D", new GlobalPoolingEmitter(false));
        BY_KIND.put("GlobalAveragePooling2D", new GlobalPoolingEmitter(false));
        BY_KIND.put("BatchNormalization", new BatchNormEmitter());
        BY_KIND.put("SimpleRNN", new RecurrentEmitter(RecurrentEmitter.Cell.SIMPLE));
        BY_KIND.put("LSTM", new RecurrentEmitter(RecurrentEmitter.Cell.LSTM));
        BY_KIND.put("GRU", new RecurrentEmitter(RecurrentEmitter.Cell.GRU));
        BY_KIND.put("Embedding", new EmbeddingEmitter());
        BY_KIND.put("Bidirectional", new BidirectionalEmitter(Map.copyOf(BY_KIND)));
    }

    private Emitters() {}

    /** The emitter of {@code kind}; an internal error when the checker let an unknown kind through. */
    public static LayerEmitter forKind(String kind) {
        LayerEmitter emitter = BY_KIND.get(kind);
        if (emitter == null) throw new IllegalArgumentException("internal error: no emitter for layer kind " + kind);
        return emitter;
    }
}
