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
import io.tatra.ppo.RiskEnv;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** PPO risk management inside the backtester makes the decisions it makes in its training environment, bar for bar. */
class PpoRiskStrategyTest {
    @Test
    void theStrategyInTheBacktesterTradesAsThePolicyDoesInItsEnvironment() {
        Torch.configure(1, 3);
        int n = 400, start = 300, episode = 60;
        TracedMarket m = TracedMarket.of("RISKUSDT", n, 11, true);
        MarketFrame frame = m.frame();
        TradeDecision[] decisions = m.decisions();
        double[][] rows = m.rows();
        double roundTrip = TracedMarket.ROUND_TRIP, median = TracedMarket.MEDIAN_VOLATILITY;
        // the decisions a cost-aware policy would make on every bar (its side is the base); the test period starts at bar 300,
        // with no decision before it in either path
        double[] base = new double[n];
        for (int i = start; i < n; i++) base[i] = decisions[i].action().sign();
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(CostConfig.bybitLinear()).withRisk(RiskLimits.leverage(1.5, 1.5));
        double[] scales = {0, 0.25, 0.5, 1, 1.5};
        RiskEnv.Config rc = new RiskEnv.Config(cfg, scales, 1.5, episode, 48, 0.2);
        try (ActorCritic pi = ActorCritic.create(4 + RiskEnv.STATE, scales.length, 16, 5)) {
            RiskEnv env = new RiskEnv(rc, frame, rows, base, 0, n, 1);
            double[] obs = env.resetAt(start);
            Set<Integer> actions = new HashSet<>();
            while (true) {
                int a = pi.evaluate(obs).greedy()[0];
                actions.add(a);
                Env.Step s = env.step(new int[]{a});
                if (s.done()) break;
                obs = s.observation();
            }
            BacktestResult inEnv = env.session().finish();
            assertTrue(actions.size() >= 2, "the untrained policy varies its multiplier: " + actions);
            assertTrue(inEnv.trades().size() > 0);
            // the strategy sees the whole history (the win rate and volatility ratio reach back before the episode) and decides from bar 300 on
            var strategy = new PpoRiskStrategy(pi, scales, 1.5, 0.2, episode, 48, PpoTaskService.Side.COST_AWARE, roundTrip, median, (h, i) -> null);
            var sliced = frame.bars().range(start, start + episode + 1);
            BacktestResult inBacktest = new Backtester(cfg).run(List.of(new MarketFrame(sliced, List.of(), List.of(), List.of())), (h, i, p) -> {
                if (i >= episode) return List.of();
                // the strategy reads the full series at the same bar, so its history-based inputs match the environment's
                return strategy.orders(frame.bars(), start + i, p, decisions[start + i]);
            });
            assertEquals(inEnv.trades().size(), inBacktest.trades().size());
            assertEquals(inEnv.feesPaid(), inBacktest.feesPaid(), 1e-9);
            for (int i = 0; i < inEnv.equity().length; i++) assertEquals(inEnv.equity()[i], inBacktest.equity()[i], 1e-9, "equity after bar " + i);
        }
    }
}
