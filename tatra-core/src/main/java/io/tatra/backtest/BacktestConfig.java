package io.tatra.backtest;

/**
 * @param capital      starting equity (quote currency)
 * @param timing       when signals fill (default next bar's open)
 * @param leverageCap  largest gross exposure, all symbols together, as a multiple of equity
 * @param maxPosition  largest position in one symbol as a fraction of equity
 */
public record BacktestConfig(double capital, CostConfig costs, FillTiming timing, double leverageCap, double maxPosition) {
    public BacktestConfig {
        if (!(capital > 0) || !Double.isFinite(capital)) throw new IllegalArgumentException("capital must be finite and > 0, got " + capital);
        if (costs == null || timing == null) throw new IllegalArgumentException("costs and fill timing are required");
        if (!(leverageCap > 0 && leverageCap <= 100)) throw new IllegalArgumentException("leverage cap must be in (0, 100], got " + leverageCap);
        if (!(maxPosition > 0 && maxPosition <= leverageCap)) throw new IllegalArgumentException("max position must be in (0, leverage cap], got " + maxPosition);
    }

    /** 10,000 capital, Bybit linear costs, next-open fills, 1× gross, 1× per symbol. */
    public static BacktestConfig defaults() { return new BacktestConfig(10_000, CostConfig.bybitLinear(), FillTiming.NEXT_OPEN, 1, 1); }

    public BacktestConfig withCosts(CostConfig c) { return new BacktestConfig(capital, c, timing, leverageCap, maxPosition); }

    public BacktestConfig withTiming(FillTiming t) { return new BacktestConfig(capital, costs, t, leverageCap, maxPosition); }
}
