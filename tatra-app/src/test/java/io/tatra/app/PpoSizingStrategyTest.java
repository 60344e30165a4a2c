package io.tatra.app;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.Env;
import io.tatra.ppo.SizingEnv;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** PPO sizing inside the backtester makes the decisions it makes in its training environment, bar for bar. */
class PpoSizingStrategyTest {
    @Test
    void theStrategyInTheBacktesterTradesAsThePolicyDoesInItsEnvironment() {
        Torch.configure(1, 3);
        int n = 60, episode = 40;
        TracedMarket m = TracedMarket.of("PPOUSDT", n, 7, false);
        MarketFrame frame = m.frame();
        TradeDecision[] decisions = m.decisions();
        double[][] rows = m.rows();
        double roundTrip = TracedMarket.ROUND_TRIP, median = TracedMarket.MEDIAN_VOLATILITY;
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
