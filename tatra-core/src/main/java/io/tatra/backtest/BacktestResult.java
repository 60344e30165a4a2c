package io.tatra.backtest;

import java.util.List;

/**
 * A finished backtest: the equity after each bar time (marked at the closes), the gross exposure as a
 * multiple of equity at the same times, the closed trades, and the costs paid.
 */
public record BacktestResult(double capital, long[] times, double[] equity, double[] exposure, List<Trade> trades, double feesPaid,
                             double fundingPaid, double turnover) {
    public BacktestResult {
        if (times.length != equity.length || times.length != exposure.length) throw new IllegalArgumentException("curve arrays differ in length");
        trades = List.copyOf(trades);
    }

    public double finalEquity() { return equity.length == 0 ? capital : equity[equity.length - 1]; }
}
