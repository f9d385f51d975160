package dev.dlm.runtime.emit;

import dev.dlm.compiler.ir.LayerKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * The emitter of each layer kind, keyed by {@link LayerKind}. The table is built by an
 * exhaustive switch over the enum: a kind the compiler knows but the runtime cannot emit does
 * not compile.
 */
public final class Emitters {

    private static final Map<LayerKind, LayerEmitter> BY_KIND = new EnumMap<>(LayerKind.class);

    static {
        for (LayerKind kind : LayerKind.values()) BY_KIND.put(kind, create(kind));
    }

    private Emitters() {}

    private static LayerEmitter create(LayerKind kind) {
        return switch (kind) {
            case DENSE -> new DenseEmitter();
            case ACTIVATION -> new ActivationEmitter();
            case LEAKY_RELU -> new LeakyReluEmitter();
            case RELU -> new ReluEmitter();
            case ELU -> new EluEmitter();
            case SOFTMAX -> new SoftmaxEmitter();
            case DROPOUT -> new DropoutEmitter();
            case RESHAPE -> new ReshapeEmitter();
            case FLATTEN -> new ChannelsFirstEmitter(new ReshapeEmitter());
            case PERMUTE -> new PermuteEmitter();
            case REPEAT_VECTOR -> new RepeatVectorEmitter();
            case CONV1D -> new ChannelsFirstEmitter(new ConvEmitter(1));
            case CONV2D -> new ChannelsFirstEmitter(new ConvEmitter(2));
            case MAX_POOLING1D -> new ChannelsFirstEmitter(new PoolingEmitter(1, true));
            case MAX_POOLING2D -> new ChannelsFirstEmitter(new PoolingEmitter(2, true));
            case AVERAGE_POOLING1D -> new ChannelsFirstEmitter(new PoolingEmitter(1, false));
            case AVERAGE_POOLING2D -> new ChannelsFirstEmitter(new PoolingEmitter(2, false));
            case GLOBAL_MAX_POOLING1D, GLOBAL_MAX_POOLING2D -> new ChannelsFirstEmitter(new GlobalPoolingEmitter(true));
            case GLOBAL_AVERAGE_POOLING1D, GLOBAL_AVERAGE_POOLING2D -> new ChannelsFirstEmitter(new GlobalPoolingEmitter(false));
            case UP_SAMPLING2D -> new ChannelsFirstEmitter(new UpSamplingEmitter());
            case BATCH_NORMALIZATION -> new BatchNormEmitter();
            case LAYER_NORMALIZATION -> new LayerNormEmitter();
            case EMBEDDING -> new EmbeddingEmitter();
            case SIMPLE_RNN -> new RecurrentEmitter(RecurrentEmitter.Cell.SIMPLE);
            case LSTM -> new RecurrentEmitter(RecurrentEmitter.Cell.LSTM);
            case GRU -> new RecurrentEmitter(RecurrentEmitter.Cell.GRU);
            case BIDIRECTIONAL -> new BidirectionalEmitter();
            case CONCATENATE -> new MergeEmitter(LayerKind.CONCATENATE);
            case ADD -> new MergeEmitter(LayerKind.ADD);
            case SUBTRACT -> new MergeEmitter(LayerKind.SUBTRACT);
            case MULTIPLY -> new MergeEmitter(LayerKind.MULTIPLY);
            case AVERAGE -> new MergeEmitter(LayerKind.AVERAGE);
            case MAXIMUM -> new MergeEmitter(LayerKind.MAXIMUM);
            case DOT -> new MergeEmitter(LayerKind.DOT);
            case ZERO_PADDING2D, CROPPING2D -> new ChannelsFirstEmitter(new PaddingEmitter());
            case SPATIAL_DROPOUT1D, SPATIAL_DROPOUT2D -> new DropoutEmitter();
            case GAUSSIAN_NOISE -> new GaussianNoiseEmitter();
            case DEPTHWISE_CONV2D, SEPARABLE_CONV2D -> new ChannelsFirstEmitter(new DepthwiseConvEmitter());
            case CONV2D_TRANSPOSE -> new ChannelsFirstEmitter(new ConvTransposeEmitter());
            case TIME_DISTRIBUTED -> new TimeDistributedEmitter();
        };
    }

    /** The emitter of {@code kind}. */
    public static LayerEmitter forKind(LayerKind kind) { return BY_KIND.get(kind); }
}
