package io.tatra.bybit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.KlineUpdate;
import io.tatra.bybit.protocol.OrderBook;
import io.tatra.bybit.protocol.OrderInfo;
import io.tatra.bybit.protocol.PositionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the streams say, made safe to act on: closed bars once each (a duplicated or reordered kline frame adds
 * nothing), local order books that ask for a fresh snapshot on a gap in {@code u}, fills once each by {@code execId},
 * the newest state of each order, positions, tickers (deltas merged onto the snapshot) and public trades once each. Thread-safe; the resubscribe action is how a book gets its snapshot.
 */
public final class StreamState implements BybitStream.Handler {
    private static final int REMEMBERED_FILLS = 100_000;
    private final Map<String, OrderBook> books = new HashMap<>();
    private final Map<String, Set<Long>> seenBars = new HashMap<>();
    private final Map<String, List<Kline>> closedBars = new LinkedHashMap<>();
    private final Set<String> seenFills = new LinkedHashSet<>();
    private final List<ExecutionInfo> fills = new ArrayList<>();
    private final Map<String, OrderInfo> orders = new LinkedHashMap<>();
    private final Map<String, PositionInfo> positions = new LinkedHashMap<>();
    private final Map<String, com.fasterxml.jackson.databind.node.ObjectNode> tickers = new HashMap<>();
    private final Set<String> seenTrades = new LinkedHashSet<>();
    private final List<BybitMarket.PublicTrade> publicTrades = new ArrayList<>();
    private volatile Consumer<String> resync = t -> {};
    private volatile Consumer<Kline> onBar = k -> {};
    private long bookResyncs, duplicates;
    private io.tatra.bybit.protocol.WalletBalance wallet;

    /** How a book that lost its sequence gets a new snapshot (usually {@link BybitStream#resubscribe}). */
    public StreamState onResync(Consumer<String> action) {
        this.resync = action;
        return this;
    }

    /** Called with each newly closed bar. */
    public StreamState onClosedBar(Consumer<Kline> action) {
        this.onBar = action;
        return this;
    }

    @Override
    public void onData(JsonNode frame) {
        String topic = frame.path("topic").asText();
        String kind = topic.contains(".") ? topic.substring(0, topic.indexOf('.')) : topic;
        switch (kind) {
            case "orderbook" -> book(topic, frame);
            case "kline" -> bars(topic, frame);
            case "execution" -> { for (ExecutionInfo e : ExecutionInfo.list(frame.path("data"))) fill(e); }
            case "order" -> { for (OrderInfo o : OrderInfo.list(frame.path("data"))) order(o); }
            case "position" -> { for (PositionInfo p : PositionInfo.list(frame.path("data"), true)) synchronized (this) { positions.put(p.symbol(), p); } }
            case "tickers" -> ticker(frame);
            case "wallet" -> { for (JsonNode a : frame.path("data")) { var w = io.tatra.bybit.protocol.WalletBalance.of(a); synchronized (this) { wallet = w; } } }
            case "publicTrade" -> trades(frame);
            default -> { }
        }
    }

    private void book(String topic, JsonNode frame) {
        OrderBook.Result r;
        synchronized (this) {
            OrderBook b = books.computeIfAbsent(topic, t -> new OrderBook(t.substring(t.lastIndexOf('.') + 1)));
            r = b.apply(frame);
            if (r == OrderBook.Result.RESYNC) bookResyncs++;
        }
        if (r == OrderBook.Result.RESYNC) resync.accept(topic);
    }

    private void bars(String topic, JsonNode frame) {
        List<Kline> fresh = new ArrayList<>();
        synchronized (this) {
            Set<Long> seen = seenBars.computeIfAbsent(topic, t -> new java.util.HashSet<>());
            for (Kline k : KlineUpdate.closed(frame)) {
                if (seen.add(k.startTime())) {
                    closedBars.computeIfAbsent(topic, t -> new ArrayList<>()).add(k);
                    fresh.add(k);
                } else duplicates++;
            }
        }
        fresh.forEach(onBar);
    }

    /** A ticker snapshot replaces the stored one; a delta's fields are merged onto it (a missing field is unchanged). */
    private synchronized void ticker(JsonNode frame) {
        JsonNode data = frame.path("data");
        String symbol = data.path("symbol").asText("");
        if (symbol.isEmpty()) return;
        com.fasterxml.jackson.databind.node.ObjectNode base = frame.path("type").asText().equals("snapshot") || !tickers.containsKey(symbol)
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : tickers.get(symbol);
        data.fields().forEachRemaining(f -> base.set(f.getKey(), f.getValue()));
        tickers.put(symbol, base);
    }

    private synchronized void trades(JsonNode frame) {
        for (JsonNode t : frame.path("data")) {
            String id = t.path("i").asText("");
            if (id.isEmpty() || !seenTrades.add(id)) {
                duplicates++;
                continue;
            }
            if (seenTrades.size() > REMEMBERED_FILLS) seenTrades.remove(seenTrades.iterator().next());
            try {
                publicTrades.add(new BybitMarket.PublicTrade(id, new java.math.BigDecimal(t.path("p").asText()), new java.math.BigDecimal(t.path("v").asText()),
                        t.path("S").asText(), t.path("T").asLong()));
            } catch (NumberFormatException e) {
                // a trade with a bad number is skipped; the stream goes on
            }
        }
    }

    /** The latest ticker of a symbol (funding rate, next funding time, open interest, best bid/ask), or null before the first. */
    public synchronized io.tatra.bybit.protocol.Ticker ticker(String symbol) {
        var t = tickers.get(symbol);
        return t == null || !t.has("lastPrice") ? null : io.tatra.bybit.protocol.Ticker.of(t);
    }

    /** Public trades, each once, in arrival order. */
    public synchronized List<BybitMarket.PublicTrade> publicTrades() { return List.copyOf(publicTrades); }

    private synchronized void fill(ExecutionInfo e) {
        if (!seenFills.add(e.execId())) {
            duplicates++;
            return;
        }
        if (seenFills.size() > REMEMBERED_FILLS) seenFills.remove(seenFills.iterator().next());
        fills.add(e);
    }

    private synchronized void order(OrderInfo o) {
        OrderInfo before = orders.get(o.orderId());
        if (before != null && (before.updatedTime() > o.updatedTime() || before.cumExecQty().compareTo(o.cumExecQty()) > 0)) {
            duplicates++; // an older state arriving late
            return;
        }
        orders.put(o.orderId(), o);
    }

    public synchronized OrderBook book(String topic) { return books.get(topic); }

    /** Closed bars of a kline topic, oldest first. */
    public synchronized List<Kline> closedBars(String topic) {
        List<Kline> out = new ArrayList<>(closedBars.getOrDefault(topic, List.of()));
        out.sort(java.util.Comparator.comparingLong(Kline::startTime));
        return out;
    }

    public synchronized List<ExecutionInfo> fills() { return List.copyOf(fills); }

    public synchronized Map<String, OrderInfo> orders() { return Map.copyOf(orders); }

    public synchronized Map<String, PositionInfo> positions() { return Map.copyOf(positions); }

    public synchronized long bookResyncs() { return bookResyncs; }

    /** The last wallet the private stream pushed (Bybit sends none on subscribe), or null. */
    public synchronized io.tatra.bybit.protocol.WalletBalance wallet() { return wallet; }

    /** Frames that repeated what was already known (duplicates, late older states). */
    public synchronized long duplicates() { return duplicates; }
}
