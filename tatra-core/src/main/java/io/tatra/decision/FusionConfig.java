package io.tatra.decision;

/**
 * The rule-based fusion's parameters.
 *
 * @param riskPerTrade   fraction of capital lost if the stop is hit at full consistency (e.g. 0.01 = 1 %)
 * @param maxSize        the leverage cap: the largest position as a fraction of capital
 * @param stopSigmas     stop distance in forecast horizon volatilities (σ·√h)
 * @param takeSigmas     take-profit distance in horizon volatilities
 * @param minConsistency below this consistency the decision is flat (contradicting heads skip the trade)
 * @param minEdge        below this |P(up) − P(down)| the decision is flat (no directional edge)
 */
public record FusionConfig(double riskPerTrade, double maxSize, double stopSigmas, double takeSigmas, double minConsistency, double minEdge) {
    public FusionConfig {
        if (!(riskPerTrade > 0 && riskPerTrade <= 0.2)) throw new IllegalArgumentException("riskPerTrade must be in (0, 0.2], got " + riskPerTrade);
        if (!(maxSize > 0 && maxSize <= 10)) throw new IllegalArgumentException("maxSize (leverage cap) must be in (0, 10], got " + maxSize);
        if (!(stopSigmas > 0) || !(takeSigmas > 0)) throw new IllegalArgumentException("stop and take-profit multiples must be > 0");
        if (!(minConsistency >= 0 && minConsistency < 1)) throw new IllegalArgumentException("minConsistency must be in [0, 1), got " + minConsistency);
        if (!(minEdge >= 0 && minEdge < 1)) throw new IllegalArgumentException("minEdge must be in [0, 1), got " + minEdge);
    }

    /** 1 % risk per trade, at most 1× capital, stop 1.5 σ√h, take profit 2.5 σ√h, flat below consistency 0.5 or edge 0.05. */
    public static FusionConfig defaults() { return new FusionConfig(0.01, 1.0, 1.5, 2.5, 0.5, 0.05); }

    public FusionConfig withRiskPerTrade(double v) { return new FusionConfig(v, maxSize, stopSigmas, takeSigmas, minConsistency, minEdge); }

    public FusionConfig withMaxSize(double v) { return new FusionConfig(riskPerTrade, v, stopSigmas, takeSigmas, minConsistency, minEdge); }

    public FusionConfig withStops(double stop, double take) { return new FusionConfig(riskPerTrade, maxSize, stop, take, minConsistency, minEdge); }

    public FusionConfig withThresholds(double consistency, double edge) { return new FusionConfig(riskPerTrade, maxSize, stopSigmas, takeSigmas, consistency, edge); }
}
