package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.EdgeModel;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeCosts;
import io.tatra.decision.TradeDecision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SizingServiceTest {
    static HeadOutputs out(double up, double down) { return new HeadOutputs(new double[]{down, 1 - up - down, up}, 0.005, new double[]{0.3, 0.3, 0.4}, 0, 4); }

    @Test
    void halfKellyUsesTheSidesWinProbabilityAndTheValidatedWinLossRatio() {
        TradeDecision longD = new TradeDecision(Action.LONG, 0.6, 0.5, 0.02, 0.03, 1, "", Map.of());
        // p = 0.6 / (0.6 + 0.2) = 0.75, b = 1: Kelly 0.5, half 0.25
        assertEquals(0.25, SizingService.kelly(longD, out(0.6, 0.2), 1), 1e-12);
        TradeDecision shortD = new TradeDecision(Action.SHORT, 0.6, 0.5, 0.02, 0.03, 1, "", Map.of());
        assertEquals(-0.25, SizingService.kelly(shortD, out(0.2, 0.6), 1), 1e-12);
        assertEquals(0, SizingService.kelly(longD, out(0.3, 0.5), 1), "a negative Kelly fraction is no position");
        assertEquals(0, SizingService.kelly(new TradeDecision(Action.FLAT, 0, 0, 0.02, 0.03, 1, "", Map.of()), out(0.6, 0.2), 1));
        assertEquals(0, SizingService.kelly(longD, out(0.6, 0.2), Double.NaN), "no ratio measured: no position");
    }

    @Test
    void halfKellyResizesADecisionFromItsTraceOrFlattensIt() {
        TradeDecision d = new TradeDecision(Action.SHORT, 0.6, 0.8, 0.02, 0.03, 1, "short.", Map.of("p_up", 0.2, "p_down", 0.6));
        TradeDecision k = SizingService.halfKelly(d, 1);
        assertEquals(Action.SHORT, k.action());
        assertEquals(0.25, k.size(), 1e-12, "p = 0.75, b = 1: Kelly 0.5, half 0.25");
        assertEquals(0.25, k.trace().get("half_kelly"), 1e-12);
        assertTrue(k.reasoning().contains("half-Kelly"), k.reasoning());
        TradeDecision zero = SizingService.halfKelly(new TradeDecision(Action.LONG, 0.6, 0.8, 0.02, 0.03, 1, "", Map.of("p_up", 0.3, "p_down", 0.3)), 1);
        assertEquals(Action.FLAT, zero.action(), "p = ½ with b = 1: Kelly 0");
        assertEquals(io.tatra.decision.SkipReason.KELLY_ZERO, zero.skip());
        TradeDecision flat = new TradeDecision(Action.FLAT, 0, 0, 0.02, 0.03, 1, "", Map.of());
        assertSame(flat, SizingService.halfKelly(flat, 1));
    }

    @Test
    void winLossRatioAndNearestTargetAndLongestRun() {
        CostAwareFusion f = new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(1, 5, 10), new TradeCosts(0.00075, 0), 0, 2);
        // long signals: +2 %, −1 %; short signal: −3 % (a win of 3 %) → wins 2.5 % mean, losses 1 %
        double r = SizingService.winLossRatio(List.of(out(0.6, 0.2), out(0.6, 0.2), out(0.2, 0.6), out(0.6, 0.2)), new double[]{0.02, -0.01, -0.03, Double.NaN}, f);
        assertEquals(2.5, r, 1e-12);
        double[] fr = {-1, -0.5, 0, 0.5, 1};
        assertEquals(4, SizingService.nearest(fr, 0.8));
        assertEquals(1, SizingService.nearest(fr, -0.6));
        assertEquals(2, SizingService.nearest(fr, 0.1));
        double[][][] rows = {{null, {1}, {1}, null, {1}, {1}, {1}, null}};
        var s = new SizingService.Signals(rows, new HeadOutputs[1][8]);
        assertArrayEquals(new int[]{4, 7}, s.longestRun(0));
    }
}
