package io.tatra.decision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RuleBasedFusionTest {
    final RuleBasedFusion fusion = new RuleBasedFusion(FusionConfig.defaults());

    static HeadOutputs out(double up, double down, double bull, double bear, double vol, double ret) {
        return new HeadOutputs(new double[]{down, 1 - up - down, up}, vol, new double[]{bull, bear, 1 - bull - bear}, ret, 4);
    }

    @Test
    void allAgreeGivesAFullRiskBudgetLongTraceableToTheOutputs() {
        TradeDecision d = fusion.decide(out(0.68, 0.22, 0.73, 0.10, 0.005, 0.0048));
        assertEquals(Action.LONG, d.action());
        assertEquals(1.0, d.consistency(), 1e-12);
        double hv = 0.005 * 2;
        assertEquals(1.5 * hv, d.stopLoss(), 1e-12);
        assertEquals(2.5 * hv, d.takeProfit(), 1e-12);
        assertEquals(0.01 / (1.5 * hv), d.size(), 1e-12, "loss at the stop = 1 % of capital");
        assertEquals(0.68 / 0.90, d.confidence(), 1e-12);
        assertEquals(d.size(), d.trace().get("size"));
        assertEquals(0.68 - 0.22, d.trace().get("direction_score"), 1e-12);
        assertTrue(d.reasoning().startsWith("All agree, bullish"), d.reasoning());
    }

    @Test
    void theMirrorImageIsShort() {
        TradeDecision d = fusion.decide(out(0.22, 0.68, 0.10, 0.73, 0.005, -0.0048));
        assertEquals(Action.SHORT, d.action());
        assertEquals(fusion.decide(out(0.68, 0.22, 0.73, 0.10, 0.005, 0.0048)).size(), d.size(), 1e-12);
    }

    @Test
    void higherVolatilityShrinksTheSizeAndWidensTheStop() {
        TradeDecision calm = fusion.decide(out(0.6, 0.3, 0.6, 0.2, 0.004, 0.004)), wild = fusion.decide(out(0.6, 0.3, 0.6, 0.2, 0.012, 0.012));
        assertTrue(wild.size() < calm.size() && wild.stopLoss() > calm.stopLoss());
        assertEquals(calm.size() / 3, wild.size(), 1e-9, "size scales with 1 / volatility at equal scores");
    }

    @Test
    void aContradictingRegimeReducesTheSizeAndAStrongContradictionSkipsTheTrade() {
        TradeDecision agree = fusion.decide(out(0.6, 0.3, 0.6, 0.2, 0.005, 0.004));
        TradeDecision mild = fusion.decide(out(0.6, 0.3, 0.35, 0.45, 0.005, 0.004));
        assertEquals(Action.LONG, mild.action());
        assertTrue(mild.size() < agree.size(), mild.size() + " vs " + agree.size());
        assertTrue(mild.reasoning().contains("disagreeing: regime bear"), mild.reasoning());
        TradeDecision strong = fusion.decide(out(0.5, 0.4, 0.1, 0.8, 0.005, -0.001));
        assertEquals(Action.FLAT, strong.action());
        assertEquals(0, strong.size());
        assertTrue(strong.reasoning().contains("Flat:"), strong.reasoning());
    }

    @Test
    void noEdgeIsFlatAndLeverageIsCapped() {
        assertEquals(Action.FLAT, fusion.decide(out(0.34, 0.33, 0.5, 0.2, 0.005, 0.002)).action());
        TradeDecision tiny = fusion.decide(out(0.7, 0.1, 0.7, 0.1, 0.0001, 0.0002));
        assertEquals(1.0, tiny.size(), 1e-12, "capped at maxSize");
        assertTrue(tiny.reasoning().contains("capped"), tiny.reasoning());
    }

    @Test
    void badOutputsAndConfigsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> out(0.7, 0.5, 0.5, 0.2, 0.005, 0));
        assertThrows(IllegalArgumentException.class, () -> out(0.5, 0.2, 0.5, 0.2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> out(0.5, 0.2, 0.5, 0.2, 0.01, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FusionConfig(0.5, 1, 1.5, 2.5, 0.5, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new TradeDecision(Action.FLAT, 0.5, 0.1, 0.01, 0.02, 1, "", java.util.Map.of()));
    }

    @Test
    void anImplausibleVolatilityIsFlatWithTheReasonNeverAnImpossibleLevel() {
        // 30 % per bar over 4 bars: a 90 % stop and a 150 % take profit (a negative price for a short)
        TradeDecision d = new RuleBasedFusion(FusionConfig.defaults()).decide(new HeadOutputs(new double[]{0.7, 0.2, 0.1}, 0.3, new double[]{0.1, 0.7, 0.2}, -0.05, 4));
        assertEquals(Action.FLAT, d.action());
        assertTrue(d.reasoning().contains("implausible volatility"), d.reasoning());
    }

    @Test
    void aMostlySidewaysRegimeHeadIsNoViewNotAgreement() {
        // the case a user met: bearish direction and return, the regime head 88 % sideways — not "All agree"
        TradeDecision d = new RuleBasedFusion(FusionConfig.defaults()).decide(new HeadOutputs(new double[]{0.55, 0.25, 0.20}, 0.005,
                new double[]{0.05, 0.07, 0.88}, -0.004, 4));
        assertFalse(d.reasoning().startsWith("All agree"), d.reasoning());
        assertTrue(d.reasoning().startsWith("Leaning bearish: direction down") && d.reasoning().contains("No view from: regime")
                && d.reasoning().contains("sideways 88%"), d.reasoning());
    }
}
