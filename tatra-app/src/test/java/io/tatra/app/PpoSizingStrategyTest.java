package io.tatra.app;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.Env;
import io.tatra.ppo.SizingEnv;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** PPO sizing inside the backtester makes the decisions it makes in its training environment, bar for bar. */
class PpoSizingStrategyTest {
    @Test
    void theStrategyInTheBacktesterTradesAsThePolicyDoesInItsEnvironment() {
        Torch.configure(1, 3);
        int n = 60, episode = 40;
        Random r = new Random(7);
        BarSeries.Builder b = BarSeries.builder(Symbol.of("PPOUSDT"), Interval.H1, n);
        long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double close = 100;
        TradeDecision[] decisions = new TradeDecision[n];
        double[][] rows = new double[n][];
        double roundTrip = 0.0015, median = 0.005;
        for (int i = 0; i < n; i++) {
            double open = close * Math.exp(0.001 * r.nextGaussian());
            close = open * Math.exp(0.006 * r.nextGaussian());
            b.add(t0 + i * 3_600_000L, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 1000);
            double up = 0.2 + 0.4 * r.nextDouble(), down = 0.8 - up - 0.1 * r.nextDouble(), bull = r.nextDouble() * 0.5, bear = r.nextDouble() * 0.5;
            double vol = 0.003 + 0.004 * r.nextDouble(), edge = 0.004 * r.nextGaussian();
            decisions[i] = new TradeDecision(Action.FLAT, 0, 0, 0.02, 0.03, 1, "", Map.of("p_up", up, "p_down", down, "p_bull", bull, "p_bear", bear,
                    "volatility", vol, "edge", edge), io.tatra.decision.SkipReason.EDGE_BELOW_COST);
            rows[i] = SizingService.Signals.row(up, down, bull, bear, vol, edge, roundTrip, median);
        }
        MarketFrame frame = MarketFrame.of(b.build());
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(CostConfig.bybitLinear()).withRisk(RiskLimits.leverage(1, 1));
        double[] fr = {-1, -0.5, 0, 0.5, 1};
        try (ActorCritic pi = ActorCritic.create(4 + SizingEnv.STATE, fr.length, 16, 5)) {
            SizingEnv env = new SizingEnv(SizingEnv.Config.of(cfg, episode), frame, rows, 0, n, 1);
            double[] obs = env.resetAt(0);
            Set<Integer> actions = new HashSet<>();
            while (true) {
                int a = pi.evaluate(obs).greedy()[0];
                actions.add(a);
                Env.Step s = env.step(a);
                if (s.done()) break;
                obs = s.observation();
            }
            BacktestResult inEnv = env.session().finish();
            assertTrue(actions.size() >= 2, "the untrained policy varies its target: " + actions);
            assertTrue(inEnv.trades().size() > 0);
            var strategy = PpoSizingStrategy.over(pi, fr, episode, roundTrip, median).create(Map.of(frame.bars().symbol(), java.util.Arrays.copyOf(decisions, episode)), Map.of());
            BacktestResult inBacktest = new Backtester(cfg).run(List.of(new MarketFrame(frame.bars().range(0, episode + 1), List.of(), List.of(), List.of())), strategy);
            assertEquals(inEnv.trades().size(), inBacktest.trades().size());
            assertEquals(inEnv.feesPaid(), inBacktest.feesPaid(), 1e-9);
            for (int i = 0; i < inEnv.equity().length; i++) assertEquals(inEnv.equity()[i], inBacktest.equity()[i], 1e-9, "equity after bar " + i);
        }
    }
}
