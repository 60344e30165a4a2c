package io.tatra.model.nn;

/**
 * Sizes of the universal encoder. Input {@code [window × features]}; {@code convLayers} 1-D convolutions of
 * width {@code convKernel} with {@code convChannels} filters; projection to {@code modelDim}; {@code attentionLayers}
 * pre-norm self-attention blocks with {@code attentionHeads} heads and a feed-forward width of {@code ffnDim};
 * mean- and max-pooling over time; a linear map to the {@code embedding}-number representation.
 *
 * @param lastStep also hand the representation the last step's token and the last step's raw (normalized) input
 *                 features, beside the pooled summary: the bar being decided on is not washed out by pooling over the
 *                 window, and a linear read-out of the last step (what a logistic baseline sees) stays expressible.
 *                 False in models saved before it existed (their cards lack the field).
 * @param kind     the sequence model: attention (default; also for cards saved before the field existed) or an LSTM
 *                 with {@code attentionLayers} layers of {@code modelDim} units
 */
public record EncoderConfig(int window, int features, int convChannels, int convKernel, int convLayers, int modelDim,
                            int attentionHeads, int attentionLayers, int ffnDim, int embedding, float dropout, boolean lastStep, EncoderKind kind) {
    public EncoderConfig {
        if (kind == null) kind = EncoderKind.ATTENTION;
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
        if (kind == EncoderKind.LSTM && attentionLayers < 1) throw new IllegalArgumentException("an LSTM encoder needs attentionLayers >= 1 (its layer count)");
        if (modelDim % attentionHeads != 0)
            throw new IllegalArgumentException("modelDim " + modelDim + " must be a multiple of attentionHeads " + attentionHeads);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }

    /** The default: sized for CPU training (about 0.2M encoder parameters), with the last-step path (issue 17). */
    public static EncoderConfig defaults(int window, int features) {
        return new EncoderConfig(window, features, 64, 5, 2, 64, 4, 2, 128, 256, 0.1f, true, EncoderKind.ATTENTION);
    }

    /** A tiny encoder for unit tests and the quick demo, with the last-step path. */
    public static EncoderConfig tiny(int window, int features) {
        return new EncoderConfig(window, features, 8, 3, 1, 8, 2, 1, 16, 16, 0f, true, EncoderKind.ATTENTION);
    }

    /** The same sizes with or without the last-step path. */
    public EncoderConfig withLastStep(boolean on) {
        return new EncoderConfig(window, features, convChannels, convKernel, convLayers, modelDim, attentionHeads, attentionLayers, ffnDim, embedding, dropout, on, kind);
    }

    /** The same sizes with another sequence model. */
    public EncoderConfig withKind(EncoderKind k) {
        return new EncoderConfig(window, features, convChannels, convKernel, convLayers, modelDim, attentionHeads, attentionLayers, ffnDim, embedding, dropout, lastStep, k);
    }

    /** Width of what the final linear map reads: mean and max pooling, plus the last step's token and inputs when on. */
    public int pooledWidth() { return 2 * modelDim + (lastStep ? modelDim + features : 0); }
}
