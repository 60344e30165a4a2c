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
import io.tatra.ppo.ExitEnv;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.ExitReason;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** A PPO exit policy inside the backtester manages a trade as it does in its training environment, bar for bar, trailing stops included. */
class PpoExitStrategyTest {
    @Test
    void theStrategyInTheBacktesterExitsAsThePolicyDoesInItsEnvironment() {
        Torch.configure(1, 3);
        int n = 400, maxBars = 40;
        TracedMarket m = TracedMarket.of("EXITUSDT", n, 17, true);
        MarketFrame frame = m.frame();
        TradeDecision[] decisions = m.decisions();
        int[] side = new int[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            side[i] = decisions[i].action().sign();
            sigma[i] = decisions[i].traced("volatility");
        }
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(CostConfig.bybitLinear()).withRisk(RiskLimits.leverage(1, 1));
        ExitEnv.Config ec = new ExitEnv.Config(cfg, 1, maxBars, new double[]{1, 2, 4});
        int compared = 0, stopped = 0;
        Set<Integer> stops = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            try (ActorCritic pi = ActorCritic.create(4 + ExitEnv.STATE, new int[]{3, 4}, 16, seed)) {
                ExitEnv env = new ExitEnv(ec, frame, m.rows(), side, sigma, 0, n, 1);
                int entry = env.nextEntry(100 + 30 * (int) seed);
                double[] obs = env.resetAt(entry);
                while (true) {
                    int[] a = pi.evaluate(obs).greedy();
                    stops.add(a[1]);
                    Env.Step s = env.step(a);
                    if (s.done()) break;
                    obs = s.observation();
                }
                BacktestResult inEnv = env.session().finish();
                var strategy = new PpoExitStrategy(pi, ec.trailSigmas(), maxBars, 1, PpoTaskService.Side.COST_AWARE, TracedMarket.ROUND_TRIP,
                        TracedMarket.MEDIAN_VOLATILITY, (h, i) -> null);
                var sliced = frame.bars().range(entry, entry + 1 + maxBars + 1);
                BacktestResult inBacktest = new Backtester(cfg).run(List.of(new MarketFrame(sliced, List.of(), List.of(), List.of())),
                        (h, i, p) -> strategy.orders(h, i, p, decisions[entry + i]));
                // the environment's episode ends with the trade; the backtest may enter again after it: compare the first trade's bars
                int bars = inEnv.equity().length;
                for (int i = 0; i < bars - 1; i++) assertEquals(inEnv.equity()[i], inBacktest.equity()[i], 1e-9, "seed " + seed + ", equity after bar " + i);
                var te = inEnv.trades().get(0);
                var tb = inBacktest.trades().get(0);
                assertEquals(List.of(te.side(), te.entryTime(), te.exitTime(), te.reason()), List.of(tb.side(), tb.entryTime(), tb.exitTime(), tb.reason()), "seed " + seed);
                assertEquals(te.pnl(), tb.pnl(), 1e-9, "seed " + seed + ": the first trade's P&L");
                assertEquals(te.exitPrice(), tb.exitPrice(), 1e-9, "seed " + seed + ": its exit price (a stop's level, less slippage)");
                if (inEnv.trades().stream().anyMatch(t -> t.reason() == ExitReason.STOP_LOSS)) stopped++;
                compared++;
            }
        }
        assertEquals(6, compared);
        assertTrue(stops.size() >= 2, "the untrained policies trail their stops in more than one way: " + stops);
        assertTrue(stopped >= 1, "at least one trade ends at a trailing stop, so the stop moves are compared too");
    }

    @Test
    void aPolicyOfAnotherShapeIsRefused() {
        try (ActorCritic pi = ActorCritic.create(4 + ExitEnv.STATE, new int[]{3, 3}, 8, 1)) {
            assertThrows(IllegalArgumentException.class, () -> new PpoExitStrategy(pi, new double[]{1, 2, 4}, 10, 1, PpoTaskService.Side.COST_AWARE, 0.0015, 0.005,
                    (h, i) -> null));
        }
    }
}
