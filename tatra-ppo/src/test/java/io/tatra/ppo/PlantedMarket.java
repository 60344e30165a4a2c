package io.tatra.ppo;

import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.Random;

/**
 * A market whose next bar's direction is announced at each close: bar t moves by {@code edge · s_t} plus noise, and the
 * signal observed at bar t−1's close is {@code s_t} (or, shuffled, an unrelated coin). No gaps: each open is the
 * previous close, so a position taken at a close earns the next bar's move.
 */
final class PlantedMarket {
    final MarketFrame frame;
    final double[][] signals;

    PlantedMarket(int bars, double edge, double noise, boolean shuffled, long seed) { this("PLANTUSDT", bars, edge, noise, shuffled, seed); }

    PlantedMarket(String symbol, int bars, double edge, double noise, boolean shuffled, long seed) {
        Random r = new Random(seed);
        int[] s = new int[bars + 1];
        for (int i = 0; i <= bars; i++) s[i] = r.nextBoolean() ? 1 : -1;
        BarSeries.Builder b = BarSeries.builder(Symbol.of(symbol), Interval.H1, bars);
        long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double close = 100;
        for (int i = 0; i < bars; i++) {
            double open = close;
            close = open * Math.exp(edge * s[i] + noise * r.nextGaussian());
            b.add(t0 + i * 3_600_000L, open, Math.max(open, close) * 1.0005, Math.min(open, close) * 0.9995, close, 1000);
        }
        frame = MarketFrame.of(b.build());
        signals = new double[bars][];
        for (int i = 0; i < bars; i++) signals[i] = new double[]{shuffled ? (r.nextBoolean() ? 1 : -1) : s[i + 1]};
    }
}
