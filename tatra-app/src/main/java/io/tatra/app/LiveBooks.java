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
 * book <em>as it stood at each bar's close</em> — the state after the last update stamped (the matching engine's
 * {@code cts}, else the push's {@code ts}) at or before the close. The
 * stream does not wait for the bar: updates stamped after the close may arrive before the closed kline does, so when
 * the first update past a close arrives, the book before it is kept for that close. A book that lost its sequence (a
 * gap, a reconnect) is unknown until its next snapshot: a close in that time has no book, never a guessed one.
 *
 * <p>A book is stamped with the time of its last change, not with the close: a book the stream stopped updating
 * (a lost delta not yet found out by the next one) is as old as it is, and the features' age limit (5 min) leaves it
 * out, as it leaves out a stored book that old. Before each bar is decided ({@link #upTo}) the book at its close is
 * journaled ({@code books.jsonl}, copied into the store by {@code tatra live}) and, when the model reads books, given
 * to its features — as a backtest gives the latest stored book at or before that close. Warm-up bars take the books
 * the store recorded for them ({@link #prime}); a venue has no book history.
 */
final class LiveBooks implements LiveEngine.BarEvents, AutoCloseable {
    /** The stream's depth, and the levels a side journaled. */
    static final int DEPTH = 50;

    private final long interval;
    private final Consumer<OrderBookSnapshot> feed;
    private final Map<Symbol, Local> local = new HashMap<>();
    private final Map<Symbol, Primed> primed = new HashMap<>();
    private JournalWriter<BookRecord> journal;
    /**
     * Lines are appended off the decision's path, in order, by a thread that drains this queue every
     * {@value #DRAIN_MILLIS} ms: a bar neither waits for its book's line nor wakes a thread while it decides. A crash loses
     * at most the last moments of book lines (recordings; the order journal is written before each order as ever).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Captured> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private java.util.concurrent.ScheduledExecutorService writer;
    static final long DRAIN_MILLIS = 100;
    private long recorded, missing, resyncs, unchanged;
    /** Per symbol, the time of the last book given (journaled, fed): one that has not changed since is not given again. */
    private final Map<Symbol, Long> lastGiven = new HashMap<>();
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
        writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tatra-books-journal");
            t.setDaemon(true);
            return t;
        });
        JournalWriter<BookRecord> j = journal;
        writer.scheduleWithFixedDelay(() -> drain(j), DRAIN_MILLIS, DRAIN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** One frame of a symbol's book topic; false when the book lost its sequence (the caller asks for a new snapshot). */
    synchronized boolean onFrame(Symbol s, JsonNode frame) {
        Local l = local.get(s);
        if (l == null) return true;
        // the matching engine's time of the state (cts, which trades' T correlate with), else the push's (ts)
        long ts = frame.path("cts").canConvertToLong() ? frame.path("cts").asLong() : frame.path("ts").asLong(Long.MIN_VALUE);
        Captured before = null;
        long from = 0, to = 0;
        if (l.book.synced() && l.lastTs != Long.MIN_VALUE && ts > ceil(l.lastTs)) {
            from = ceil(l.lastTs);
            to = Math.floorDiv(ts - 1, interval) * interval; // the closes the state before this frame spanned
            before = Captured.of(s, l.book, l.lastTs); // the state and the time of its last change
        }
        OrderBook.Result r = l.book.apply(frame);
        if (r == OrderBook.Result.RESYNC) { // an update was lost, perhaps before those closes: the state before is no book for them
            resyncs++;
            return false;
        }
        if (before != null) {
            l.kept.put(to, new Kept(from, before));
            while (l.kept.size() > 8) l.kept.pollFirstEntry();
        }
        if (r == OrderBook.Result.APPLIED) l.lastTs = ts;
        notifyAll(); // a snapshot awaited (awaitSnapshots)
        return true;
    }

    /**
     * Waits (at most {@code millis}) until every symbol's book has its snapshot: called once after subscribing, so that the
     * first live bar — often one that closed while the session subscribed, caught up at once — finds its book rather
     * than racing the snapshot. Returns whether all arrived.
     */
    synchronized boolean awaitSnapshots(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        try {
            while (!local.values().stream().allMatch(l -> l.book.synced())) {
                long left = until - System.nanoTime();
                if (left <= 0) return false;
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** After a reconnect: every book unknown until the resubscription's snapshot. */
    synchronized void reset() {
        for (Map.Entry<Symbol, Local> e : local.entrySet()) e.setValue(new Local(new OrderBook(e.getKey().value())));
    }

    /** One symbol's book unknown until its next snapshot (a frame that did not parse). */
    synchronized void reset(Symbol s) {
        if (local.containsKey(s)) local.put(s, new Local(new OrderBook(s.value())));
    }

    /** The book as it stood at {@code close}, stamped with the time of its last change (at or before the close); null when unknown. */
    synchronized OrderBookSnapshot at(Symbol s, long close) {
        Captured c = captured(s, close);
        return c == null ? null : c.snapshot();
    }

    private Captured captured(Symbol s, long close) {
        Local l = local.get(s);
        if (l == null) return null;
        Map.Entry<Long, Kept> k = l.kept.ceilingEntry(close);
        if (k != null && k.getValue().from <= close) return k.getValue().book;
        if (!l.book.synced() || l.lastTs == Long.MIN_VALUE || l.lastTs > close) return null;
        return Captured.of(s, l.book, l.lastTs);
    }

    @Override
    public void upTo(Symbol s, long open, long close) {
        OrderBookSnapshot b = null;
        synchronized (this) {
            Primed p = primed.get(s);
            long given = lastGiven.getOrDefault(s, Long.MIN_VALUE);
            if (p != null && close <= p.lastClose) {
                b = p.at(open, close);
                if (b == null) missing++;
                else if (b.time().toEpochMilli() <= given) b = null; // given already
                else lastGiven.put(s, b.time().toEpochMilli());
            } else {
                Captured c = captured(s, close);
                if (c == null) missing++;
                else if (c.time() > given) { // a book that did not change since the last close was given then: not again
                    lastGiven.put(s, c.time());
                    if (journal != null) journal(c);
                    if (feed != null) b = c.snapshot(); // the decimals become numbers here only for a model that reads books
                } else {
                    unchanged++;
                }
            }
        }
        if (b != null && feed != null) feed.accept(b);
    }

    private void journal(Captured c) {
        queued.add(c);
        recorded++;
    }

    private void drain(JournalWriter<BookRecord> j) {
        for (Captured c; (c = queued.poll()) != null; ) {
            try {
                j.append(BookRecord.of(c.snapshot(), DEPTH));
            } catch (RuntimeException e) { // a full disk: counted and said at the end, the session trades on
                notWritten.incrementAndGet();
                lastFailure = e.getMessage();
            }
        }
    }

    /**
     * Books journaled, closes without a known book, books that lost their sequence, book lines that could not be written,
     * closes whose book had not changed since the last close (known, given once).
     */
    synchronized long[] counts() { return new long[]{recorded, missing, resyncs, notWritten.get(), unchanged}; }

    /** Why the last book line could not be written (null: none failed). */
    String lastFailure() { return lastFailure; }

    /** Writes what is queued and closes the journal. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            JournalWriter<BookRecord> j = journal;
            writer.execute(() -> drain(j)); // what is queued, before the journal closes
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

    /**
     * A book's top {@value #DEPTH} levels a side as the stream gave them (decimals; references only, so taking one at a
     * close costs little), stamped with the time of the update that made it. Empty and crossed books are not taken.
     */
    private record Captured(Symbol symbol, long time, BigDecimal[] bids, BigDecimal[] asks) {
        static Captured of(Symbol s, OrderBook book, long time) {
            BigDecimal[] bids = levels(book.bids()), asks = levels(book.asks());
            if (bids.length == 0 && asks.length == 0) return null;
            if (bids.length > 0 && asks.length > 0 && bids[0].compareTo(asks[0]) >= 0) return null; // crossed: not a book to decide on
            return new Captured(s, time, bids, asks);
        }

        private static BigDecimal[] levels(NavigableMap<BigDecimal, BigDecimal> side) {
            BigDecimal[] out = new BigDecimal[2 * Math.min(DEPTH, side.size())];
            int i = 0;
            for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
                if (i == out.length) break;
                out[i++] = e.getKey();
                out[i++] = e.getValue();
            }
            return out;
        }

        OrderBookSnapshot snapshot() { return new OrderBookSnapshot(symbol, java.time.Instant.ofEpochMilli(time), side(bids), side(asks)); }

        private static List<BookLevel> side(BigDecimal[] l) {
            List<BookLevel> out = new ArrayList<>(l.length / 2);
            for (int i = 0; i < l.length; i += 2) out.add(new BookLevel(l[i].doubleValue(), l[i + 1].doubleValue()));
            return out;
        }
    }

    /** One symbol's local book, the time of its last update, and the books kept for closes passed since. */
    private static final class Local {
        final OrderBook book;
        final TreeMap<Long, Kept> kept = new TreeMap<>(); // by the last close the state spanned
        long lastTs = Long.MIN_VALUE;

        Local(OrderBook book) { this.book = book; }
    }

    /** A book that stood from close {@code from} to the close it is keyed by. */
    private record Kept(long from, Captured book) {}

    /** The store's books of a symbol's warm-up. */
    private record Primed(TreeMap<Long, OrderBookSnapshot> books, long lastClose) {
        OrderBookSnapshot at(long open, long close) {
            Map.Entry<Long, OrderBookSnapshot> e = books.floorEntry(close);
            return e != null && e.getKey() > open ? e.getValue() : null;
        }
    }
}
