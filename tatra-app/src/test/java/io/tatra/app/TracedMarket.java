package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random walk of hourly bars with, at each bar, a cost-aware-looking decision whose trace carries the heads'
 * outputs and the edge, and the PPO signal row those give (round trip 0.15 %, volatility median 0.5 %): what a PPO
 * strategy reads in a backtest and what its environment reads, for parity tests.
 *
 * @param sides when true each decision takes a random side (long, short or flat), else every decision is flat
 */
record TracedMarket(MarketFrame frame, TradeDecision[] decisions, double[][] rows) {
    static final double ROUND_TRIP = 0.0015, MEDIAN_VOLATILITY = 0.005;

    static TracedMarket of(String symbol, int n, long seed, boolean sides) {
        Random r = new Random(seed);
        BarSeries.Builder b = BarSeries.builder(Symbol.of(symbol), Interval.H1, n);
        long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double close = 100;
        TradeDecision[] decisions = new TradeDecision[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double open = close * Math.exp(0.001 * r.nextGaussian());
            close = open * Math.exp(0.006 * r.nextGaussian());
            b.add(t0 + i * 3_600_000L, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 1000);
            double up = 0.2 + 0.4 * r.nextDouble(), down = 0.8 - up - 0.1 * r.nextDouble(), bull = r.nextDouble() * 0.5, bear = r.nextDouble() * 0.5;
            double vol = 0.003 + 0.004 * r.nextDouble(), edge = 0.004 * r.nextGaussian();
            Action a = sides ? new Action[]{Action.LONG, Action.SHORT, Action.FLAT}[r.nextInt(3)] : Action.FLAT;
            Map<String, Double> trace = Map.of("p_up", up, "p_down", down, "p_bull", bull, "p_bear", bear, "volatility", vol, "edge", edge);
            decisions[i] = a == Action.FLAT ? new TradeDecision(a, 0, 0, 0.02, 0.03, 1, "", trace, io.tatra.decision.SkipReason.EDGE_BELOW_COST)
                    : new TradeDecision(a, 0.6, 1, 0.02, 0.03, 1, "", trace);
            rows[i] = SizingService.Signals.row(up, down, bull, bear, vol, edge, ROUND_TRIP, MEDIAN_VOLATILITY);
        }
        return new TracedMarket(MarketFrame.of(b.build()), decisions, rows);
    }
}
