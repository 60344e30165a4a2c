package io.tatra.app;

import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.live.Reconciliation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Start-up differences the engine's own protective fills explain, and the ones they do not. */
class FillsWhileAwayTest {
    static final long SINCE = 1_700_000_000_000L;
    static final Map<String, BigDecimal> STEPS = Map.of("BTCUSDT", new BigDecimal("0.001"));

    static ExecutionInfo fill(String id, String side, String qty, long time, String stopOrderType) {
        return new ExecutionInfo(id, "o" + id, "", "BTCUSDT", side, new BigDecimal("60000"), new BigDecimal(qty), BigDecimal.ONE, "Trade", false, time, stopOrderType);
    }

    static Reconciliation.Difference position(String journal, String venue) { return new Reconciliation.Difference("position BTCUSDT", journal, venue); }

    static FillsWhileAway.Result explain(Reconciliation.Difference d, long since, ExecutionInfo... fills) {
        return FillsWhileAway.explain(List.of(d), since, s -> List.of(fills), STEPS);
    }

    @Test
    void aStopThatClosedThePositionWhileAwayExplainsIt() {
        var r = explain(position("0.5", "0"), SINCE, fill("1", "Sell", "0.5", SINCE + 60_000, "StopLoss"), fill("0", "Buy", "0.5", SINCE - 1, ""));
        assertTrue(r.unexplained().isEmpty(), r.toString());
        assertEquals(1, r.explained().size());
        assertTrue(r.explained().get(0).contains("STOP_LOSS Sell 0.5") && !r.explained().get(0).contains("Buy"), "the fill before the status is not part of it: " + r);
        var partial = explain(position("-0.5", "-0.2"), SINCE, fill("2", "Buy", "0.3", SINCE + 5, "PartialTakeProfit"));
        assertTrue(partial.unexplained().isEmpty(), partial.toString());
    }

    @Test
    void afterAReconnectTheNewestProtectiveFillsBackToTheLastOrderExplainIt() {
        // no time floor: the stop after the engine's own entry explains the flat venue; older trades do not matter
        var r = explain(position("0.0787", "0"), Long.MIN_VALUE, fill("11", "Buy", "0.0787", SINCE, ""), fill("12", "Sell", "0.0787", SINCE + 3_600_000, "StopLoss"),
                fill("13", "Sell", "0.2", SINCE - 7_200_000, "TakeProfit"));
        assertTrue(r.unexplained().isEmpty(), r.toString());
        // the paper exchange names a protective fill in execType rather than stopOrderType
        var paper = FillsWhileAway.explain(List.of(position("0.5", "0")), Long.MIN_VALUE, s -> List.of(new ExecutionInfo("14", "o14", "", "BTCUSDT", "Sell",
                new BigDecimal("60000"), new BigDecimal("0.5"), BigDecimal.ONE, "StopLoss", false, SINCE, null)), STEPS);
        assertTrue(paper.unexplained().isEmpty(), paper.toString());
    }

    @Test
    void anythingElseStaysADifferenceWithTheFillsNamed() {
        // a fill the engine did not ask for (a trade placed by hand)
        var manual = explain(position("0.5", "0"), SINCE, fill("3", "Sell", "0.5", SINCE + 5, ""));
        assertEquals(1, manual.unexplained().size());
        assertTrue(manual.unexplained().get(0).what().contains("Sell 0.5"), manual.toString());
        // protective fills that do not add up, or that would have flipped the position
        assertEquals(1, explain(position("0.5", "0"), SINCE, fill("4", "Sell", "0.3", SINCE + 5, "StopLoss")).unexplained().size());
        assertEquals(1, explain(position("0.5", "-0.5"), SINCE, fill("5", "Sell", "1.0", SINCE + 5, "StopLoss")).unexplained().size());
        // a stop that filled before the status was written is already in it: no explanation for a later difference
        assertEquals(1, explain(position("0.5", "0"), SINCE, fill("6", "Sell", "0.5", SINCE - 10, "StopLoss")).unexplained().size());
        // the walk back stops at an order's fill: a manual sell older than the stop cannot be part of the explanation
        var mixed = explain(position("1.0", "0"), Long.MIN_VALUE, fill("9", "Sell", "0.5", SINCE + 50, "StopLoss"), fill("10", "Sell", "0.5", SINCE + 20, ""));
        assertEquals(1, mixed.unexplained().size(), mixed.toString());
        assertTrue(mixed.unexplained().get(0).what().contains("trade Sell 0.5"), "the fills are named: " + mixed);
        // an open order that vanished is never explained by position fills
        var order = FillsWhileAway.explain(List.of(new Reconciliation.Difference("open order abc", "open", "not open")), SINCE,
                s -> List.of(fill("8", "Sell", "0.5", SINCE + 5, "StopLoss")), STEPS);
        assertEquals(1, order.unexplained().size());
        assertTrue(order.explained().isEmpty());
    }
}
