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
import io.tatra.ppo.RiskEnv;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** PPO risk management inside the backtester makes the decisions it makes in its training environment, bar for bar. */
class PpoRiskStrategyTest {
    @Test
    void theStrategyInTheBacktesterTradesAsThePolicyDoesInItsEnvironment() {
        Torch.configure(1, 3);
        int n = 400, start = 300, episode = 60;
        Random r = new Random(11);
        BarSeries.Builder b = BarSeries.builder(Symbol.of("RISKUSDT"), Interval.H1, n);
        long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double close = 100, roundTrip = 0.0015, median = 0.005;
        TradeDecision[] decisions = new TradeDecision[n];
        double[][] rows = new double[n][];
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            double open = close * Math.exp(0.001 * r.nextGaussian());
            close = open * Math.exp(0.006 * r.nextGaussian());
            b.add(t0 + i * 3_600_000L, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 1000);
            double up = 0.2 + 0.4 * r.nextDouble(), down = 0.8 - up - 0.1 * r.nextDouble(), bull = r.nextDouble() * 0.5, bear = r.nextDouble() * 0.5;
            double vol = 0.003 + 0.004 * r.nextDouble(), edge = 0.004 * r.nextGaussian();
            Action a = new Action[]{Action.LONG, Action.SHORT, Action.FLAT}[r.nextInt(3)];
            Map<String, Double> trace = Map.of("p_up", up, "p_down", down, "p_bull", bull, "p_bear", bear, "volatility", vol, "edge", edge);
            // the decisions a cost-aware policy would make on every bar (its side is the base); the test period starts at bar 300
            decisions[i] = a == Action.FLAT ? new TradeDecision(a, 0, 0, 0.02, 0.03, 1, "", trace, io.tatra.decision.SkipReason.EDGE_BELOW_COST)
                    : new TradeDecision(a, 0.6, 1, 0.02, 0.03, 1, "", trace);
            rows[i] = SizingService.Signals.row(up, down, bull, bear, vol, edge, roundTrip, median);
            base[i] = i < start ? 0 : a.sign(); // no decision before the test period, in either path
        }
        MarketFrame frame = MarketFrame.of(b.build());
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
