package dev.dlm.compiler.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * Every layer kind dlm knows, by its Keras class name. The compiler has one rule per kind and
 * the runtime one emitter per kind; both sides are keyed by this enum, so a kind without a
 * rule or an emitter is a compile error (the runtime's registry switches over it
 * exhaustively) or a failing completeness test, never a name looked up at run time.
 */
public enum LayerKind {
    DENSE("Dense"),
    ACTIVATION("Activation"),
    DROPOUT("Dropout"),
    FLATTEN("Flatten"),
    RESHAPE("Reshape"),
    PERMUTE("Permute"),
    REPEAT_VECTOR("RepeatVector"),
    LEAKY_RELU("LeakyReLU"),
    RELU("ReLU"),
    ELU("ELU"),
    SOFTMAX("Softmax"),
    CONV1D("Conv1D"),
    CONV2D("Conv2D"),
    MAX_POOLING1D("MaxPooling1D"),
    MAX_POOLING2D("MaxPooling2D"),
    AVERAGE_POOLING1D("AveragePooling1D"),
    AVERAGE_POOLING2D("AveragePooling2D"),
    GLOBAL_MAX_POOLING1D("GlobalMaxPooling1D"),
    GLOBAL_AVERAGE_POOLING1D("GlobalAveragePooling1D"),
    GLOBAL_MAX_POOLING2D("GlobalMaxPooling2D"),
    GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D"),
    UP_SAMPLING2D("UpSampling2D"),
    BATCH_NORMALIZATION("BatchNormalization"),
    LAYER_NORMALIZATION("LayerNormalization"),
    EMBEDDING("Embedding"),
    SIMPLE_RNN("SimpleRNN"),
    LSTM("LSTM"),
    GRU("GRU"),
    BIDIRECTIONAL("Bidirectional"),
    CONCATENATE("Concatenate"),
    ADD("Add"),
    SUBTRACT("Subtract"),
    MULTIPLY("Multiply"),
    AVERAGE("Average"),
    MAXIMUM("Maximum"),
    DOT("Dot"),
    ZERO_PADDING2D("ZeroPadding2D"),
    CROPPING2D("Cropping2D"),
    SPATIAL_DROPOUT1D("SpatialDropout1D"),
    SPATIAL_DROPOUT2D("SpatialDropout2D"),
    GAUSSIAN_NOISE("GaussianNoise"),
    DEPTHWISE_CONV2D("DepthwiseConv2D"),
    SEPARABLE_CONV2D("SeparableConv2D"),
    CONV2D_TRANSPOSE("Conv2DTranspose"),
    TIME_DISTRIBUTED("TimeDistributed");

    private static final Map<String, LayerKind> BY_NAME = new HashMap<>();

    static {
        for (LayerKind k : values()) BY_NAME.put(k.kerasName, k);
    }

    private final String kerasName;

    LayerKind(String kerasName) { this.kerasName = kerasName; }

    /** Keras's class name: {@code Dense}, {@code SimpleRNN}, {@code LeakyReLU}. */
    public String kerasName() { return kerasName; }

    /** The kind of a Keras class name, or null. Case-sensitive, as Python's names are. */
    public static LayerKind byKerasName(String name) { return BY_NAME.get(name); }

    @Override public String toString() { return kerasName; }
}
