package io.tatra.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The kill switch, reconciliation and the latency recorder. */
class SafetyPartsTest {
    @TempDir
    Path dir;

    @Test
    void theStopFileTripsTheSwitchWithItsPolicyAndTheFirstTripWins() throws Exception {
        KillSwitch k = new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING);
        assertNull(k.check());
        Files.writeString(dir.resolve("STOP"), "flatten now\n");
        assertEquals(KillSwitch.Policy.FLATTEN, k.check());
        k.trip(KillSwitch.Policy.STOP_OPENING);
        assertEquals(KillSwitch.Policy.FLATTEN, k.check(), "the first trip wins");
        KillSwitch other = new KillSwitch(dir.resolve("STOP2"), KillSwitch.Policy.STOP_OPENING);
        Files.writeString(dir.resolve("STOP2"), "");
        assertEquals(KillSwitch.Policy.STOP_OPENING, other.check(), "an empty file stops with the configured policy");
    }

    @Test
    void reconciliationListsEveryDifference() {
        var steps = Map.of("BTCUSDT", new BigDecimal("0.001"), "ETHUSDT", new BigDecimal("0.01"));
        var journal = new Reconciliation.State(Map.of("BTCUSDT", new BigDecimal("0.125"), "ETHUSDT", new BigDecimal("-1.00")), Set.of("t-a", "t-b"));
        var same = new Reconciliation.State(Map.of("BTCUSDT", new BigDecimal("0.1250"), "ETHUSDT", new BigDecimal("-1")), Set.of("t-b", "t-a"));
        assertEquals(List.of(), Reconciliation.compare(journal, same, steps));
        var venue = new Reconciliation.State(Map.of("BTCUSDT", new BigDecimal("0.130"), "SOLUSDT", new BigDecimal("3")), Set.of("t-a", "t-x"));
        List<String> d = Reconciliation.compare(journal, venue, steps).stream().map(Object::toString).toList();
        assertEquals(List.of("position BTCUSDT: journal 0.125, venue 0.130", "position ETHUSDT: journal -1.00, venue 0", "position SOLUSDT: journal 0, venue 3",
                "open order t-b: journal open, venue not open", "open order t-x: journal unknown, venue open"), d);
    }

    @Test
    void stagesAreRecordedInOrderAndSummarised() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 1000; i++) {
            long t = 1_000_000_000L * i;
            LatencyRecorder.Trace tr = r.start(t);
            tr.mark(LatencyRecorder.Stage.BAR_CLOSED, t + 10_000);
            tr.mark(LatencyRecorder.Stage.FEATURES, t + 60_000);
            tr.mark(LatencyRecorder.Stage.MODEL, t + 1_060_000 + (i == 999 ? 5_000_000 : 0));
            tr.mark(LatencyRecorder.Stage.ORDER_SENT, t + 1_200_000 + (i == 999 ? 5_000_000 : 0));
            assertThrows(IllegalStateException.class, () -> tr.mark(LatencyRecorder.Stage.RISK, t + 2_000_000), "stages come in order");
        }
        var s = r.snapshot();
        assertEquals(1.0, s.get("model").get("p50_ms"), 0.01, "1 ms in the model");
        assertEquals(1000, s.get("received_to_order_sent").get("count"));
        assertEquals(1.2, s.get("received_to_order_sent").get("p50_ms"), 0.01);
        assertEquals(6.2, s.get("received_to_order_sent").get("max_ms"), 0.01, "the one slow bar is the max");
        assertEquals(0, s.get("acknowledged").get("count"));
    }

    @Test
    void aBarThatWaitedLongerThanTheHistogramCoversIsRecordedAt60sNotAnError() {
        LatencyRecorder r = new LatencyRecorder();
        LatencyRecorder.Trace tr = r.start(0);
        tr.mark(LatencyRecorder.Stage.BAR_CLOSED, 70_000_000_000L); // a backlog caught up 70 s after its message (seen under faults)
        tr.mark(LatencyRecorder.Stage.RISK, 70_001_000_000L);
        var s = r.snapshot();
        assertEquals(60_000, s.get("bar_closed").get("max_ms"), 60, "clamped to the covered range");
        assertEquals(1, s.get("received_to_decision").get("count"));
    }
}
