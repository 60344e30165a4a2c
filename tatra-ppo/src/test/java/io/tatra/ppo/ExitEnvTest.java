package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.ExitReason;
import io.tatra.trading.TargetOrder;
import io.tatra.trading.Trade;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExitEnvTest {
    static final BacktestConfig CFG = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0)).withRisk(RiskLimits.leverage(1, 1));

    /** Entries on the planted signal's side; a flat bar volatility. */
    static ExitEnv env(PlantedMarket m, int maxBars, long seed) {
        int n = m.signals.length;
        int[] side = new int[n];
        for (int i = 0; i < n; i++) side[i] = (int) Math.signum(m.signals[i][0]);
        double[] sigma = new double[n];
        Arrays.fill(sigma, 0.004);
        return new ExitEnv(ExitEnv.Config.of(CFG, maxBars), m.frame, m.signals, side, sigma, 0, n, seed);
    }

    @Test
    void aTradeChargesExactlyWhatTheBacktestChargesForTheSameOrders() {
        PlantedMarket m = new PlantedMarket(120, 0.003, 0.004, false, 3);
        ExitEnv env = env(m, 10, 1);
        int entry = 40;
        double[] o = env.resetAt(entry);
        int held = (int) Math.signum(m.signals[entry][0]);
        assertEquals(held, o[1], "the held side");
        assertEquals(1, o[2], 1e-12, "the whole entry size held");
        int[][] actions = {{0, 0}, {0, 0}, {1, 0}, {0, 0}, {2, 0}};
        int steps = 0;
        for (int[] a : actions) {
            steps++;
            if (env.step(a).done()) break;
        }
        assertEquals(5, steps, "the episode ends when the position is gone");
        BacktestResult fromEnv = env.session().finish();
        // the same orders as a strategy through the backtester: entry at bar 0's close, half at the 3rd decision, the rest at the 5th
        BacktestResult bt = new Backtester(CFG).run(List.of(Frames.episode(m.frame, entry, entry + 11)), (h, i, p) -> {
            if (i == 0) return List.of(new TargetOrder(h.symbol(), held, Double.NaN, Double.NaN, null));
            if (i == 3) return List.of(new TargetOrder(h.symbol(), p.position(h.symbol()) * h.close(i) / p.equity() / 2, Double.NaN, Double.NaN, null));
            if (i == 5) return List.of(TargetOrder.flat(h.symbol(), null));
            return List.of();
        });
        assertEquals(bt.feesPaid(), fromEnv.feesPaid(), 1e-9);
        assertEquals(bt.slippagePaid(), fromEnv.slippagePaid(), 1e-9);
        assertEquals(bt.finalEquity(), fromEnv.finalEquity(), 1e-9);
        assertEquals(bt.trades().size(), fromEnv.trades().size());
        assertTrue(fromEnv.feesPaid() > 0);
    }

    @Test
    void aTrailingStopOnlyTightensAndFillsAtItsLevel() {
        PlantedMarket m = new PlantedMarket(300, 0.003, 0.004, false, 3);
        ExitEnv env = env(m, 40, 1);
        int entry = -1;
        for (int i = 50; i < 200 && entry < 0; i++) if (m.signals[i][0] > 0) entry = i; // a long
        env.resetAt(entry);
        boolean stopped = false;
        double lastStop = Double.NaN;
        for (int k = 0; k < 40 && !stopped; k++) {
            int[] a = k == 0 ? new int[]{0, 1} : new int[]{0, 3}; // 1σ, then a looser 4σ that must not loosen it
            double close = m.frame.bars().close(env.bar());
            var pos = env.session().portfolio().position(0);
            Env.Step s = env.step(a);
            if (s.done()) {
                stopped = true;
                break;
            }
            double stop = env.session().portfolio().position(0).stopPrice();
            if (!Double.isNaN(lastStop)) assertTrue(stop >= lastStop, "a trailing stop never loosens");
            if (k == 0) assertEquals(close * (1 - 0.004), stop, 1e-9, "1 bar volatility under the close");
            lastStop = stop;
            assertNotNull(pos);
        }
        assertTrue(stopped, "the stop was hit");
        List<Trade> trades = env.session().finish().trades();
        Trade exit = trades.get(trades.size() - 1);
        assertEquals(ExitReason.STOP_LOSS, exit.reason());
        // a long's stop sells at the level, less 2 bps of slippage (or at the open when the bar gaps through it)
        var b = m.frame.bars();
        int hit = b.lowerBound(exit.exitTime().toEpochMilli() - b.interval().millis());
        double reference = Math.min(lastStop, b.open(hit));
        assertEquals(reference * (1 - 0.0002), exit.exitPrice(), 1e-9);
    }

    /** Per-trade mean log return of PPO minus holding every trade to its end, on the same unseen trades. */
    static double[] trainAndCompare(boolean shuffled) {
        PlantedMarket train = new PlantedMarket(3_000, 0.004, 0.002, shuffled, 5), test = new PlantedMarket(6_000, 0.004, 0.002, shuffled, 6);
        PpoConfig ppo = new PpoConfig(256, 80, 4, 64, 0.9, 0.95, 0.2, 0.5, 0.01, 1e-3, 0.5, 1e-5, 32, 11);
        try (ActorCritic pi = PpoTrainer.train(env(train, 16, 1), ppo, null).policy()) {
            ExitEnv unseen = env(test, 16, 2);
            Episodes.Outcome p = Episodes.runTrades(unseen, Episodes.greedyAll(pi)), hold = Episodes.runTrades(unseen, (bar, obs) -> new int[]{0, 0});
            assertEquals(hold.episodes(), p.episodes(), "the same trades");
            return new double[]{p.logReturn() / p.episodes(), hold.logReturn() / hold.episodes(), p.episodes()};
        }
    }

    @Test
    void learnsToExitOnAPlantedSignalAndNotOnAShuffledOne() {
        Torch.configure(1, 11);
        double[] planted = trainAndCompare(false), shuffled = trainAndCompare(true);
        System.out.printf("PPO exits, per-trade log return on %d / %d unseen trades: planted %.4f vs hold %.4f; shuffled %.4f vs hold %.4f%n",
                (int) planted[2], (int) shuffled[2], planted[0], planted[1], shuffled[0], shuffled[1]);
        // exiting before the first bar announced against the trade adds about one bar's 0.4 % a trade
        assertTrue(planted[0] > planted[1] + 0.002, "the planted exit signal is learned");
        assertTrue(shuffled[0] < shuffled[1] + 0.002, "no gain over holding from a coin unrelated to returns");
    }
}
