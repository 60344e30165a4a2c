package io.tatra.backtest;

import io.tatra.trading.Trade;
import java.util.List;

/**
 * A finished backtest: the equity after each bar time (marked at the closes), the gross exposure as a
 * multiple of equity at the same times, the closed trades, and the costs paid.
 *
 * @param slippagePaid what fills lost against their reference prices (|quantity| × |fill − reference|), in quote currency
 */
public record BacktestResult(double capital, long[] times, double[] equity, double[] exposure, List<Trade> trades, double feesPaid,
                             double fundingPaid, double turnover, double slippagePaid) {
    public BacktestResult {
        if (times.length != equity.length || times.length != exposure.length) throw new IllegalArgumentException("curve arrays differ in length");
        trades = List.copyOf(trades);
    }

    /** A result whose slippage was not counted (0). */
    public BacktestResult(double capital, long[] times, double[] equity, double[] exposure, List<Trade> trades, double feesPaid, double fundingPaid, double turnover) {
        this(capital, times, equity, exposure, trades, feesPaid, fundingPaid, turnover, 0);
    }

    /**
     * The same run seen from {@code time} on: curves from the first point at or after it, starting capital the
     * equity just before. Metrics over a walk-forward run start at its first decision, not at the flat stretch
     * the first training window needs.
     */
    public BacktestResult from(long time) {
        int k = 0;
        while (k < times.length && times[k] < time) k++;
        if (k == 0) return this;
        if (k == times.length) throw new IllegalArgumentException("no equity point at or after " + java.time.Instant.ofEpochMilli(time));
        return new BacktestResult(equity[k - 1], java.util.Arrays.copyOfRange(times, k, times.length), java.util.Arrays.copyOfRange(equity, k, equity.length),
                java.util.Arrays.copyOfRange(exposure, k, exposure.length), trades, feesPaid, fundingPaid, turnover, slippagePaid);
    }

    public double finalEquity() { return equity.length == 0 ? capital : equity[equity.length - 1]; }
}
