package io.tatra.backtest;

import io.tatra.features.MarketFrame;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;
import io.tatra.trading.Trade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BacktestSessionTest {
    static List<MarketFrame> market(long seed) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(2, 1500, Interval.H1, seed));
        List<MarketFrame> frames = new ArrayList<>();
        for (Symbol s : m.config().symbols()) frames.add(new MarketFrame(m.series(s), m.funding().get(s), List.of(), null));
        return frames;
    }

    /** A seeded random strategy that depends only on (symbol, bar), so two runs see the same orders. */
    static Strategy random() {
        return (h, i, p) -> {
            Random r = new Random(h.symbol().hashCode() * 31L + i);
            return r.nextDouble() < 0.05 ? List.of(new TargetOrder(h.symbol(), r.nextDouble() - 0.5, 0.02, 0.03, "r" + i)) : List.of();
        };
    }

    @Test
    void aTrailOrderMovesTheStopOnlyTighterAndTradesNothing() {
        List<MarketFrame> frames = market(9);
        var bars = frames.get(0).bars();
        Symbol sym = bars.symbol();
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0));
        BacktestSession s = BacktestSession.open(cfg, frames);
        s.advance();
        s.submit(new TargetOrder(sym, 1, Double.NaN, Double.NaN, "in"));
        s.advance();
        double qty = s.portfolio().position(0).quantity(), fees = s.portfolio().feesPaid();
        assertTrue(qty > 0 && Double.isNaN(s.portfolio().position(0).stopPrice()));
        double close = bars.close(1);
        s.submit(TargetOrder.trail(sym, close * 0.5, "t1"));
        s.advance();
        assertEquals(qty, s.portfolio().position(0).quantity(), "a trail order keeps the position");
        assertEquals(fees, s.portfolio().feesPaid(), "and pays no fee");
        assertEquals(close * 0.5, s.portfolio().position(0).stopPrice(), 1e-9);
        s.submit(TargetOrder.trail(sym, close * 0.4, "t2"));
        s.advance();
        assertEquals(close * 0.5, s.portfolio().position(0).stopPrice(), 1e-9, "a looser stop is ignored");
        s.submit(TargetOrder.trail(sym, close * 0.6, "t3"));
        s.advance();
        assertEquals(close * 0.6, s.portfolio().position(0).stopPrice(), 1e-9, "a tighter one moves it");
        assertThrows(IllegalArgumentException.class, () -> new TargetOrder(sym, Double.NaN, Double.NaN, Double.NaN, "x"), "keep without a stop says nothing");
        assertTrue(TargetOrder.trail(sym, 1, null).movesStop() && !new TargetOrder(sym, 1, 0.02, Double.NaN, null).movesStop());
    }

        @Test
    void steppingWithSubmitEqualsTheAllAtOnceRun() {
        List<MarketFrame> frames = market(5);
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0.1));
        BacktestResult whole = new Backtester(cfg).run(frames, random());
        // the same strategy driven from outside, as an RL environment would: advance, then submit
        BacktestSession s = BacktestSession.open(cfg, frames);
        Strategy decide = random();
        while (!s.done()) {
            long t = s.advance();
            for (MarketFrame f : frames) {
                int i = f.bars().lowerBound(t);
                if (i >= f.bars().size() || f.bars().openTimeMillis(i) != t) continue;
                for (TargetOrder o : decide.onBar(f.bars(), i, s.portfolio())) s.submit(o);
            }
        }
        BacktestResult stepped = s.finish();
        assertTrue(whole.trades().size() > 20);
        assertEquals(whole.trades(), stepped.trades());
        assertArrayEquals(whole.equity(), stepped.equity());
        assertEquals(whole.feesPaid(), stepped.feesPaid());
    }

    @Test
    void theSessionExposesItsPortfolioBetweenSteps() {
        List<MarketFrame> frames = market(6);
        BacktestSession s = BacktestSession.open(BacktestConfig.defaults().withCosts(CostConfig.free()), frames);
        Symbol a = frames.get(0).bars().symbol();
        s.advance();
        assertThrows(IllegalArgumentException.class, () -> s.submit(TargetOrder.flat(Symbol.of("NOPEUSDT"), null)));
        s.submit(new TargetOrder(a, 0.5, Double.NaN, Double.NaN, "x"));
        assertEquals(0, s.portfolio().position(a), "next-open: nothing fills before the next bar");
        s.advance();
        double qty = s.portfolio().position(a), open = frames.get(0).bars().open(1);
        assertEquals(0.5 * 10_000 / open, qty, 1e-9);
        assertEquals(10_000 + qty * (frames.get(0).bars().close(1) - open), s.portfolio().equity(), 1e-6);
        BacktestResult r = s.finish();
        assertEquals(1, r.trades().size(), "closed at the end of the data");
        assertThrows(IllegalStateException.class, s::advance);
    }

    @Test
    void aDrawdownLimitStopsNewExposureInTheBacktest() {
        List<MarketFrame> frames = market(7);
        Strategy flipper = (h, i, p) -> i % 10 == 0 ? List.of(new TargetOrder(h.symbol(), (i / 10) % 2 == 0 ? 1 : -1, Double.NaN, Double.NaN, null)) : List.of();
        BacktestConfig cfg = new BacktestConfig(10_000, new CostConfig(0.005, 0, 50, 0), FillTiming.NEXT_OPEN, RiskLimits.leverage(1, 2).withMaxDrawdown(0.1));
        BacktestSession s = BacktestSession.open(cfg, frames);
        while (!s.done()) s.step(flipper);
        assertEquals(io.tatra.risk.TradingState.REDUCING, s.risk().state(), "heavy costs must breach a 10 % drawdown");
        BacktestResult r = s.finish();
        Trade last = r.trades().get(r.trades().size() - 1);
        assertTrue(r.trades().size() < 2 * 150, "trading stopped after the breach: " + r.trades().size() + " trades");
        assertNotNull(last);
    }
}
