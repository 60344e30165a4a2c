package io.tatra.trading;

import io.tatra.decision.Action;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class HoldingRulesTest {
    static final Symbol S = Symbol.of("BTCUSDT");

    /** A decision whose trace says: expected return {@code edge}, exit below −0.1 %, flip at 0.4 %. */
    static TradeDecision d(Action a, double edge) {
        Map<String, Double> t = Map.of("edge", edge, "exit_level", -0.001, "flip_level", 0.004);
        return new TradeDecision(a, 0.5, a == Action.FLAT ? 0 : 0.5, 0.02, 0.03, 1, "", t, a == Action.FLAT ? SkipReason.BELOW_ENTRY_THRESHOLD : null);
    }

    @Test
    void aYoungPositionIsKeptForTheMinimumHoldingTime() {
        HoldingRules r = new HoldingRules(3);
        assertEquals(Action.LONG, r.apply(S, d(Action.LONG, 0.003), 0).action(), "entries pass");
        assertNull(r.apply(S, d(Action.FLAT, -0.005), 1), "held 1 bar: kept");
        assertNull(r.apply(S, d(Action.FLAT, -0.005), 1), "held 2 bars: kept");
        assertEquals(Action.FLAT, r.apply(S, d(Action.FLAT, -0.005), 1).action(), "held 3 bars: the exit passes");
        assertEquals(2, r.heldBack().get(SkipReason.MINIMUM_HOLD));
    }

    @Test
    void hysteresisKeepsThePositionWhileItsEdgeIsAboveTheExitLevel() {
        HoldingRules r = new HoldingRules(0);
        assertNull(r.apply(S, d(Action.FLAT, 0.0005), 1), "long, edge +0.05 %: below entry but above exit: kept");
        assertNull(r.apply(S, d(Action.FLAT, -0.0009), 1), "edge −0.09 %, above the −0.1 % exit level: kept");
        assertEquals(Action.FLAT, r.apply(S, d(Action.FLAT, -0.0011), 1).action(), "below the exit level: closed");
        assertNull(r.apply(S, d(Action.FLAT, -0.0005), -1), "short, its edge +0.05 %: kept");
        assertEquals(3, r.heldBack().get(SkipReason.HYSTERESIS));
    }

    @Test
    void aFlipNeedsTheEdgeToPayBothLegs() {
        HoldingRules r = new HoldingRules(0);
        assertEquals(Action.SHORT, r.apply(S, d(Action.SHORT, -0.005), 1).action(), "short edge 0.5 % ≥ flip level 0.4 %: flipped");
        assertNull(r.apply(S, d(Action.LONG, 0.0005), -1), "a weak long signal against a short whose edge is still above exit: kept");
        TradeDecision closed = r.apply(S, d(Action.LONG, 0.003), -1);
        assertEquals(Action.FLAT, closed.action(), "long edge 0.3 %: the short's −0.3 % is below exit, but the long does not pay both legs: closed, not flipped");
        assertEquals(SkipReason.FLIP_BELOW_COST, closed.skip());
        assertEquals(2, r.heldBack().get(SkipReason.FLIP_BELOW_COST));
    }

    @Test
    void aStopOutRestartsTheClockAndPolicyWithoutAnEdgeGetsTheMinimumHoldOnly() {
        HoldingRules r = new HoldingRules(2);
        TradeDecision plain = new TradeDecision(Action.SHORT, 0.5, 0.5, 0.02, 0.03, 1, "", Map.of());
        r.apply(S, null, 1);
        r.apply(S, null, 1);
        assertEquals(Action.SHORT, r.apply(S, plain, 1).action(), "held long 3 bars, no edge in the trace: the flip passes");
        assertNull(r.apply(S, null, 0), "the stop closed it: no decision, nothing to do");
        assertEquals(Action.SHORT, r.apply(S, plain, 0).action(), "flat: entries pass");
        assertNull(r.apply(S, new TradeDecision(Action.LONG, 0.5, 0.5, 0.02, 0.03, 1, "", Map.of()), -1), "a new short is 1 bar old: kept");
    }
}
