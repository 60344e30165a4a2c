package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.EdgeModel;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeCosts;
import io.tatra.decision.TradeDecision;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.SizingEnv;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PpoEntrySizerTest {
    @Test
    void theAgentSeesTheTrainingSignalsFromAFlatBookAndItsTargetSizesOrFlattensTheDecision() {
        Torch.configure(1, 3);
        CostAwareFusion policy = new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(1, 10, 100), new TradeCosts(0.00075, 0), 0, 2);
        HeadOutputs o = new HeadOutputs(new double[]{0.2, 0.3, 0.5}, 0.006, new double[]{0.5, 0.2, 0.3}, 0, 4);
        TradeDecision d = policy.decide(o);
        assertEquals(Action.LONG, d.action());
        double[] fr = {-1, -0.5, 0, 0.5, 1};
        try (ActorCritic pi = ActorCritic.create(4 + SizingEnv.STATE, fr.length, 8, 3)) {
            PpoEntrySizer sizer = new PpoEntrySizer(pi, policy, 0.005, fr, 4);
            double[] obs = sizer.observation(d);
            // the same four signals SizingService trains on, then a flat book
            assertEquals(10 * (0.5 - 0.2), obs[0], 1e-12);
            assertEquals(policy.edge().expectedReturn(o) / policy.costs().roundTrip(1, 4), obs[1], 1e-12);
            assertEquals(0.5 - 0.2, obs[2], 1e-12);
            assertEquals(0.006 / 0.005 - 1, obs[3], 1e-12);
            for (int i = 4; i < obs.length; i++) assertEquals(0, obs[i]);
            TradeDecision sized = sizer.resize(d);
            double target = fr[pi.evaluate(obs).greedy()[0]];
            if (target > 0) {
                assertEquals(Action.LONG, sized.action());
                assertEquals(target, sized.size(), 1e-12);
            } else {
                assertEquals(Action.FLAT, sized.action());
                assertEquals(SkipReason.PPO_NO_POSITION, sized.skip());
            }
            assertEquals(target, sized.trace().get("ppo_target"), 1e-12);
            TradeDecision flat = new TradeDecision(Action.FLAT, 0, 0, 0.02, 0.03, 1, "", Map.of());
            assertSame(flat, sizer.resize(flat));
            TradeDecision ruleBased = new TradeDecision(Action.LONG, 0.5, 0.5, 0.02, 0.03, 1, "", Map.of("p_up", 0.5));
            assertSame(ruleBased, sizer.resize(ruleBased), "a decision without the cost-aware trace is left as it is");
        }
    }
}
