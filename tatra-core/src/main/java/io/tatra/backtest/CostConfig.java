package io.tatra.backtest;

/**
 * Trading costs. Market orders pay the taker fee; slippage moves every fill against the trader by
 * {@code fixedBps/10⁴ + volMultiple·σ}, σ the trailing one-bar return volatility (24 bars, known at the signal).
 *
 * @param takerFee fraction of notional (Bybit linear taker 0.055 % = 0.00055)
 * @param makerFee fraction of notional (for limit fills; the engine sends market orders)
 */
public record CostConfig(double takerFee, double makerFee, double fixedBps, double volMultiple) {
    public CostConfig {
        if (!(takerFee >= 0 && takerFee < 0.01) || !(makerFee > -0.01 && makerFee < 0.01))
            throw new IllegalArgumentException("fees are fractions of notional below 1 %, got taker " + takerFee + ", maker " + makerFee);
        if (!(fixedBps >= 0 && fixedBps < 1000)) throw new IllegalArgumentException("slippage must be in [0, 1000) bps, got " + fixedBps);
        if (!(volMultiple >= 0 && volMultiple < 10)) throw new IllegalArgumentException("volatility slippage multiple must be in [0, 10), got " + volMultiple);
    }

    /** Bybit linear perpetual: taker 0.055 %, maker 0.02 %, 2 bps slippage. */
    public static CostConfig bybitLinear() { return new CostConfig(0.00055, 0.0002, 2, 0); }

    public static CostConfig free() { return new CostConfig(0, 0, 0, 0); }

    /** Slippage as a fraction of price for a trailing one-bar volatility σ. */
    public double slippage(double sigma) { return fixedBps / 1e4 + volMultiple * (Double.isFinite(sigma) ? sigma : 0); }
}
