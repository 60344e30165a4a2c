package io.tatra.labels;

/**
 * How labels are computed for horizon {@code horizon} (bars).
 *
 * @param horizon             bars ahead that direction, return, volatility and the barriers look
 * @param volLookback         bars of trailing 1-bar log returns whose sample std σ scales thresholds (known at t)
 * @param directionThreshold  up if the forward return exceeds this many σ·√h, down below minus it, else sideways;
 *                            0.4307 = Φ⁻¹(2/3) makes the classes a third each for Gaussian returns
 * @param takeProfit          triple barrier: take profit at +takeProfit·σ·√h (log return)
 * @param stopLoss            triple barrier: stop loss at −stopLoss·σ·√h
 * @param trendMinSpan        trend scanning: shortest forward window (bars)
 * @param trendMaxSpan        trend scanning: longest forward window (bars)
 * @param trendThreshold      bull if the t-value of the best forward fit exceeds this, bear below minus it
 */
public record LabelConfig(int horizon, int volLookback, double directionThreshold, double takeProfit, double stopLoss,
                          int trendMinSpan, int trendMaxSpan, double trendThreshold) {
    public LabelConfig {
        if (horizon < 1 || horizon > 10_000) throw new IllegalArgumentException("label horizon must be 1..10000 bars, got " + horizon);
        if (volLookback < 2) throw new IllegalArgumentException("volatility lookback must be >= 2 bars, got " + volLookback);
        if (!(directionThreshold >= 0)) throw new IllegalArgumentException("direction threshold must be >= 0 σ, got " + directionThreshold);
        if (!(takeProfit > 0) || !(stopLoss > 0)) throw new IllegalArgumentException("barrier multiples must be > 0, got take profit " + takeProfit + ", stop loss " + stopLoss);
        if (trendMinSpan < 3 || trendMaxSpan < trendMinSpan)
            throw new IllegalArgumentException("trend spans must satisfy 3 <= min <= max, got " + trendMinSpan + ".." + trendMaxSpan);
        if (!(trendThreshold > 0)) throw new IllegalArgumentException("trend t threshold must be > 0, got " + trendThreshold);
    }

    /** Defaults for a horizon: σ over 64 bars, barriers at ±1 σ√h, trend scanning over 24..96 bars (at least h..4h). */
    public static LabelConfig defaults(int horizon) {
        return new LabelConfig(horizon, 64, 0.4307, 1.0, 1.0, Math.max(24, horizon), Math.max(96, 4 * horizon), DEFAULT_TREND_T);
    }

    /** See {@link Labeler}: calibrated so a driftless random walk is about a third sideways. */
    public static final double DEFAULT_TREND_T = 11.0;

    /** Bars after t that every label needs. */
    public int lookahead() { return Math.max(horizon, trendMaxSpan); }
}
