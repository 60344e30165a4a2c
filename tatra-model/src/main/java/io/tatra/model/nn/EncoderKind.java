package io.tatra.model.nn;

/** Which sequence model the encoder runs over the window, before the shared pooling and representation map. */
public enum EncoderKind {
    /** 1-D convolutions, a position embedding and pre-norm self-attention blocks (the default). */
    ATTENTION,
    /**
     * A unidirectional LSTM (design document 003's sequence specialist): {@code attentionLayers} stacked layers of
     * {@code modelDim} units over the raw window (the convolutions and attention are not used). Causal by construction;
     * DJL's bidirectional LSTM is broken on PyTorch, and a causal model does not need it.
     */
    LSTM
}
