package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class RiskEnvTest {
    static final BacktestConfig CFG = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0)).withRisk(RiskLimits.leverage(2, 2));

    /**
     * A base signal announcing the next bar's direction that is right in some stretches and wrong in others (regimes of
     * 100–300 bars): bar t moves by {@code edge · s_t · regime_t} plus noise; the base target at bar t−1's close is s_t.
     * Shuffled: the base is a coin unrelated to the moves.
     */
    record RegimeMarket(MarketFrame frame, double[] base, double[][] signals) {
        static RegimeMarket of(int bars, boolean shuffled, long seed) {
            Random r = new Random(seed);
            int[] s = new int[bars + 1], regime = new int[bars + 1];
            int current = 1, left = 0;
            for (int i = 0; i <= bars; i++) {
                if (left-- == 0) {
                    current = -current;
                    left = 100 + r.nextInt(200);
                }
                regime[i] = current;
                s[i] = r.nextBoolean() ? 1 : -1;
            }
            BarSeries.Builder b = BarSeries.builder(Symbol.of("RISKUSDT"), Interval.H1, bars);
            long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
            double close = 100;
            for (int i = 0; i < bars; i++) {
                double open = close;
                close = open * Math.exp(0.004 * s[i] * regime[i] + 0.002 * r.nextGaussian());
                b.add(t0 + i * 3_600_000L, open, Math.max(open, close) * 1.0005, Math.min(open, close) * 0.9995, close, 1000);
            }
            double[] base = new double[bars];
            double[][] signals = new double[bars][];
            for (int i = 0; i < bars; i++) {
                base[i] = shuffled ? (r.nextBoolean() ? 1 : -1) : s[i + 1];
                signals[i] = new double[]{base[i]};
            }
            return new RegimeMarket(MarketFrame.of(b.build()), base, signals);
        }
    }

    static RiskEnv env(RegimeMarket m, long seed) {
        return new RiskEnv(RiskEnv.Config.of(CFG), m.frame, m.signals, m.base, 0, m.base.length, seed);
    }

    @Test
    void anEpisodeChargesExactlyWhatTheBacktestChargesForTheSameTargets() {
        RegimeMarket m = RegimeMarket.of(800, false, 3);
        RiskEnv env = env(m, 1);
        int start = 300;
        int[] choice = new int[240];
        for (int i = 0; i < 240; i++) choice[i] = new int[]{3, 3, 4, 0, 1, 2, 2}[i % 7];
        env.resetAt(start);
        for (int i = 0; i < 240; i++) assertEquals(i == 239, env.step(new int[]{choice[i]}).done());
        BacktestResult fromEnv = env.session().finish();
        double[] sent = {0};
        BacktestResult bt = new Backtester(CFG).run(List.of(Frames.episode(m.frame, start, start + 240)), (h, i, p) -> {
            if (i >= 240) return List.of();
            double t = m.base[start + i] * new double[]{0, 0.25, 0.5, 1, 1.5}[choice[i]];
            if (Math.signum(t) == Math.signum(sent[0]) && Math.abs(t - sent[0]) <= 0.2) return List.of();
            sent[0] = t;
            return List.of(new TargetOrder(h.symbol(), t, Double.NaN, Double.NaN, null));
        });
        assertEquals(bt.feesPaid(), fromEnv.feesPaid(), 1e-9);
        assertEquals(bt.slippagePaid(), fromEnv.slippagePaid(), 1e-9);
        for (int i = 0; i < bt.equity().length; i++) assertEquals(bt.equity()[i], fromEnv.equity()[i], 1e-9, "equity after bar " + i);
    }

    @Test
    void theWinRateCountsTheBaseSidesReturnsOverItsWindow() {
        RegimeMarket m = RegimeMarket.of(400, false, 3);
        double[] w = RiskEnv.winRates(m.frame.bars(), m.base, 48, 400);
        int i = 200, hits = 0;
        for (int t = i - 47; t <= i; t++) if (Math.signum(m.base[t - 1]) * (m.frame.bars().close(t) - m.frame.bars().close(t - 1)) > 0) hits++;
        assertEquals(hits / 48.0 - 0.5, w[i], 1e-12);
        double[] v = RiskEnv.volRatios(m.frame.bars(), 400);
        assertTrue(Math.abs(v[300]) < 1, "similar volatility over 24 and 240 bars: " + v[300]);
        assertThrows(IllegalArgumentException.class, () -> new RiskEnv(RiskEnv.Config.of(CFG), m.frame, m.signals, new double[399], 0, 400, 1));
    }

    static double[] trainAndEvaluate(boolean shuffled) {
        RegimeMarket train = RegimeMarket.of(8_000, shuffled, 5), test = RegimeMarket.of(6_000, shuffled, 6);
        PpoConfig ppo = new PpoConfig(480, 40, 4, 96, 0.9, 0.95, 0.2, 0.5, 0.01, 1e-3, 0.5, 1e-5, 32, 11);
        try (ActorCritic pi = PpoTrainer.train(env(train, 1), ppo, null).policy()) {
            RiskEnv unseen = env(test, 2);
            Episodes.Outcome p = Episodes.run(unseen, Episodes.greedyAll(pi)), full = Episodes.run(unseen, (bar, obs) -> new int[]{3});
            return new double[]{p.logReturn() / p.episodes(), full.logReturn() / full.episodes()};
        }
    }

    @Test
    void learnsToCutRiskWhenTheBaseStopsWorkingAndFindsNothingInACoin() {
        Torch.configure(1, 11);
        double[] planted = trainAndEvaluate(false), shuffled = trainAndEvaluate(true);
        System.out.printf("PPO risk, log return per 240-bar episode on unseen bars: planted %.4f vs the base at full size %.4f; shuffled %.4f vs %.4f%n",
                planted[0], planted[1], shuffled[0], shuffled[1]);
        assertTrue(planted[0] > planted[1] + 0.1 && planted[0] > 0.1, "risk is cut in the regimes where the base is wrong");
        assertTrue(shuffled[0] < 0.01, "no money from a base unrelated to returns");
    }
}
