package io.tatra.backtest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PerformanceTest {
    static BacktestResult curve(double capital, double... equity) {
        return new BacktestResult(capital, new long[equity.length], equity, new double[equity.length], List.of(), 0, 0, 0);
    }

    @Test
    void drawdownReturnAndRatiosByHand() {
        Performance p = Performance.of(curve(100, 110, 99, 120), 3, List.of());
        assertEquals(0.2, p.totalReturn(), 1e-12);
        assertEquals(0.2, p.annualReturn(), 1e-12, "three bars at 3 per year = one year");
        assertEquals(0.1, p.maxDrawdown(), 1e-12);
        assertEquals(1, p.maxDrawdownBars());
        double[] r = {0.1, -0.1, 120.0 / 99 - 1};
        double m = (r[0] + r[1] + r[2]) / 3, sd = Math.sqrt(((r[0] - m) * (r[0] - m) + (r[1] - m) * (r[1] - m) + (r[2] - m) * (r[2] - m)) / 2);
        assertEquals(m / sd * Math.sqrt(3), p.sharpe(), 1e-12);
        assertEquals(m / Math.sqrt(0.01 / 3) * Math.sqrt(3), p.sortino(), 1e-12);
        assertEquals(0.2 / 0.1, p.calmar(), 1e-12);
    }

    @Test
    void chainedBlocksCompoundTheirReturnsAndScaleTheirCosts() {
        io.tatra.trading.Trade t = new io.tatra.trading.Trade(io.tatra.market.Symbol.of("BTCUSDT"), 1, 2, java.time.Instant.ofEpochSecond(3600 * 3), 100,
                java.time.Instant.ofEpochSecond(3600 * 4), 110, 1, 0.5, 18.5, io.tatra.trading.ExitReason.SIGNAL, "d");
        BacktestResult a = new BacktestResult(100, new long[]{1, 2}, new double[]{110, 120}, new double[]{1, 1}, List.of(), 2, 1, 300, 0.5);
        BacktestResult b = new BacktestResult(100, new long[]{3, 4}, new double[]{90, 150}, new double[]{0.5, 0}, List.of(t), 4, 2, 100, 1);
        BacktestResult c = BacktestResult.chain(List.of(a, b));
        assertArrayEquals(new double[]{110, 120, 108, 180}, c.equity(), 1e-9, "b starts at a's 120: its -10 % and +50 % compound on it");
        assertArrayEquals(new double[]{1, 1, 0.5, 0}, c.exposure(), 0);
        assertEquals(100, c.capital());
        assertEquals(2 + 4 * 1.2, c.feesPaid(), 1e-12);
        assertEquals(300 + 100 * 1.2, c.turnover(), 1e-12);
        assertEquals(0.5 + 1.2, c.slippagePaid(), 1e-12);
        assertEquals(18.5 * 1.2, c.trades().get(0).pnl(), 1e-12);
        assertEquals(0.8, Performance.of(c, 4, List.of()).totalReturn(), 1e-12, "1.2 × 1.5 − 1");
        assertThrows(IllegalArgumentException.class, () -> BacktestResult.chain(List.of(b, a)), "out of order");
    }

        @Test
    void normalDistribution() {
        assertEquals(0.5, io.tatra.metrics.Normal.cdf(0), 1e-7);
        assertEquals(0.975002, io.tatra.metrics.Normal.cdf(1.96), 1e-6);
        assertEquals(1.959964, io.tatra.metrics.Normal.quantile(0.975), 1e-6);
        assertEquals(-2.326348, io.tatra.metrics.Normal.quantile(0.01), 1e-6);
        assertEquals(3.719016, io.tatra.metrics.Normal.quantile(0.9999), 1e-5);
    }

    @Test
    void deflatedSharpeFallsWithTheNumberOfTrials() {
        Random rnd = new Random(2);
        int n = 2000;
        double[] eq = new double[n];
        double v = 100;
        for (int i = 0; i < n; i++) eq[i] = v *= 1 + 0.001 + 0.01 * rnd.nextGaussian();
        BacktestResult r = curve(100, eq);
        double sr = Performance.perBarSharpe(r);
        double one = Performance.of(r, 8760, List.of(sr)).deflatedSharpe();
        assertTrue(one > 0.99, "a per-bar Sharpe of ~0.1 over 2000 bars is significant alone: " + one);
        List<Double> many = new ArrayList<>();
        for (int k = 0; k < 200; k++) many.add(0.1 * rnd.nextGaussian());
        many.add(sr);
        double deflated = Performance.of(r, 8760, many).deflatedSharpe();
        assertTrue(deflated < one && deflated < 0.5, "200 noisy trials deflate it: " + deflated);
        double[] noise = new double[n];
        v = 100;
        for (int i = 0; i < n; i++) noise[i] = v *= 1 + 0.01 * rnd.nextGaussian();
        double psr = Performance.of(curve(100, noise), 8760, List.of()).deflatedSharpe();
        assertTrue(psr > 0.02 && psr < 0.98, "pure noise is not significant either way: " + psr);
    }

    @Test
    void buyAndHoldIsEqualWeight() {
        double[] bh = Performance.buyAndHold(100, List.of(new double[]{10, 20}, new double[]{50, 50}));
        assertArrayEquals(new double[]{100, 150}, bh, 1e-12);
    }

    @Test
    void aRunSeenFromItsFirstDecisionStartsFromTheEquityBefore() {
        BacktestResult r = new BacktestResult(100, new long[]{1, 2, 3, 4}, new double[]{100, 100, 110, 99}, new double[]{0, 0, 1, 1}, List.of(), 0, 0, 0);
        BacktestResult s = r.from(3);
        assertEquals(100, s.capital());
        assertArrayEquals(new long[]{3, 4}, s.times());
        assertEquals(0.1, Performance.of(s, 2, List.of()).maxDrawdown(), 1e-12);
        assertEquals(2, Performance.of(s, 2, List.of()).bars(), "the flat stretch before the first decision is not scored");
        assertSame(r, r.from(0));
        assertThrows(IllegalArgumentException.class, () -> r.from(9));
    }
}
