package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

class OrderBookTest {
    static JsonNode msg(String type, long u, String bids, String asks) throws Exception {
        return Json.MAPPER.readTree("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"" + type + "\",\"ts\":1672304484978,\"data\":{\"s\":\"BTCUSDT\",\"b\":"
                + bids + ",\"a\":" + asks + ",\"u\":" + u + ",\"seq\":" + (7961638724L + u) + "},\"cts\":1672304484976}");
    }

    @Test
    void snapshotThenDeltasKeepTheBookAndZeroSizeDeletes() throws Exception {
        OrderBook b = new OrderBook("BTCUSDT");
        assertEquals(OrderBook.Result.RESYNC, b.apply(msg("delta", 5, "[]", "[]")), "a delta before any snapshot cannot be applied");
        assertEquals(OrderBook.Result.APPLIED, b.apply(msg("snapshot", 10, "[[\"16493.50\",\"0.006\"],[\"16490\",\"1\"]]", "[[\"16611.00\",\"0.029\"]]")));
        assertEquals(new BigDecimal("16493.50"), b.bestBid());
        assertEquals(OrderBook.Result.APPLIED, b.apply(msg("delta", 11, "[[\"16493.50\",\"0\"],[\"16495\",\"2\"]]", "[[\"16600\",\"0.5\"]]")));
        assertEquals(new BigDecimal("16495"), b.bestBid());
        assertEquals(new BigDecimal("16600"), b.bestAsk());
        assertEquals(2, b.bids().size(), "16493.50 deleted, 16495 inserted");
    }

    @Test
    void duplicatesAreIgnoredGapsForceAResyncAndURestartOverwrites() throws Exception {
        OrderBook b = new OrderBook("BTCUSDT");
        b.apply(msg("snapshot", 10, "[[\"100\",\"1\"]]", "[[\"101\",\"1\"]]"));
        assertEquals(OrderBook.Result.APPLIED, b.apply(msg("delta", 11, "[[\"100\",\"2\"]]", "[]")));
        assertEquals(OrderBook.Result.IGNORED_STALE, b.apply(msg("delta", 11, "[[\"100\",\"9\"]]", "[]")), "a duplicate is not applied twice");
        assertEquals(new BigDecimal("2"), b.bids().get(new BigDecimal("100")));
        assertEquals(OrderBook.Result.RESYNC, b.apply(msg("delta", 13, "[]", "[]")), "u 12 was lost");
        assertFalse(b.synced());
        assertEquals(OrderBook.Result.RESYNC, b.apply(msg("delta", 14, "[]", "[]")), "out of sync until a snapshot");
        assertEquals(OrderBook.Result.APPLIED, b.apply(msg("snapshot", 1, "[[\"99\",\"1\"]]", "[[\"102\",\"1\"]]")), "u = 1 after a restart overwrites");
        assertTrue(b.synced());
        assertEquals(new BigDecimal("99"), b.bestBid());
        assertEquals(1, b.updateId());
        assertEquals(OrderBook.Result.APPLIED, b.apply(msg("delta", 2, "[]", "[[\"102\",\"0\"]]")));
        assertNull(b.bestAsk());
    }

    @Test
    void malformedLevelsAndForeignSymbolsAreProtocolErrors() throws Exception {
        OrderBook b = new OrderBook("BTCUSDT");
        assertThrows(ProtocolException.class, () -> b.apply(msg("snapshot", 1, "[[16493.5,\"0.006\"]]", "[]")), "prices are strings");
        assertThrows(ProtocolException.class, () -> b.apply(msg("snapshot", 1, "[[\"-1\",\"0.006\"]]", "[]")));
        assertThrows(ProtocolException.class, () -> b.apply(msg("update", 1, "[]", "[]")));
        assertThrows(ProtocolException.class, () -> new OrderBook("ETHUSDT").apply(msg("snapshot", 1, "[]", "[]")));
    }
}
