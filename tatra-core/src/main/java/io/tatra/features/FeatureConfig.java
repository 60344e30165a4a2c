package io.tatra.features;

import java.time.Duration;

/**
 * How exchange data older than the bar is treated: a funding rate, open-interest reading or order book is
 * used as of the bar's close only if it is at most this old; otherwise the feature is missing (mask 0).
 *
 * <p>{@code books}: whether order-book snapshots feed the book features at all. Off by default: stored history
 * rarely has books (they exist only where a live session recorded them or a file was imported), and a model trained
 * without them must never be shown one — its book columns were always "missing" in training. A model trained with
 * books has another {@link FeatureSchema} hash, so the two are never confused; the default's hash is unchanged.
 */
public record FeatureConfig(Duration fundingMaxAge, Duration openInterestMaxAge, Duration bookMaxAge, boolean books) {
    public static final FeatureConfig DEFAULT = new FeatureConfig(Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(5), false);

    public FeatureConfig {
        positive(fundingMaxAge, "fundingMaxAge");
        positive(openInterestMaxAge, "openInterestMaxAge");
        positive(bookMaxAge, "bookMaxAge");
    }

    /** Without order books (the default). */
    public FeatureConfig(Duration fundingMaxAge, Duration openInterestMaxAge, Duration bookMaxAge) {
        this(fundingMaxAge, openInterestMaxAge, bookMaxAge, false);
    }

    public FeatureConfig withBooks(boolean b) { return new FeatureConfig(fundingMaxAge, openInterestMaxAge, bookMaxAge, b); }

    /**
     * The configuration a saved model's feature schema hash stands for: the default, with or without books; null when
     * the hash is neither (a model from another catalogue — loading it is refused with the schema message).
     */
    public static FeatureConfig forSchema(String hash) {
        for (FeatureConfig c : new FeatureConfig[]{DEFAULT, DEFAULT.withBooks(true)}) if (FeatureSchema.of(c).hash().equals(hash)) return c;
        return null;
    }

    /** {@link #forSchema}, or the default when the hash is unknown (the schema check then refuses the model with its message). */
    public static FeatureConfig forSchemaOrDefault(String hash) {
        FeatureConfig c = forSchema(hash);
        return c == null ? DEFAULT : c;
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("feature config: " + name + " must be a positive duration, got " + d);
    }
}
