package io.tatra.model.nn;

/**
 * Sizes of the universal encoder. Input {@code [window × features]}; {@code convLayers} 1-D convolutions of
 * width {@code convKernel} with {@code convChannels} filters; projection to {@code modelDim}; {@code attentionLayers}
 * pre-norm self-attention blocks with {@code attentionHeads} heads and a feed-forward width of {@code ffnDim};
 * mean- and max-pooling over time; a linear map to the {@code embedding}-number representation.
 */
public record EncoderConfig(int window, int features, int convChannels, int convKernel, int convLayers, int modelDim,
                            int attentionHeads, int attentionLayers, int ffnDim, int embedding, float dropout) {
    public EncoderConfig {
        positive("window", window);
        positive("features", features);
        positive("convChannels", convChannels);
        positive("convLayers", convLayers);
        positive("modelDim", modelDim);
        positive("attentionHeads", attentionHeads);
        positive("ffnDim", ffnDim);
        positive("embedding", embedding);
        if (convKernel < 1 || convKernel % 2 == 0) throw new IllegalArgumentException("convKernel must be odd and >= 1, got " + convKernel);
        if (attentionLayers < 0) throw new IllegalArgumentException("attentionLayers must be >= 0, got " + attentionLayers);
        if (modelDim % attentionHeads != 0)
            throw new IllegalArgumentException("modelDim " + modelDim + " must be a multiple of attentionHeads " + attentionHeads);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }

    /** The default: sized for CPU training (about 0.2M encoder parameters). */
    public static EncoderConfig defaults(int window, int features) {
        return new EncoderConfig(window, features, 64, 5, 2, 64, 4, 2, 128, 256, 0.1f);
    }

    /** A tiny encoder for unit tests and the quick demo. */
    public static EncoderConfig tiny(int window, int features) {
        return new EncoderConfig(window, features, 8, 3, 1, 8, 2, 1, 16, 16, 0f);
    }
}
