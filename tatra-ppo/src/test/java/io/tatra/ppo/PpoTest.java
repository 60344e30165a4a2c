package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.CostConfig;
import io.tatra.model.nn.Torch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PPO on the planted market: with the next bar's direction in the observation it must learn to trade it (positive
 * control); with an unrelated coin instead it must not find money (negative control); the same seed gives the same
 * policy. Costs are Bybit's (taker 0.055 % + 2 bps a leg), so churning on noise loses.
 */
class PpoTest {
    static final BacktestConfig CFG = BacktestConfig.defaults().withCosts(CostConfig.bybitLinear());
    static final PpoConfig PPO = new PpoConfig(256, 30, 4, 64, 0.9, 0.95, 0.2, 0.5, 0.01, 1e-3, 0.5, 1e-5, 32, 11);

    static double trainAndEvaluate(boolean shuffled, PpoConfig cfg) {
        PlantedMarket train = new PlantedMarket(3_000, 0.004, 0.002, shuffled, 5), test = new PlantedMarket(4_000, 0.004, 0.002, shuffled, 6);
        SizingEnv env = new SizingEnv(SizingEnv.Config.of(CFG, 32), train.frame, train.signals, 0, 3_000, 1);
        try (ActorCritic pi = PpoTrainer.train(env, cfg, null).policy()) {
            // every whole 32-bar episode of 4,000 unseen bars (124): a constant position's mean over them has a standard
            // error near 0.2 %, so the shuffled bound below sits about 4 standard errors above chance
            SizingEnv unseen = new SizingEnv(SizingEnv.Config.of(CFG, 32), test.frame, test.signals, 0, 4_000, 2);
            Episodes.Outcome o = Episodes.run(unseen, Episodes.greedy(pi));
            return o.logReturn() / o.episodes();
        }
    }

    @Test
    void learnsAPlantedSizingProblemAndFindsNothingInAShuffledOne() {
        Torch.configure(1, 11);
        double planted = trainAndEvaluate(false, PPO), shuffled = trainAndEvaluate(true, PPO);
        // the best policy earns about 32 × 0.4 % = 12.8 % a 32-bar episode before costs; flat earns 0
        System.out.printf("PPO greedy return per 32-bar episode on unseen bars: planted %.4f, shuffled %.4f%n", planted, shuffled);
        assertTrue(planted > 0.06, "the planted signal is learned: " + planted);
        assertTrue(shuffled < 0.01, "no money from a coin unrelated to returns: " + shuffled);
    }

    @Test
    void theSameSeedGivesTheSamePolicy() {
        Torch.configure(1, 11);
        PlantedMarket m = new PlantedMarket(600, 0.004, 0.002, false, 5);
        PpoConfig short3 = PPO.withIterations(3);
        float[] a, b;
        try (ActorCritic p = PpoTrainer.train(new SizingEnv(SizingEnv.Config.of(CFG, 32), m.frame, m.signals, 0, 600, 1), short3, null).policy()) {
            a = p.weights();
        }
        try (ActorCritic p = PpoTrainer.train(new SizingEnv(SizingEnv.Config.of(CFG, 32), m.frame, m.signals, 0, 600, 1), short3, null).policy()) {
            b = p.weights();
        }
        float[] c;
        try (ActorCritic p = PpoTrainer.train(new SizingEnv(SizingEnv.Config.of(CFG, 32), m.frame, m.signals, 0, 600, 1), short3.withSeed(12), null).policy()) {
            c = p.weights();
        }
        assertArrayEquals(a, b, "same seed, same weights");
        assertFalse(Arrays.equals(a, c), "another seed, other weights");
        // and whatever the process's thread count: PPO trains on one PyTorch thread (a two-thread reduction once changed the policy)
        Torch.configure(2, 11);
        float[] d;
        try (ActorCritic p = PpoTrainer.train(new SizingEnv(SizingEnv.Config.of(CFG, 32), m.frame, m.signals, 0, 600, 1), short3, null).policy()) {
            d = p.weights();
        } finally {
            Torch.configure(1, 11);
        }
        assertArrayEquals(a, d, "--threads 2 trains the same policy");
    }
}
