package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.features.MarketFrame;
import io.tatra.market.FundingRate;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SizingEnvTest {
    static final BacktestConfig CFG = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0));

    @Test
    void anEpisodeChargesExactlyWhatTheBacktestChargesForTheSameOrders() {
        PlantedMarket m = new PlantedMarket(200, 0.003, 0.004, false, 3);
        // funding settles every 8 bars at 0.01 %: the environment's session pays it as the backtest does
        List<FundingRate> funding = new ArrayList<>();
        for (int i = 0; i < 200; i += 8) funding.add(new FundingRate(m.frame.bars().symbol(), m.frame.bars().openTime(i), 0.0001));
        MarketFrame frame = new MarketFrame(m.frame.bars(), funding, List.of(), List.of());
        SizingEnv env = new SizingEnv(SizingEnv.Config.of(CFG, 40), frame, m.signals, 0, 200, 1);
        int start = 50;
        int[] actions = new int[40];
        for (int i = 0; i < 40; i++) actions[i] = new int[]{4, 4, 2, 0, 0, 3, 1, 1, 4, 2}[i % 10];
        env.resetAt(start);
        double logSum = 0;
        for (int i = 0; i < actions.length; i++) {
            Env.Step s = env.step(actions[i]);
            logSum += s.reward();
            assertEquals(i == actions.length - 1, s.done(), "the episode ends after its 40th decision");
        }
        double beforeCloseOut = env.session().portfolio().equity();
        BacktestResult fromEnv = env.session().finish();
        // the same target orders as a strategy, on the same bars, through the backtester
        double[] fr = {-1, -0.5, 0, 0.5, 1};
        var sliced = new MarketFrame(frame.bars().range(start, start + 41),
                funding.stream().filter(f -> !f.time().isBefore(frame.bars().openTime(start)) && !f.time().isAfter(frame.bars().openTime(start + 40))).toList(), List.of(), List.of());
        BacktestResult bt = new Backtester(CFG).run(List.of(sliced), (h, i, p) -> {
            if (i >= actions.length) return List.of();
            if (i > 0 && actions[i] == actions[i - 1]) return List.of(); // the environment sends nothing for an unchanged target
            return List.of(new TargetOrder(h.symbol(), fr[actions[i]], Double.NaN, Double.NaN, null));
        });
        assertEquals(bt.feesPaid(), fromEnv.feesPaid(), 1e-9);
        assertEquals(bt.fundingPaid(), fromEnv.fundingPaid(), 1e-9);
        assertNotEquals(0, fromEnv.fundingPaid(), "funding was settled on the episode's positions");
        assertEquals(bt.slippagePaid(), fromEnv.slippagePaid(), 1e-9);
        assertEquals(bt.trades().size(), fromEnv.trades().size());
        assertEquals(bt.equity().length, fromEnv.equity().length);
        for (int i = 0; i < bt.equity().length; i++) assertEquals(bt.equity()[i], fromEnv.equity()[i], 1e-9, "equity after bar " + i);
        // rewards are the log equity changes, so they sum to the episode's log return (before the final close-out)
        assertEquals(Math.log(beforeCloseOut / 10_000), logSum, 1e-9);
    }

    @Test
    void observationsCarryTheSignalAndThePositionState() {
        PlantedMarket m = new PlantedMarket(100, 0.003, 0.004, false, 3);
        SizingEnv env = new SizingEnv(SizingEnv.Config.of(CFG, 20), m.frame, m.signals, 10, 100, 1);
        double[] o = env.resetAt(10);
        assertEquals(1 + SizingEnv.STATE, o.length);
        assertEquals(m.signals[10][0], o[0]);
        assertEquals(0, o[1], "flat at the start");
        Env.Step s = env.step(4);
        assertEquals(m.signals[11][0], s.observation()[0]);
        assertEquals(1.0, s.observation()[1], 0.01, "long about 1× equity after the fill");
        assertEquals(0.01, s.observation()[3], 1e-12, "one bar in the trade");
        assertThrows(IllegalArgumentException.class, () -> env.step(5));
        assertThrows(IllegalArgumentException.class, () -> env.resetAt(81), "an episode past the range");
        assertThrows(IllegalArgumentException.class, () -> new SizingEnv(SizingEnv.Config.of(CFG, 20), m.frame, new double[99][], 0, 100, 1));
        assertEquals(4, env.distinctEpisodes());
    }
}
