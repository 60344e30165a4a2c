package io.tatra.meta;

import io.tatra.TatraException;
import io.tatra.journal.Decision;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MetaLabelsTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Decision decision(String id, int hour, Signal s, double pUp) {
        return new Decision(id, T0.plusSeconds(3600L * hour), "BTCUSDT", s, 100, 0.6, Map.of("p_up", pUp, "consistency", 0.9));
    }

    static Outcome outcome(String id, int entryHour, int closeHour, double exit, double pnl) {
        return new Outcome(id, 100, exit, pnl, exit > 100, exit > 100, T0.plusSeconds(3600L * entryHour), T0.plusSeconds(3600L * closeHour));
    }

    @Test
    void joinsTradesOnTheDecisionIdAndCountsWhatItLeavesOut() {
        List<Decision> d = List.of(decision("a", 1, Signal.BUY, 0.6), decision("b", 2, Signal.HOLD, 0.3), decision("c", 3, Signal.SELL, 0.2),
                decision("d", 4, Signal.BUY, 0.7));
        List<Outcome> o = List.of(outcome("c", 3, 6, 95, 4.2), outcome("a", 1, 5, 102, 1.5), outcome("BTCUSDT-trade-1", 7, 8, 101, 0.5));
        MetaLabels.Join j = MetaLabels.join(d, o, null);
        assertEquals(List.of("side", "decision.consistency", "decision.p_up"), j.featureNames());
        assertEquals(List.of("a", "c"), j.examples().stream().map(MetaExample::decisionId).toList(), "decision-time order");
        MetaExample c = j.examples().get(1);
        assertEquals(-1, c.side());
        assertEquals(-Math.log(95 / 100.0), c.grossReturn(), 1e-12, "a short gains when the price falls");
        assertEquals(0.2, c.feature(2));
        assertTrue(c.netWin());
        assertEquals(1, j.holds());
        assertEquals(1, j.withoutOutcome(), "d is still open");
        assertEquals(1, j.outcomesWithoutDecision(), "the protective fill's trade");
    }

    @Test
    void marketFeaturesAreJoinedAsOfTheDecisionAndMissingBarsAreCounted() {
        List<Instant> asked = new ArrayList<>();
        MetaLabels.MarketFeatures m = new MetaLabels.MarketFeatures() {
            @Override public List<String> names() { return List.of("ret_1"); }
            @Override public double[] at(String symbol, Instant t) { asked.add(t); return t.equals(T0.plusSeconds(3600)) ? new double[]{0.01} : null; }
        };
        MetaLabels.Join j = MetaLabels.join(List.of(decision("a", 1, Signal.BUY, 0.6), decision("c", 3, Signal.SELL, 0.2)),
                List.of(outcome("a", 1, 5, 102, 1), outcome("c", 3, 6, 95, 1)), m);
        assertEquals(List.of(T0.plusSeconds(3600), T0.plusSeconds(3 * 3600)), asked, "asked at the decision times, never later");
        assertEquals(1, j.examples().size());
        assertEquals(1, j.withoutMarketBar());
        assertEquals("market.ret_1", j.featureNames().get(3));
        assertEquals(0.01, j.examples().get(0).feature(3));
    }

    @Test
    void anOutcomeExecutedBeforeItsDecisionIsRefusedAsLookahead() {
        TatraException e = assertThrows(TatraException.class, () -> MetaLabels.join(List.of(decision("a", 5, Signal.BUY, 0.6)), List.of(outcome("a", 4, 6, 101, 1)), null));
        assertTrue(e.getMessage().contains("before its decision"), e.getMessage());
        assertThrows(TatraException.class, () -> MetaLabels.join(List.of(decision("a", 1, Signal.BUY, 0.6), decision("a", 2, Signal.BUY, 0.6)), List.of(), null));
    }

    @Test
    void theSplitPurgesTradesStillOpenAtABoundaryAndEmbargoesItsStart() {
        List<MetaExample> ex = new ArrayList<>();
        for (int i = 0; i < 100; i++) // a decision every hour, each trade open for 1 to 6 hours
            ex.add(new MetaExample("x" + i, "BTCUSDT", T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * (i + 1 + i % 6)), 1, true, true, 0.01, 1, new double[]{i}));
        MetaSplit s = MetaSplit.of(ex, 0.2, 0.2, Duration.ofHours(2));
        assertEquals(T0.plusSeconds(3600L * 60), s.validationFrom());
        assertEquals(T0.plusSeconds(3600L * 80), s.testFrom());
        for (MetaExample e : s.train()) assertTrue(e.closedTime().isBefore(s.validationFrom()), "no training outcome closes after validation starts: " + e);
        for (MetaExample e : s.validation()) {
            assertTrue(e.closedTime().isBefore(s.testFrom()), "no validation outcome closes after the test starts: " + e);
            assertFalse(e.decisionTime().isBefore(s.validationFrom().plus(Duration.ofHours(2))), "embargo");
        }
        for (MetaExample e : s.test()) assertFalse(e.decisionTime().isBefore(s.testFrom().plus(Duration.ofHours(2))));
        assertEquals(100, s.train().size() + s.validation().size() + s.test().size() + s.purged() + s.embargoed());
        assertTrue(s.purged() > 0 && s.embargoed() == 4, s.purged() + " purged, " + s.embargoed() + " embargoed");
        assertEquals(18, s.test().size());
    }

    @Test
    void theSufficiencyGateRefusesAndExplainsThenWarns() {
        TatraException e = assertThrows(TatraException.class, () -> DataSufficiency.META_LABELS.check(49, "the training part"));
        assertTrue(e.getMessage().contains("49 closed trades") && e.getMessage().contains("at least 50") && e.getMessage().contains("backtest"), e.getMessage());
        assertTrue(DataSufficiency.META_LABELS.check(50, "the training part").contains("fewer than the 500 recommended"));
        assertNull(DataSufficiency.META_LABELS.check(500, "the training part"));
        assertThrows(TatraException.class, () -> DataSufficiency.LSTM.check(199, "fold 1"));
    }
}
