package io.tatra.model.nn;

/** The encoder's sizes plus the hidden width of every two-layer head (0: linear heads, as in a linear probe). */
public record ModelConfig(EncoderConfig encoder, int headHidden) {
    public ModelConfig {
        if (encoder == null) throw new IllegalArgumentException("encoder config is required");
        if (headHidden < 0) throw new IllegalArgumentException("headHidden must be >= 0 (0 = linear heads), got " + headHidden);
    }

    /**
     * The default: 64 hidden units per head. Issue 17 found 8-unit heads dying on real data (every GELU unit's
     * pre-activation deep in its flat negative tail, the head stuck on the class prior); 64 left that plateau on
     * every seed tried.
     */
    public static ModelConfig defaults(int window, int features) { return new ModelConfig(EncoderConfig.defaults(window, features), 64); }

    /** The same encoder with linear heads. */
    public ModelConfig linearHeads() { return new ModelConfig(encoder, 0); }

    public static ModelConfig tiny(int window, int features) { return new ModelConfig(EncoderConfig.tiny(window, features), 16); }
}
