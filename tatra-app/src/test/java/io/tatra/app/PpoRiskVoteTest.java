package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.EdgeModel;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeCosts;
import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.RiskEnv;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PpoRiskVoteTest {
    @Test
    void theRiskIsOneMinusTheMultiplierTheAgentPicksFromAFlatBookWithTheBasesWinRateAndVolatilityRatio() {
        Torch.configure(1, 5);
        CostAwareFusion policy = new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(1, 10, 100), new TradeCosts(0.00075, 0), 0, 2);
        TradeDecision d = policy.decide(new HeadOutputs(new double[]{0.2, 0.3, 0.5}, 0.006, new double[]{0.5, 0.2, 0.3}, 0, 4));
        assertEquals(Action.LONG, d.action());
        BarSeries.Builder b = BarSeries.builder(Symbol.of("SYN01USDT"), Interval.H1);
        double p = 100;
        for (int i = 0; i < 300; i++) { // up two bars, down one: a long base wins two bars in three
            double next = p * (i % 3 == 2 ? 0.99 : 1.01);
            b.add(1_699_999_200_000L + i * 3_600_000L, p, Math.max(p, next) * 1.001, Math.min(p, next) * 0.999, next, 10);
            p = next;
        }
        BarSeries bars = b.build();
        double[] scales = {0, 0.25, 0.5, 1, 2};
        double roundTrip = policy.costs().roundTrip(1, 4);
        try (ActorCritic pi = ActorCritic.create(4 + RiskEnv.STATE, scales.length, 8, 3)) {
            PpoRiskVote v = new PpoRiskVote(pi, scales, 48, PpoTaskService.Side.COST_AWARE, roundTrip, 0.005);
            int[] sides = new int[bars.size()];
            double last = Double.NaN;
            for (int row = 0; row < bars.size(); row++) last = v.risk(d, bars, row, sides);
            assertEquals(1, sides[299], "each row's base side is kept for the win rate of later rows");

            double[] o = java.util.Arrays.copyOf(SizingService.Signals.ofTrace(d, roundTrip, 0.005), 4 + RiskEnv.STATE);
            o[7] = 1;
            o[8] = RiskEnv.winRate(bars, 299, t -> sides[t], 48);
            o[9] = RiskEnv.volRatio(bars, 299);
            assertEquals(0, o[4] + o[5] + o[6], "a flat book: no position, drawdown or block return");
            assertEquals(2 / 3.0 - 0.5, o[8], 0.03, "a long base wins two bars in three here (the environment's win rate is minus ½)");
            assertEquals(1 - Math.abs(scales[pi.evaluate(o).greedy()[0]]) / 2, last, 1e-12, "risk = 1 − multiplier / the largest");

            TradeDecision flat = new TradeDecision(Action.FLAT, 0, 0, 0.02, 0.03, 1, "", Map.of());
            assertTrue(Double.isNaN(v.risk(flat, bars, 299, sides)), "no base side: the agent's multiplier changes nothing, no risk view");
            assertEquals(0, sides[299]);

            assertThrows(IllegalArgumentException.class, () -> new PpoRiskVote(pi, new double[]{0, 0, 0, 0, 0}, 48, PpoTaskService.Side.COST_AWARE, roundTrip, 0.005));
            assertThrows(IllegalArgumentException.class, () -> new PpoRiskVote(pi, new double[]{0, 1}, 48, PpoTaskService.Side.COST_AWARE, roundTrip, 0.005));
        }
    }
}
