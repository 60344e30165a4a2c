package io.tatra.features;

import java.time.Duration;

/**
 * How exchange data older than the bar is treated: a funding rate, open-interest reading or order book is
 * used as of the bar's close only if it is at most this old; otherwise the feature is missing (mask 0).
 */
public record FeatureConfig(Duration fundingMaxAge, Duration openInterestMaxAge, Duration bookMaxAge) {
    public static final FeatureConfig DEFAULT = new FeatureConfig(Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(5));

    public FeatureConfig {
        positive(fundingMaxAge, "fundingMaxAge");
        positive(openInterestMaxAge, "openInterestMaxAge");
        positive(bookMaxAge, "bookMaxAge");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("feature config: " + name + " must be a positive duration, got " + d);
    }
}
