package io.tatra.model.nn;

/** The encoder's sizes plus the hidden width of every two-layer head. */
public record ModelConfig(EncoderConfig encoder, int headHidden) {
    public ModelConfig {
        if (encoder == null) throw new IllegalArgumentException("encoder config is required");
        if (headHidden < 1) throw new IllegalArgumentException("headHidden must be >= 1, got " + headHidden);
    }

    public static ModelConfig defaults(int window, int features) { return new ModelConfig(EncoderConfig.defaults(window, features), 8); }

    public static ModelConfig tiny(int window, int features) { return new ModelConfig(EncoderConfig.tiny(window, features), 8); }
}
