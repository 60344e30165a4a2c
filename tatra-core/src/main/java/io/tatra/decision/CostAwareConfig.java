package io.tatra.decision;

/**
 * The cost-aware policy's settings; thresholds are fitted on the validation part from these, never on the test part.
 *
 * @param entryQuantile the entry threshold is this quantile of |expected return| over the validation windows (the
 *                      policy then enters on the strongest {@code 1 − q} of signals, whatever the model's scale)
 * @param minSkillT     the edge slope's t-statistic on validation must reach this, else the policy does not trade
 * @param minHoldBars   a position is kept at least this many bars before a signal may close or flip it (stops and take
 *                      profits still fire)
 */
public record CostAwareConfig(double entryQuantile, double minSkillT, int minHoldBars) {
    public CostAwareConfig {
        if (!(entryQuantile >= 0 && entryQuantile < 1)) throw new IllegalArgumentException("entry quantile must be in [0, 1), got " + entryQuantile);
        if (!(minSkillT >= 0) || !Double.isFinite(minSkillT)) throw new IllegalArgumentException("minimum skill t-statistic must be finite and >= 0, got " + minSkillT);
        if (minHoldBars < 0 || minHoldBars > 10_000) throw new IllegalArgumentException("minimum holding time must be 0..10000 bars, got " + minHoldBars);
    }

    /** Enter on the top 20 % of validated signals, require t ≥ 2, hold at least one horizon. */
    public static CostAwareConfig defaults(int horizon) { return new CostAwareConfig(0.8, 2.0, horizon); }

    public CostAwareConfig withEntryQuantile(double q) { return new CostAwareConfig(q, minSkillT, minHoldBars); }

    public CostAwareConfig withMinSkillT(double t) { return new CostAwareConfig(entryQuantile, t, minHoldBars); }

    public CostAwareConfig withMinHoldBars(int n) { return new CostAwareConfig(entryQuantile, minSkillT, n); }
}
