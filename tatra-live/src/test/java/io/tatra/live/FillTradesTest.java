package io.tatra.live;

import io.tatra.live.FillTrades.Fill;
import io.tatra.live.FillTrades.Kind;
import io.tatra.market.Symbol;
import io.tatra.trading.ExitReason;
import io.tatra.trading.Trade;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FillTradesTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @Test
    void fillsBecomeTradesWithWeightedPricesFeesFundingReasonsAndTheirDecision() {
        List<Fill> fills = List.of(
                new Fill(BTC, "t-a", 1, 100, 1, 0.05, Kind.TRADE, 1_000),
                new Fill(BTC, "t-a2", 1, 110, 1, 0.05, Kind.TRADE, 2_000),      // adds: entry 105 on 2
                new Fill(BTC, "", -1, 104, 2, 1.0, Kind.FUNDING, 2_500),         // funding paid while open
                new Fill(BTC, "", -1, 120, 2, 0.2, Kind.TAKE_PROFIT, 3_000),     // closes at the take profit
                new Fill(BTC, "t-b", -1, 120, 1, 0.1, Kind.TRADE, 4_000),        // a short
                new Fill(BTC, "t-c", 1, 110, 3, 0.3, Kind.TRADE, 5_000),         // covers 1 and flips long 2
                new Fill(BTC, "", -1, 100, 2, 0.2, Kind.STOP_LOSS, 6_000),       // the long stopped out
                new Fill(BTC, "t-d", 1, 90, 1, 0.1, Kind.TRADE, 7_000));         // still open at the end: no trade
        List<Trade> t = FillTrades.of(fills, Map.of("t-a", "BTCUSDT-1", "t-b", "BTCUSDT-2", "t-c", "BTCUSDT-3")::get);
        assertEquals(3, t.size());
        Trade a = t.get(0);
        assertEquals(1, a.side());
        assertEquals(2, a.quantity(), 1e-12);
        assertEquals(105, a.entryPrice(), 1e-12);
        assertEquals(120, a.exitPrice(), 1e-12);
        assertEquals(0.3, a.fees(), 1e-12);
        assertEquals(-1.0, a.funding(), 1e-12);
        assertEquals(2 * 15 - 0.3 - 1.0, a.pnl(), 1e-9);
        assertEquals(ExitReason.TAKE_PROFIT, a.reason());
        assertEquals("BTCUSDT-1", a.decisionId());
        Trade b = t.get(1);
        assertEquals(-1, b.side());
        assertEquals(10 - 0.1 - 0.1, b.pnl(), 1e-9, "a short from 120 covered at 110, with the covering fill's share of its fee");
        assertEquals(ExitReason.SIGNAL, b.reason());
        Trade c = t.get(2);
        assertEquals(1, c.side());
        assertEquals(2, c.quantity(), 1e-12);
        assertEquals(110, c.entryPrice(), 1e-12);
        assertEquals(ExitReason.STOP_LOSS, c.reason());
        assertEquals("BTCUSDT-3", c.decisionId(), "the flip's fill opened it");
        assertEquals(2 * -10 - 0.2 - 0.2, c.pnl(), 1e-9);
    }
}
