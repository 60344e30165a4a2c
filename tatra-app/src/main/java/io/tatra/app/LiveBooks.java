package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.OrderBook;
import io.tatra.journal.BookRecord;
import io.tatra.journal.JournalWriter;
import io.tatra.live.LiveEngine;
import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A live session's order books: each symbol's local book kept from the venue's {@code orderbook.50} stream, and the
 * book <em>as it stood at each bar's close</em> — the state after the last update stamped at or before the close. The
 * stream does not wait for the bar: updates stamped after the close may arrive before the closed kline does, so when
 * the first update past a close arrives, the book before it is kept for that close. A book that lost its sequence (a
 * gap, a reconnect) is unknown until its next snapshot: a close in that time has no book, never a guessed one.
 *
 * <p>Before each bar is decided ({@link #upTo}) the book at its close is journaled ({@code books.jsonl}, copied into
 * the store by {@code tatra live}) and, when the model reads books, given to its features — as a backtest gives the
 * stored book stamped at that close. Warm-up bars take the books the store recorded for them ({@link #prime}); a venue
 * has no book history.
 */
final class LiveBooks implements LiveEngine.BarEvents, AutoCloseable {
    /** The stream's depth, and the levels a side journaled. */
    static final int DEPTH = 50;

    private final long interval;
    private final Consumer<OrderBookSnapshot> feed;
    private final Map<Symbol, Local> local = new HashMap<>();
    private final Map<Symbol, Primed> primed = new HashMap<>();
    private JournalWriter<BookRecord> journal;
    /** Appends off the decision's path, in order: a bar's order does not wait for its book's line (the snapshot is taken before). */
    private java.util.concurrent.ExecutorService writer;
    private long recorded, missing, resyncs;
    private final java.util.concurrent.atomic.AtomicLong notWritten = new java.util.concurrent.atomic.AtomicLong();
    private volatile String lastFailure;

    /** @param feed where a bar's book goes before it is decided (the model's features), or null when the model reads no books */
    LiveBooks(List<Symbol> symbols, long intervalMillis, Consumer<OrderBookSnapshot> feed) {
        this.interval = intervalMillis;
        this.feed = feed;
        for (Symbol s : symbols) local.put(s, new Local(new OrderBook(s.value())));
    }

    static String topic(Symbol s) { return "orderbook." + DEPTH + "." + s.value(); }

    /** The store's books for the warm-up bars closing up to {@code lastClose} (stamped in each bar's (open, close]). */
    synchronized void prime(Symbol s, List<OrderBookSnapshot> books, long lastClose) {
        TreeMap<Long, OrderBookSnapshot> m = new TreeMap<>();
        for (OrderBookSnapshot b : books) m.put(b.time().toEpochMilli(), b);
        primed.put(s, new Primed(m, lastClose));
    }

    /** From now on every live bar's book is appended to {@code dir/books.jsonl}. */
    synchronized void startJournal(Path dir) {
        journal = JournalWriter.open(dir.resolve(BookRecord.FILE_NAME), BookRecord.class, JournalWriter.Durability.FLUSH);
        writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tatra-books-journal");
            t.setDaemon(true);
            return t;
        });
    }

    /** One frame of a symbol's book topic; false when the book lost its sequence (the caller asks for a new snapshot). */
    synchronized boolean onFrame(Symbol s, JsonNode frame) {
        Local l = local.get(s);
        if (l == null) return true;
        long ts = frame.path("ts").asLong(Long.MIN_VALUE);
        if (l.book.synced() && l.lastTs != Long.MIN_VALUE && ts > ceil(l.lastTs)) {
            long from = ceil(l.lastTs), to = Math.floorDiv(ts - 1, interval) * interval; // the closes this state spanned
            OrderBookSnapshot b = snapshot(s, l.book, to);
            if (b != null) {
                l.kept.put(to, new Kept(from, b));
                while (l.kept.size() > 8) l.kept.pollFirstEntry();
            }
        }
        OrderBook.Result r = l.book.apply(frame);
        if (r == OrderBook.Result.RESYNC) {
            resyncs++;
            return false;
        }
        if (r == OrderBook.Result.APPLIED) l.lastTs = ts;
        return true;
    }

    /** After a reconnect: every book unknown until the resubscription's snapshot. */
    synchronized void reset() {
        for (Map.Entry<Symbol, Local> e : local.entrySet()) e.setValue(new Local(new OrderBook(e.getKey().value())));
    }

    /** One symbol's book unknown until its next snapshot (a frame that did not parse). */
    synchronized void reset(Symbol s) {
        if (local.containsKey(s)) local.put(s, new Local(new OrderBook(s.value())));
    }

    /** The book as it stood at {@code close}, stamped at the close; null when unknown. */
    synchronized OrderBookSnapshot at(Symbol s, long close) {
        Local l = local.get(s);
        if (l == null) return null;
        Map.Entry<Long, Kept> k = l.kept.ceilingEntry(close);
        if (k != null && k.getValue().from <= close) return restamp(k.getValue().book, close);
        if (!l.book.synced() || l.lastTs == Long.MIN_VALUE || l.lastTs > close) return null;
        return snapshot(s, l.book, close);
    }

    @Override
    public void upTo(Symbol s, long open, long close) {
        OrderBookSnapshot b;
        boolean live;
        synchronized (this) {
            Primed p = primed.get(s);
            live = p == null || close > p.lastClose;
            b = live ? at(s, close) : p.at(open, close);
            if (b == null) missing++;
            else if (live && journal != null) {
                JournalWriter<BookRecord> j = journal;
                OrderBookSnapshot book = b;
                writer.execute(() -> {
                    try {
                        j.append(BookRecord.of(book, DEPTH));
                    } catch (RuntimeException e) { // a full disk: counted and said at the end, the session trades on
                        notWritten.incrementAndGet();
                        lastFailure = e.getMessage();
                    }
                });
                recorded++;
            }
        }
        if (b != null && feed != null) feed.accept(b);
    }

    /** Books journaled, bars without a known book, books that lost their sequence, books whose line could not be written. */
    synchronized long[] counts() { return new long[]{recorded, missing, resyncs, notWritten.get()}; }

    /** Why the last book line could not be written (null: none failed). */
    String lastFailure() { return lastFailure; }

    /** Writes what is queued and closes the journal. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) throw new IllegalStateException("the book journal did not finish writing in 30 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        if (journal != null) journal.close();
        journal = null;
    }

    private long ceil(long t) { return Math.floorDiv(t + interval - 1, interval) * interval; }

    private static OrderBookSnapshot restamp(OrderBookSnapshot b, long close) {
        return b.time().toEpochMilli() == close ? b : new OrderBookSnapshot(b.symbol(), java.time.Instant.ofEpochMilli(close), b.bids(), b.asks());
    }

    private static OrderBookSnapshot snapshot(Symbol s, OrderBook book, long time) {
        List<BookLevel> bids = levels(book.bids()), asks = levels(book.asks());
        if (bids.isEmpty() && asks.isEmpty()) return null;
        try {
            return new OrderBookSnapshot(s, java.time.Instant.ofEpochMilli(time), bids, asks);
        } catch (IllegalArgumentException crossed) { // a crossed local book is not a book to decide on
            return null;
        }
    }

    private static List<BookLevel> levels(NavigableMap<BigDecimal, BigDecimal> side) {
        List<BookLevel> out = new ArrayList<>(Math.min(DEPTH, side.size()));
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            if (out.size() == DEPTH) break;
            out.add(new BookLevel(e.getKey().doubleValue(), e.getValue().doubleValue()));
        }
        return out;
    }

    /** One symbol's local book, the time of its last update, and the books kept for closes passed since. */
    private static final class Local {
        final OrderBook book;
        final TreeMap<Long, Kept> kept = new TreeMap<>(); // by the last close the state spanned
        long lastTs = Long.MIN_VALUE;

        Local(OrderBook book) { this.book = book; }
    }

    /** A book that stood from close {@code from} to the close it is keyed by. */
    private record Kept(long from, OrderBookSnapshot book) {}

    /** The store's books of a symbol's warm-up. */
    private record Primed(TreeMap<Long, OrderBookSnapshot> books, long lastClose) {
        OrderBookSnapshot at(long open, long close) {
            Map.Entry<Long, OrderBookSnapshot> e = books.floorEntry(close);
            return e != null && e.getKey() > open ? e.getValue() : null;
        }
    }
}
