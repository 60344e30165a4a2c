package io.tatra.ppo;

import io.tatra.AtomicWrite;
import io.tatra.TatraException;
import io.tatra.model.nn.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PpoStoreTest {
    @TempDir Path tmp;

    static PpoCard card(ActorCritic pi, PpoConfig cfg) {
        List<String> obs = List.of("signal", "position", "unrealized_pnl", "bars_in_trade", "drawdown", "episode_return");
        return new PpoCard(PpoStore.FORMAT, PpoTask.SIZING, "2026-11-26T00:00:00Z", Map.of("tatra", "test"), obs,
                List.of(List.of("-1", "-0.5", "0", "0.5", "1")), cfg, Map.of("episodeBars", 32), "models/x", "abc", List.of("PLANTUSDT"),
                "2024-01-01", "2024-03-01", 18, cfg.totalSteps(), 1.0, 0.01, null);
    }

    @Test
    void aSavedPolicyLoadsToTheSameDecisionsAndRefusesTamperingAndMismatches() throws Exception {
        Torch.configure(1, 11);
        PlantedMarket m = new PlantedMarket(600, 0.004, 0.002, false, 5);
        PpoConfig cfg = PpoTest.PPO.withIterations(3);
        SizingEnv env = new SizingEnv(SizingEnv.Config.of(PpoTest.CFG, 32), m.frame, m.signals, 0, 600, 1);
        Path dir = tmp.resolve("ppo");
        float[] weights;
        double[][] probs = new double[20][];
        try (ActorCritic pi = PpoTrainer.train(env, cfg, null).policy()) {
            weights = pi.weights();
            for (int i = 0; i < 20; i++) probs[i] = pi.evaluate(new double[]{i % 2 == 0 ? 1 : -1, 0.1 * i, 0, 0, 0, 0}).probabilities()[0];
            PpoStore.save(dir, pi, card(pi, cfg), AtomicWrite.Existing.REFUSE);
        }
        try (PpoStore.Loaded l = PpoStore.load(dir)) {
            assertArrayEquals(weights, l.policy().weights());
            for (int i = 0; i < 20; i++) assertArrayEquals(probs[i], l.policy().evaluate(new double[]{i % 2 == 0 ? 1 : -1, 0.1 * i, 0, 0, 0, 0}).probabilities()[0], 1e-7);
            assertEquals(PpoTask.SIZING, l.card().task());
            assertEquals("models/x", l.card().signalModel());
            assertEquals(64, l.card().weightsSha256().length());
            assertEquals(cfg, l.card().ppo());
            PpoCard c = l.card();
            var e = assertThrows(TatraException.class, () -> PpoStore.requireCompatible(c, dir, PpoTask.EXITS, c.observation(), c.actionDims()));
            assertTrue(e.getMessage().contains("sizing policy, not exits"), e.getMessage());
            e = assertThrows(TatraException.class, () -> PpoStore.requireCompatible(c, dir, PpoTask.SIZING, c.observation().subList(0, 5), c.actionDims()));
            assertTrue(e.getMessage().contains("train the policy again"), e.getMessage());
            PpoStore.requireCompatible(c, dir, PpoTask.SIZING, c.observation(), new int[]{5});
        }
        try (ActorCritic other = ActorCritic.create(6, 5, 8, 1)) {
            assertThrows(TatraException.class, () -> PpoStore.save(dir, other, card(other, cfg), AtomicWrite.Existing.REFUSE), "an existing policy is not replaced unless told");
        }
        byte[] w = Files.readAllBytes(dir.resolve("weights.bin"));
        w[w.length - 1] ^= 1;
        Files.write(dir.resolve("weights.bin"), w);
        var e = assertThrows(TatraException.class, () -> PpoStore.load(dir));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        e = assertThrows(TatraException.class, () -> PpoStore.load(tmp));
        assertTrue(e.getMessage().contains("not a PPO policy directory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PpoTask.parse("hedging"));
        assertEquals(PpoTask.PORTFOLIO, PpoTask.parse("Portfolio"));
    }
}
