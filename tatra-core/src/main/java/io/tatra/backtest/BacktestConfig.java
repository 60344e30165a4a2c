package io.tatra.backtest;

import io.tatra.risk.RiskLimits;

/**
 * @param capital starting equity (quote currency)
 * @param costs   fees and slippage (the default execution models)
 * @param timing  when signals fill (default next bar's open)
 * @param risk    the limits every order passes (position and leverage caps, …)
 */
public record BacktestConfig(double capital, CostConfig costs, FillTiming timing, RiskLimits risk) {
    public BacktestConfig {
        if (!(capital > 0) || !Double.isFinite(capital)) throw new IllegalArgumentException("capital must be finite and > 0, got " + capital);
        if (costs == null || timing == null || risk == null) throw new IllegalArgumentException("costs, fill timing and risk limits are required");
    }

    /** 10,000 capital, Bybit linear costs, next-open fills, 1× gross, 1× per symbol. */
    public static BacktestConfig defaults() { return new BacktestConfig(10_000, CostConfig.bybitLinear(), FillTiming.NEXT_OPEN, RiskLimits.defaults()); }

    public BacktestConfig withCapital(double c) { return new BacktestConfig(c, costs, timing, risk); }

    public BacktestConfig withCosts(CostConfig c) { return new BacktestConfig(capital, c, timing, risk); }

    public BacktestConfig withTiming(FillTiming t) { return new BacktestConfig(capital, costs, t, risk); }

    public BacktestConfig withRisk(RiskLimits r) { return new BacktestConfig(capital, costs, timing, r); }
}
