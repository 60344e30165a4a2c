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
 * the newest state of each order, and positions. Thread-safe; the resubscribe action is how a book gets its snapshot.
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
    private volatile Consumer<String> resync = t -> {};
    private volatile Consumer<Kline> onBar = k -> {};
    private long bookResyncs, duplicates;

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

    /** Frames that repeated what was already known (duplicates, late older states). */
    public synchronized long duplicates() { return duplicates; }
}
