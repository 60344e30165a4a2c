package io.tatra.backtest;

import io.tatra.market.BarSeries;

/** How far a fill moves against the trader, as a fraction of the reference price, from what is known at bar {@code lastKnown}. */
@FunctionalInterface
public interface SlippageModel {
    double fraction(BarSeries bars, int lastKnown);

    /** Today's default: {@code fixedBps/10⁴ + volMultiple·σ}, σ the trailing {@value VolatilitySlippage#SIGMA_BARS}-bar return volatility. */
    static SlippageModel of(CostConfig c) { return new VolatilitySlippage(c); }

    /** The default model, with {@link CostConfig#slippage(double)} as its formula. */
    record VolatilitySlippage(CostConfig costs) implements SlippageModel {
        /** Trailing bars for σ. */
        public static final int SIGMA_BARS = 24;

        @Override
        public double fraction(BarSeries bars, int lastKnown) {
            return costs.slippage(costs.volMultiple() == 0 ? Double.NaN : sigma(bars, lastKnown));
        }

        /** Sample standard deviation of the last {@link #SIGMA_BARS} one-bar log returns ending at bar i (NaN when too few). */
        public static double sigma(BarSeries b, int i) {
            if (i < SIGMA_BARS) return Double.NaN;
            double sum = 0, sq = 0;
            for (int k = i - SIGMA_BARS + 1; k <= i; k++) {
                double r = Math.log(b.close(k) / b.close(k - 1));
                sum += r;
                sq += r * r;
            }
            return Math.sqrt(Math.max(0, (sq - sum * sum / SIGMA_BARS) / (SIGMA_BARS - 1)));
        }
    }
}
