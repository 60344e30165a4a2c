package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;
import io.tatra.bybit.protocol.BybitInterval;
import io.tatra.market.BarSeries;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The paper exchange's streams. It hears the venue (bar closes, orders, fills, positions, wallet) and pushes Bybit's
 * messages to the sessions subscribed: {@code kline} (the closed bar with {@code confirm:true}, then the new bar with
 * only its open), {@code orderbook} (a snapshot on subscribe, then deltas with consecutive {@code u}), {@code tickers},
 * {@code publicTrade} (the account's own fills), and the private {@code order}, {@code execution}, {@code position},
 * {@code wallet}. Frames leave in order from one sender thread, where the {@link FaultPlan} drops, duplicates and
 * reorders data frames, skips a book update id now and then, and cuts connections; a replay clock is driven from here.
 */
final class StreamHub implements VenueListener, AutoCloseable {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> PRIVATE = Set.of("order", "execution", "position", "wallet", "order.linear", "execution.linear", "position.linear");
    private final PaperVenue venue;
    private final FaultPlan faults;
    private final LongSupplier serverTime;
    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> daemon(r, "paper-exchange-stream"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "paper-exchange-replay"));
    private final Random random;
    private final Map<StreamSession, String> held = new HashMap<>();
    /** Per "depth.symbol": the levels last sent (price text → size text) and the update id. */
    private final Map<String, Map<String, String>[]> books = new HashMap<>();
    private final Map<String, Long> bookIds = new HashMap<>();
    private long deltas;

    StreamHub(PaperVenue venue, FaultPlan faults, LongSupplier serverTime, long replayTickMillis) {
        this.venue = venue;
        this.faults = faults;
        this.serverTime = serverTime;
        this.random = new Random(faults.seed() ^ 0x5DEECE66DL);
        venue.addListener(this);
        if (replayTickMillis > 0) ticker.scheduleWithFixedDelay(this::tick, replayTickMillis, replayTickMillis, TimeUnit.MILLISECONDS);
        else if (faults.dropSocketSeconds() > 0) ticker.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    PaperVenue venue() { return venue; }

    long serverTime() { return serverTime.getAsLong(); }

    int sessions() { return sessions.size(); }

    boolean isPrivateTopic(String topic) { return PRIVATE.contains(topic); }

    boolean knownSymbol(String topic) {
        String symbol = topic.substring(topic.lastIndexOf('.') + 1);
        return venue.config().instrument(symbol) != null;
    }

    /** Moves the replay on and cuts connections older than the fault plan allows. */
    private void tick() {
        try {
            venue.sync();
            if (faults.dropSocketSeconds() > 0) {
                long now = System.currentTimeMillis();
                for (StreamSession s : sessions) if (now - s.openedAt >= faults.dropSocketSeconds() * 1000) s.drop();
            }
        } catch (RuntimeException e) {
            System.getLogger("io.tatra.exchange").log(System.Logger.Level.WARNING, "replay tick failed", e);
        }
    }

    void opened(StreamSession s) { sessions.add(s); }

    void closed(StreamSession s) {
        sessions.remove(s);
        sender.execute(() -> held.remove(s));
    }

    /** A control reply: never subject to faults. */
    void control(StreamSession s, String text) { sender.execute(() -> s.send(text)); }

    /** First frames after a subscription: the book snapshot, the forming candle, the ticker snapshot. */
    void subscribed(StreamSession s, String topic) {
        String[] p = topic.split("\\.");
        if (isPrivateTopic(topic)) return;
        int sym = venue.symbolIndex(p[p.length - 1]);
        BarSeries b = venue.bars(sym);
        int closed = venue.closedBars(sym);
        switch (p[0]) {
            case "orderbook" -> {
                int depth = Integer.parseInt(p[1]);
                String key = depth + "." + b.symbol().value();
                sender.execute(() -> {
                    Map<String, String>[] levels = levels(sym, closed - 1, venue.lastPrice(sym), depth);
                    books.putIfAbsent(key, levels);
                    bookIds.putIfAbsent(key, 1L);
                    // stamped as the last close's delta was (the stored book's time, else that close), or the replay's time before any
                    s.send(bookMessage(topic, "snapshot", books.get(key), bookIds.get(key), closed > 0 ? StoredBooks.stamp(venue.frame(sym), closed - 1) : serverTime()));
                });
            }
            case "kline" -> {
                if (closed < b.size() && b.openTimeMillis(closed) <= venue.clock().now()) {
                    String msg = klineMessage(topic, b, closed, false);
                    sender.execute(() -> s.send(msg));
                }
            }
            case "tickers" -> {
                String msg = data(topic, "snapshot", new MarketRoutes(venue).ticker(sym), venue.clock().now());
                sender.execute(() -> s.send(msg));
            }
            default -> { }
        }
    }

    @Override
    public void onBarClosed(BarSeries b, int i) {
        String sym = b.symbol().value();
        boolean next = i + 1 < b.size();
        double price = next ? b.open(i + 1) : b.close(i);
        String kTopic = "kline." + BybitInterval.code(b.interval()) + "." + sym;
        String closedMsg = klineMessage(kTopic, b, i, true);
        String formingMsg = next ? klineMessage(kTopic, b, i + 1, false) : null;
        int s = venue.symbolIndex(sym);
        String tTopic = "tickers." + sym;
        boolean tickers = sessions.stream().anyMatch(ss -> ss.topics.contains(tTopic));
        String settling = tickers ? settlementTicker(tTopic, s, b, i) : null;
        String tickerMsg = tickers ? tickerDelta(tTopic, s, b, i, price) : null;
        sender.execute(() -> {
            // the tickers first: a client deciding the closed bar has the funding that settled and the open interest as
            // of its close without a REST read
            if (settling != null) for (StreamSession ss : sessions) if (ss.topics.contains(tTopic)) deliver(ss, settling);
            if (tickerMsg != null) for (StreamSession ss : sessions) if (ss.topics.contains(tTopic)) deliver(ss, tickerMsg);
            // the book as of the close before the closed kline, as on Bybit: the kline is confirmed after the instant it closes
            for (String key : books.keySet()) {
                if (!key.endsWith("." + sym)) continue;
                int depth = Integer.parseInt(key.substring(0, key.indexOf('.')));
                Map<String, String>[] now = levels(s, i, price, depth);
                Map<String, String>[] before = books.get(key);
                long u = bookIds.get(key) + 1;
                if (faults.bookGapEvery() > 0 && ++deltas % faults.bookGapEvery() == 0) u++; // a lost update id
                bookIds.put(key, u);
                books.put(key, now);
                String topic = "orderbook." + key;
                long at = StoredBooks.stamp(venue.frame(s), i); // a stored book's own time, else the close: whenever the replay sends it
                String msg = depth == 1 ? bookMessage(topic, "snapshot", now, u, at) : bookMessage(topic, "delta", diff(before, now), u, at);
                for (StreamSession ss : sessions) if (ss.topics.contains(topic)) deliver(ss, msg);
            }
            for (StreamSession ss : sessions) {
                if (ss.topics.contains(kTopic)) {
                    deliver(ss, closedMsg);
                    if (formingMsg != null) deliver(ss, formingMsg);
                }
            }
        });
    }

    /**
     * The ticker delta at bar {@code i}'s close: prices, and the open interest when a stored sample fell due during the
     * bar (a field left out of a delta is unchanged, as on Bybit), written exactly as the REST history writes it.
     */
    private String tickerDelta(String topic, int s, BarSeries b, int i, double price) {
        ObjectNode t = F.objectNode();
        Formats f = venue.formats(s);
        t.put("symbol", b.symbol().value());
        t.put("lastPrice", f.price(price));
        t.put("markPrice", f.price(price));
        t.put("indexPrice", f.price(price));
        t.put("bid1Price", f.price(venue.config().book().price(price, -1, 0)));
        t.put("ask1Price", f.price(venue.config().book().price(price, 1, 0)));
        long open = b.openTimeMillis(i), close = open + b.interval().millis();
        java.util.List<io.tatra.market.OpenInterest> oi = venue.frame(s).openInterest();
        int k = latestAtOrBefore(oi, x -> x.time().toEpochMilli(), close);
        if (k >= 0 && oi.get(k).time().toEpochMilli() > open) {
            double v = oi.get(k).value();
            t.put("openInterest", Formats.exact(v));
            t.put("openInterestValue", Formats.plain(v * price, 8));
        }
        return data(topic, "delta", t, close); // stamped in market time, at the close it describes
    }

    /**
     * When a stored funding settlement falls in bar {@code i} (at T, after its open, at or before its close): the ticker
     * delta of half a second before T, announcing the rate that settles at T as Bybit's ticker does ({@code fundingRate},
     * {@code nextFundingTime} = T), written exactly as the funding history writes it; else null. Announced no earlier, so
     * the paper exchange never shows a settlement's rate ahead of its time.
     */
    private String settlementTicker(String topic, int s, BarSeries b, int i) {
        long open = b.openTimeMillis(i), close = open + b.interval().millis();
        List<io.tatra.market.FundingRate> f = venue.frame(s).funding();
        int k = latestAtOrBefore(f, x -> x.time().toEpochMilli(), close);
        if (k < 0 || f.get(k).time().toEpochMilli() <= open) return null;
        long t = f.get(k).time().toEpochMilli();
        ObjectNode d = F.objectNode();
        d.put("symbol", b.symbol().value());
        d.put("fundingRate", Formats.exact(f.get(k).rate()));
        d.put("nextFundingTime", Long.toString(t));
        return data(topic, "delta", d, t - 500); // half a second before it settles (a client takes open interest only from a frame at most one ticker period before a close)
    }

    /** Index of the last sample stamped at or before {@code t} (samples in time order), or -1. */
    static <T> int latestAtOrBefore(List<T> xs, java.util.function.ToLongFunction<T> time, long t) {
        int lo = 0, hi = xs.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsLong(xs.get(mid)) <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    @Override
    public void onOrder(ObjectNode order) { privateData("order", order.deepCopy().put("category", "linear")); }

    @Override
    public void onExecution(PaperExecution e) {
        ObjectNode o = e.toJson().put("category", "linear");
        privateData("execution", o);
        if (e.execType().equals("Funding")) return;
        String topic = "publicTrade." + e.symbol();
        ObjectNode t = F.objectNode();
        t.put("T", e.time());
        t.put("s", e.symbol());
        t.put("S", e.side());
        t.put("v", Formats.plain(e.qty(), 8));
        t.put("p", Formats.plain(e.price(), 8));
        t.put("L", "ZeroPlusTick");
        t.put("i", e.execId());
        t.put("BT", false);
        t.put("RPI", false);
        t.put("seq", e.seq());
        ObjectNode msg = F.objectNode();
        msg.put("topic", topic);
        msg.put("type", "snapshot");
        msg.put("ts", serverTime());
        msg.putArray("data").add(t);
        String text = Json.line(msg);
        sender.execute(() -> { for (StreamSession ss : sessions) if (ss.topics.contains(topic)) deliver(ss, text); });
    }

    @Override
    public void onPosition(PaperPosition p) { privateData("position", p.toJson(true).put("category", "linear")); }

    @Override
    public void onWallet(PaperWallet w) { privateData("wallet", w.toJson()); }

    private void privateData(String topic, ObjectNode item) {
        ObjectNode msg = F.objectNode();
        msg.put("id", java.util.UUID.randomUUID().toString());
        msg.put("topic", topic);
        msg.put("creationTime", serverTime());
        msg.putArray("data").add(item);
        String text = Json.line(msg);
        sender.execute(() -> {
            for (StreamSession ss : sessions)
                if (ss.authenticated() && (ss.topics.contains(topic) || ss.topics.contains(topic + ".linear"))) deliver(ss, text);
        });
    }

    /** Sends a data frame through the fault plan (called on the sender thread only). */
    private void deliver(StreamSession s, String text) {
        if (draw(faults.dropShare())) return;
        String late = held.remove(s);
        if (late == null && draw(faults.reorderShare())) {
            held.put(s, text);
            // sent after the next frame, or 50 ms late when none follows: reordered, never lost
            try {
                ticker.schedule(() -> sender.execute(() -> {
                    if (text.equals(held.get(s))) s.send(held.remove(s));
                }), 50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                held.remove(s); // the hub is closing: nothing more is sent
            }
            return;
        }
        s.send(text);
        if (late != null) s.send(late);
        if (draw(faults.duplicateShare())) s.send(text);
    }

    private boolean draw(double share) { return share > 0 && random.nextDouble() < share; }

    private String klineMessage(String topic, BarSeries b, int i, boolean confirm) {
        ObjectNode d = F.objectNode();
        d.put("start", b.openTimeMillis(i));
        d.put("end", b.openTimeMillis(i) + b.interval().millis() - 1);
        d.put("interval", BybitInterval.code(b.interval()));
        double o = b.open(i);
        d.put("open", Formats.exact(o));
        d.put("close", Formats.exact(confirm ? b.close(i) : o));
        d.put("high", Formats.exact(confirm ? b.high(i) : o));
        d.put("low", Formats.exact(confirm ? b.low(i) : o));
        d.put("volume", confirm ? Formats.exact(b.volume(i)) : "0");
        d.put("turnover", confirm ? Formats.exact(b.volume(i) * b.close(i)) : "0");
        d.put("confirm", confirm);
        d.put("timestamp", serverTime());
        ObjectNode msg = F.objectNode();
        msg.put("topic", topic);
        msg.putArray("data").add(d);
        msg.put("ts", serverTime());
        msg.put("type", "snapshot");
        return Json.line(msg);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String>[] levels(int s, int known, double price, int depth) {
        if (StoredBooks.has(venue.frame(s))) return StoredBooks.levels(StoredBooks.at(venue.frame(s), known), depth);
        BookModel book = venue.config().book();
        Formats f = venue.formats(s);
        double side = book.sideDepth(venue.bars(s), known);
        String size = Formats.plain(Double.isFinite(side) ? side / book.levels() : 1e6, 8);
        Map<String, String>[] out = new Map[]{new LinkedHashMap<>(), new LinkedHashMap<>()};
        for (int k = 0; k < Math.min(depth, book.levels()) && Double.isFinite(price); k++) {
            out[0].put(f.price(book.price(price, -1, k)), size);
            out[1].put(f.price(book.price(price, 1, k)), size);
        }
        return out;
    }

    /** The delta from one book to the next: changed and new levels, and "0" for levels that went away. */
    @SuppressWarnings("unchecked")
    private static Map<String, String>[] diff(Map<String, String>[] before, Map<String, String>[] now) {
        Map<String, String>[] out = new Map[]{new LinkedHashMap<>(), new LinkedHashMap<>()};
        for (int side = 0; side < 2; side++) {
            for (String p : before[side].keySet()) if (!now[side].containsKey(p)) out[side].put(p, "0");
            for (Map.Entry<String, String> e : now[side].entrySet()) if (!e.getValue().equals(before[side].get(e.getKey()))) out[side].put(e.getKey(), e.getValue());
        }
        return out;
    }

    private String bookMessage(String topic, String type, Map<String, String>[] levels, long u, long ts) {
        ObjectNode msg = F.objectNode();
        msg.put("topic", topic);
        msg.put("type", type);
        msg.put("ts", ts);
        ObjectNode d = msg.putObject("data");
        d.put("s", topic.substring(topic.lastIndexOf('.') + 1));
        ArrayNode b = d.putArray("b"), a = d.putArray("a");
        levels[0].forEach((p, q) -> b.addArray().add(p).add(q));
        levels[1].forEach((p, q) -> a.addArray().add(p).add(q));
        d.put("u", u);
        d.put("seq", u);
        msg.put("cts", ts);
        return Json.line(msg);
    }

    private String data(String topic, String type, JsonNode data) { return data(topic, type, data, serverTime()); }

    /** A public data frame stamped {@code ts}; tickers carry market time, so that a client can tell which close they describe. */
    private String data(String topic, String type, JsonNode data, long ts) {
        ObjectNode msg = F.objectNode();
        msg.put("topic", topic);
        msg.put("type", type);
        msg.set("data", data);
        msg.put("cs", serverTime());
        msg.put("ts", ts);
        return Json.line(msg);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sender.shutdownNow();
        for (StreamSession s : sessions) s.drop();
    }
}
