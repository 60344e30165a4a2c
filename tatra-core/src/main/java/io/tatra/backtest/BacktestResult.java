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

    /**
     * Consecutive runs (walk-forward test blocks, each started from its own capital) as one account: each block's
     * equity is rescaled so it starts where the previous one ended; its costs, turnover and trades (quantity, fees,
     * funding, P&L) scale with it. The chained curve compounds the blocks' returns; exposure, a multiple of equity, is
     * unchanged. Blocks must follow each other in time.
     */
    public static BacktestResult chain(List<BacktestResult> blocks) {
        if (blocks.isEmpty()) throw new IllegalArgumentException("nothing to chain");
        int n = 0;
        for (BacktestResult b : blocks) n += b.times.length;
        long[] t = new long[n];
        double[] eq = new double[n], ex = new double[n];
        List<Trade> trades = new java.util.ArrayList<>();
        double capital = blocks.get(0).capital, level = capital, fees = 0, funding = 0, turnover = 0, slippage = 0;
        int k = 0;
        long last = Long.MIN_VALUE;
        for (BacktestResult b : blocks) {
            if (!(b.capital > 0)) throw new IllegalArgumentException("a block starts with capital " + b.capital);
            double scale = level / b.capital;
            for (int i = 0; i < b.times.length; i++, k++) {
                if (b.times[i] <= last) throw new IllegalArgumentException("blocks overlap or are out of order at " + java.time.Instant.ofEpochMilli(b.times[i]));
                last = t[k] = b.times[i];
                eq[k] = b.equity[i] * scale;
                ex[k] = b.exposure[i];
            }
            for (Trade tr : b.trades)
                trades.add(new Trade(tr.symbol(), tr.side(), tr.quantity() * scale, tr.entryTime(), tr.entryPrice(), tr.exitTime(), tr.exitPrice(),
                        tr.fees() * scale, tr.funding() * scale, tr.pnl() * scale, tr.reason(), tr.decisionId()));
            fees += b.feesPaid * scale;
            funding += b.fundingPaid * scale;
            turnover += b.turnover * scale;
            slippage += b.slippagePaid * scale;
            level = b.finalEquity() * scale;
        }
        return new BacktestResult(capital, t, eq, ex, trades, fees, funding, turnover, slippage);
    }
}
