package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A local order book kept from {@code orderbook.{depth}.{symbol}} messages: a snapshot replaces the book, a delta sets
 * (size "0" deletes) levels. Update ids {@code u} must follow each other; a gap means messages were lost and the book is
 * {@link Result#RESYNC out of sync} until the next snapshot (the client then resubscribes for one). {@code u == 1} is a
 * snapshot after a service restart and overwrites the book. A delta older than the book is ignored (a duplicate or a
 * reordered message), so nothing is applied twice.
 */
public final class OrderBook {
    /** What applying one message did. */
    public enum Result { APPLIED, IGNORED_STALE, RESYNC }

    private final String symbol;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder()), asks = new TreeMap<>();
    private long lastU = -1, lastSeq = -1;
    private boolean synced;

    public OrderBook(String symbol) { this.symbol = symbol; }

    /** Applies one public orderbook message ({@code {"topic","type","ts","data":{"s","b","a","u","seq"},"cts"}}). */
    public Result apply(JsonNode msg) {
        String type = msg.path("type").asText("");
        JsonNode d = msg.path("data");
        if (!symbol.equals(d.path("s").asText())) throw new ProtocolException("orderbook message for " + d.path("s").asText() + " given to the " + symbol + " book");
        JsonNode uNode = d.get("u");
        if (uNode == null || !uNode.isIntegralNumber()) throw new ProtocolException("orderbook message without an integer u");
        long u = uNode.asLong();
        switch (type) {
            case "snapshot" -> {
                bids.clear();
                asks.clear();
                set(bids, d.path("b"), "b");
                set(asks, d.path("a"), "a");
                lastU = u;
                lastSeq = d.path("seq").asLong(-1);
                synced = true;
                return Result.APPLIED;
            }
            case "delta" -> {
                if (!synced) return Result.RESYNC;
                if (u <= lastU) return Result.IGNORED_STALE;
                if (u != lastU + 1) {
                    synced = false;
                    return Result.RESYNC;
                }
                set(bids, d.path("b"), "b");
                set(asks, d.path("a"), "a");
                lastU = u;
                lastSeq = d.path("seq").asLong(lastSeq);
                return Result.APPLIED;
            }
            default -> throw new ProtocolException("orderbook message type '" + type + "', expected snapshot or delta");
        }
    }

    private static void set(NavigableMap<BigDecimal, BigDecimal> side, JsonNode levels, String name) {
        if (levels.isMissingNode()) return;
        if (!levels.isArray()) throw new ProtocolException("orderbook '" + name + "' is not a list of [price, size]");
        for (JsonNode l : levels) {
            if (!l.isArray() || l.size() != 2 || !l.get(0).isTextual() || !l.get(1).isTextual())
                throw new ProtocolException("orderbook level " + l + " is not [\"price\", \"size\"]");
            String p = l.get(0).asText(), s = l.get(1).asText();
            if (!Decimals.DECIMAL.matcher(p).matches() || !Decimals.DECIMAL.matcher(s).matches()) throw new ProtocolException("orderbook level " + l + " is not two decimals");
            BigDecimal price = new BigDecimal(p), size = new BigDecimal(s);
            if (price.signum() <= 0 || size.signum() < 0) throw new ProtocolException("orderbook level " + l + ": price must be > 0 and size >= 0");
            if (size.signum() == 0) side.remove(price);
            else side.put(price, size);
        }
    }

    public boolean synced() { return synced; }

    public long updateId() { return lastU; }

    public long sequence() { return lastSeq; }

    /** Best bid, or null. */
    public BigDecimal bestBid() { return bids.isEmpty() ? null : bids.firstKey(); }

    /** Best ask, or null. */
    public BigDecimal bestAsk() { return asks.isEmpty() ? null : asks.firstKey(); }

    public NavigableMap<BigDecimal, BigDecimal> bids() { return Collections.unmodifiableNavigableMap(bids); }

    public NavigableMap<BigDecimal, BigDecimal> asks() { return Collections.unmodifiableNavigableMap(asks); }
}
