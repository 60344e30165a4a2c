package io.tatra.backtest;

import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;
import io.tatra.trading.Trade;
import io.tatra.trading.ExitReason;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BacktesterTest {
    static final Symbol S = Symbol.of("TESTUSDT");
    static final long H = 3_600_000L, T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    /** Bars as {open, high, low, close} rows, hourly from 2024-01-01. */
    static BarSeries bars(Symbol s, Interval iv, long start, double[]... ohlc) {
        BarSeries.Builder b = BarSeries.builder(s, iv);
        for (int i = 0; i < ohlc.length; i++) b.add(start + i * iv.millis(), ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1, Double.NaN, -1);
        return b.build();
    }

    static final double[][] FOUR = {{100, 101, 99, 100}, {100, 102, 99.5, 101}, {102, 103, 101, 102.5}, {103, 104, 102, 103}};

    /** Long half the equity on bar 0's close, flat on bar 2's close. */
    static Strategy longThenFlat() {
        return (h, i, p) -> i == 0 ? List.of(new TargetOrder(h.symbol(), 0.5, Double.NaN, Double.NaN, "d0"))
                : i == 2 ? List.of(TargetOrder.flat(h.symbol(), "d2")) : List.of();
    }

    @Test
    void signalsFillAtTheNextOpenNeverAtTheSignalBar() {
        BacktestResult r = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free())).run(
                List.of(MarketFrame.of(bars(S, Interval.H1, T0, FOUR))), longThenFlat());
        Trade t = r.trades().get(0);
        assertEquals(Instant.ofEpochMilli(T0 + H), t.entryTime());
        assertEquals(100, t.entryPrice(), 1e-12, "bar 1's open, not bar 0's close");
        assertEquals(103, t.exitPrice(), 1e-12);
        BacktestResult optimistic = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free()).withTiming(FillTiming.SIGNAL_CLOSE)).run(
                List.of(MarketFrame.of(bars(S, Interval.H1, T0, FOUR))), longThenFlat());
        assertEquals(102.5, optimistic.trades().get(0).exitPrice(), 1e-12, "SIGNAL_CLOSE, chosen explicitly, fills at the signal bar's close");
    }

    @Test
    void feesSlippageAndFundingReconcileToTheCent() {
        List<FundingRate> funding = List.of(new FundingRate(S, Instant.ofEpochMilli(T0 + 2 * H), 0.0001));
        MarketFrame f = new MarketFrame(bars(S, Interval.H1, T0, FOUR), funding, List.of(), null);
        BacktestResult r = new Backtester(BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 10, 0))).run(List.of(f), longThenFlat());
        // entry: 5,000 / 100 = 50 units at 100 × 1.001 = 100.1, fee 50 × 100.1 × 0.055 % = 2.75275
        // funding at bar 2's open: 50 × 102 × 0.01 % = 0.51; exit at 103 × 0.999 = 102.897, fee 2.8296675
        Trade t = r.trades().get(0);
        assertEquals(50, t.quantity(), 1e-12);
        assertEquals(100.1, t.entryPrice(), 1e-12);
        assertEquals(102.897, t.exitPrice(), 1e-12);
        assertEquals(2.75275 + 2.8296675, t.fees(), 1e-9);
        assertEquals(0.51, t.funding(), 1e-9);
        assertEquals(50 * (102.897 - 100.1) - 5.5824175 - 0.51, t.pnl(), 1e-9);
        assertEquals(10_000 + t.pnl(), r.finalEquity(), 1e-9);
        assertEquals(5.5824175, r.feesPaid(), 1e-9);
        assertEquals(0.51, r.fundingPaid(), 1e-9);
        assertEquals(50 * 100.1 + 50 * 102.897, r.turnover(), 1e-9);
        assertEquals(r.turnover() / 10_000, CostBreakdown.of(r).turnover(), 1e-12);
        assertEquals(4992.24725 + 50 * 101, r.equity()[1], 1e-9, "equity after bar 1, marked at its close");
        // slippage: 10 bps of 100 and of 103 on 50 units each way
        assertEquals(50 * 0.1 + 50 * 0.103, r.slippagePaid(), 1e-9);
        CostBreakdown c = CostBreakdown.of(r);
        assertEquals(5.5824175 + 0.51 + 10.15, c.costs(), 1e-9);
        assertEquals(t.pnl() + c.costs(), c.grossPnl(), 1e-9, "gross: the move from 100 to 103 on 50 units");
        assertEquals(50 * 3, c.grossPnl(), 1e-9);
        assertEquals(c.costs() / 150, c.costShareOfGross(), 1e-12);
        assertEquals(c.costs(), c.costPerTrade(), 1e-12, "one trade");
    }

    @Test
    void stopAndTakeProfitInTheSameBarAssumeTheStopUnlessFinerBarsTell() {
        double[][] rows = {{100, 100.5, 99.5, 100}, {100, 104, 97.5, 101}, {101, 102, 100, 101}};
        Strategy s = (h, i, p) -> i == 0 ? List.of(new TargetOrder(h.symbol(), 1, 0.02, 0.03, "d")) : List.of();
        Backtester bt = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free()));
        Trade worst = bt.run(List.of(MarketFrame.of(bars(S, Interval.H1, T0, rows))), s).trades().get(0);
        assertEquals(ExitReason.STOP_LOSS, worst.reason());
        assertEquals(98, worst.exitPrice(), 1e-12);
        // 15-minute bars: the high (take profit) comes before the low
        BarSeries fine = bars(S, Interval.M15, T0 + H, new double[]{100, 103.5, 99.8, 103}, new double[]{103, 104, 102, 102},
                new double[]{102, 102, 97.5, 98}, new double[]{98, 101, 98, 101});
        Trade better = bt.run(List.of(MarketFrame.of(bars(S, Interval.H1, T0, rows))), Map.of(S, fine), s).trades().get(0);
        assertEquals(ExitReason.TAKE_PROFIT, better.reason());
        assertEquals(103, better.exitPrice(), 1e-12);
        // a gap through the stop fills at the open, not at the stop
        double[][] gap = {{100, 100.5, 99.5, 100}, {100, 100.5, 99.5, 100}, {95, 96, 94, 95}};
        Trade gapped = bt.run(List.of(MarketFrame.of(bars(S, Interval.H1, T0, gap))), s).trades().get(0);
        assertEquals(95, gapped.exitPrice(), 1e-12);
    }

    @Test
    void leverageCapLimitsGrossExposureAcrossSymbols() {
        Symbol a = Symbol.of("AAAUSDT"), b = Symbol.of("BBBUSDT");
        double[][] flat = {{100, 100, 100, 100}, {100, 100, 100, 100}, {100, 100, 100, 100}};
        Strategy s = (h, i, p) -> i == 0 ? List.of(new TargetOrder(h.symbol(), 0.8, Double.NaN, Double.NaN, null)) : List.of();
        BacktestResult r = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free())).run(
                List.of(MarketFrame.of(bars(a, Interval.H1, T0, flat)), MarketFrame.of(bars(b, Interval.H1, T0, flat))), s);
        assertEquals(80, r.trades().get(0).quantity(), 1e-9);
        assertEquals(20, r.trades().get(1).quantity(), 1e-9, "only 20 % of equity left under a 1× gross cap");
        assertTrue(r.exposure()[1] <= 1 + 1e-12);
    }

    @Test
    void tradePnlsAddUpToTheEquityChangeOnARandomStrategy() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(3, 2000, Interval.H1, 3));
        List<MarketFrame> frames = new ArrayList<>();
        for (Symbol s : m.config().symbols()) frames.add(new MarketFrame(m.series(s), m.funding().get(s), List.of(), null));
        Random rnd = new Random(1);
        Strategy s = (h, i, p) -> rnd.nextDouble() < 0.05 ? List.of(new TargetOrder(h.symbol(), rnd.nextDouble() * 0.6 - 0.3, 0.02, 0.03, "r" + i)) : List.of();
        BacktestResult r = new Backtester(new BacktestConfig(10_000, new CostConfig(0.00055, 0.0002, 2, 0.1), FillTiming.NEXT_OPEN, io.tatra.risk.RiskLimits.leverage(0.5, 1))).run(frames, s);
        double sum = r.trades().stream().mapToDouble(Trade::pnl).sum();
        assertTrue(r.trades().size() > 50);
        assertEquals(r.finalEquity() - 10_000, sum, 1e-6);
        assertTrue(r.feesPaid() > 0 && r.fundingPaid() != 0);
        assertTrue(r.trades().stream().anyMatch(t -> t.reason() == ExitReason.STOP_LOSS));
        assertThrows(IllegalArgumentException.class, () -> new Backtester(BacktestConfig.defaults()).run(frames,
                (h, i, p) -> List.of(new TargetOrder(Symbol.of("ZZZUSDT"), 1, Double.NaN, Double.NaN, null))));
    }
}
