package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.features.MarketFrame;
import io.tatra.market.FundingRate;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PortfolioEnvTest {
    static final BacktestConfig CFG = BacktestConfig.defaults().withCosts(new CostConfig(0.00055, 0.0002, 2, 0)).withRisk(RiskLimits.leverage(1, 1));

    /** Three planted symbols on the same clock; signals {@code [symbol][bar][1]}. */
    static PlantedMarket[] market(int bars, boolean shuffled, long seed) {
        return new PlantedMarket[]{new PlantedMarket("AUSDT", bars, 0.004, 0.002, shuffled, seed), new PlantedMarket("BUSDT", bars, 0.004, 0.002, shuffled, seed + 100),
                new PlantedMarket("CUSDT", bars, 0.004, 0.002, shuffled, seed + 200)};
    }

    static PortfolioEnv env(PlantedMarket[] m, List<MarketFrame> frames, int episode, long seed) {
        double[][][] signals = new double[m.length][][];
        for (int s = 0; s < m.length; s++) signals[s] = m[s].signals;
        return new PortfolioEnv(new PortfolioEnv.Config(CFG, 1.0, episode, 24), frames, signals, 24, frames.get(0).bars().size(), seed);
    }

    @Test
    void anEpisodeChargesExactlyWhatTheBacktestChargesForTheSameOrders() {
        PlantedMarket[] m = market(200, false, 3);
        List<FundingRate> funding = new ArrayList<>();
        for (int i = 0; i < 200; i += 8) funding.add(new FundingRate(m[1].frame.bars().symbol(), m[1].frame.bars().openTime(i), 0.0001));
        List<MarketFrame> frames = List.of(m[0].frame, new MarketFrame(m[1].frame.bars(), funding, List.of(), List.of()), m[2].frame);
        PortfolioEnv env = env(m, frames, 40, 1);
        int start = 50;
        int[][] actions = new int[40][];
        for (int i = 0; i < 40; i++) actions[i] = new int[]{new int[]{2, 2, 1, 0, 0}[i % 5], new int[]{0, 2, 2}[i % 3], i < 20 ? 2 : 1};
        env.resetAt(start);
        for (int i = 0; i < 40; i++) assertEquals(i == 39, env.step(actions[i]).done());
        BacktestResult fromEnv = env.session().finish();
        List<MarketFrame> sliced = frames.stream().map(f -> Frames.episode(f, start, start + 40)).toList();
        BacktestResult bt = new Backtester(CFG).run(sliced, (h, i, p) -> {
            int s = h.symbol().value().charAt(0) - 'A';
            if (i >= 40) return List.of();
            int prev = i == 0 ? 1 : actions[i - 1][s];
            if (actions[i][s] == prev) return List.of();
            return List.of(new TargetOrder(h.symbol(), (actions[i][s] - 1) / 3.0, Double.NaN, Double.NaN, null));
        });
        assertEquals(bt.feesPaid(), fromEnv.feesPaid(), 1e-9);
        assertEquals(bt.fundingPaid(), fromEnv.fundingPaid(), 1e-9);
        assertNotEquals(0, fromEnv.fundingPaid());
        assertEquals(bt.slippagePaid(), fromEnv.slippagePaid(), 1e-9);
        assertEquals(bt.trades().size(), fromEnv.trades().size());
        for (int i = 0; i < bt.equity().length; i++) assertEquals(bt.equity()[i], fromEnv.equity()[i], 1e-9, "equity after step " + i);
    }

    @Test
    void observationsCarrySignalsWeightsCorrelationsAndExposure() {
        PlantedMarket[] m = market(120, false, 3);
        List<MarketFrame> frames = List.of(m[0].frame, m[1].frame, m[2].frame);
        PortfolioEnv env = env(m, frames, 20, 1);
        assertEquals(3 * (1 + 2) + 3 + 3, env.observationSize());
        assertArrayEquals(new int[]{3, 3, 3}, env.actionDims());
        double[] o = env.resetAt(30);
        assertEquals(m[1].signals[30][0], o[3]);
        // the A–B correlation of log returns over bars 7..30, by hand
        double[] a = new double[24], b = new double[24];
        for (int i = 0; i < 24; i++) {
            a[i] = Math.log(m[0].frame.bars().close(7 + i) / m[0].frame.bars().close(6 + i));
            b[i] = Math.log(m[1].frame.bars().close(7 + i) / m[1].frame.bars().close(6 + i));
        }
        assertEquals(PortfolioEnv.correlation(a, b, 0, 24), o[9], 1e-12);
        double[] next = env.step(new int[]{2, 0, 1}).observation();
        assertEquals(1 / 3.0, next[1], 0.01, "A long a third of equity");
        assertEquals(-1 / 3.0, next[4], 0.01, "B short a third");
        assertEquals(0, next[7], "C flat");
        assertEquals(2 / 3.0, next[12], 0.01, "gross exposure");
        assertThrows(IllegalArgumentException.class, () -> env.step(new int[]{2, 0}));
        List<MarketFrame> misaligned = List.of(m[0].frame, new MarketFrame(m[1].frame.bars().range(1, 120), List.of(), List.of(), List.of()), m[2].frame);
        assertThrows(IllegalArgumentException.class, () -> env(m, misaligned, 20, 1));
    }

    static double trainAndEvaluate(boolean shuffled) {
        PlantedMarket[] train = market(3_000, shuffled, 5), test = market(3_000, shuffled, 6);
        PpoConfig ppo = new PpoConfig(256, 100, 4, 64, 0.9, 0.95, 0.2, 0.5, 0.01, 1e-3, 0.5, 1e-5, 32, 11);
        try (ActorCritic pi = PpoTrainer.train(env(train, List.of(train[0].frame, train[1].frame, train[2].frame), 32, 1), ppo, null).policy()) {
            Episodes.Outcome o = Episodes.run(env(test, List.of(test[0].frame, test[1].frame, test[2].frame), 32, 2), Episodes.greedyAll(pi));
            return o.logReturn() / o.episodes();
        }
    }

    @Test
    void learnsPlantedSignalsPerSymbolAndFindsNothingInShuffledOnes() {
        Torch.configure(1, 11);
        double planted = trainAndEvaluate(false), shuffled = trainAndEvaluate(true);
        // perfect use earns about 32 × 0.4 % = 12.8 % an episode before costs (a third of equity in each of three symbols)
        System.out.printf("PPO portfolio greedy return per 32-bar episode on unseen bars: planted %.4f, shuffled %.4f%n", planted, shuffled);
        assertTrue(planted > 0.05, "the planted signals are learned: " + planted);
        assertTrue(shuffled < 0.01, "no money from coins unrelated to returns: " + shuffled);
    }
}
