package io.tatra.journal;

import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order-book snapshot as one JSON line ({@code books.jsonl}, a book file to import):
 * {@code {"symbol","time","bids":[[price,size],…],"asks":[[price,size],…]}}, best level first. A live session writes one
 * per symbol at each bar's close (the book as it stood at that instant); the store keeps them for the book features.
 * Checked like {@link OrderBookSnapshot} (ordered, not crossed, positive prices) and capped at {@link #MAX_LEVELS} a side.
 */
public record BookRecord(String symbol, Instant time, List<double[]> bids, List<double[]> asks) {
    /** The most levels a side a record may hold (Bybit's deepest linear stream is 500; features read 20). */
    public static final int MAX_LEVELS = 200;

    /** A live session's book journal, beside its decisions, outcomes and snapshots. */
    public static final String FILE_NAME = "books.jsonl";

    public BookRecord {
        if (symbol == null) throw new IllegalArgumentException("book: symbol is required");
        symbol = Symbol.of(symbol).value();
        if (time == null) throw new IllegalArgumentException("book " + symbol + ": time is required");
        bids = levels(bids, "bids", symbol, time);
        asks = levels(asks, "asks", symbol, time);
        if (bids.isEmpty() && asks.isEmpty()) throw new IllegalArgumentException("book " + symbol + " " + time + ": no levels on either side");
        snapshot(symbol, time, bids, asks); // order and crossing checked once, here
    }

    private static List<double[]> levels(List<double[]> in, String side, String symbol, Instant time) {
        if (in == null) return List.of();
        if (in.size() > MAX_LEVELS) throw new IllegalArgumentException("book " + symbol + " " + time + ": " + in.size() + " " + side + " levels, at most " + MAX_LEVELS);
        List<double[]> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            double[] l = in.get(i);
            if (l == null || l.length != 2) throw new IllegalArgumentException("book " + symbol + " " + time + ": " + side + " level " + i + " is not [price, size]");
            out.add(l.clone());
        }
        return List.copyOf(out);
    }

    private static OrderBookSnapshot snapshot(String symbol, Instant time, List<double[]> bids, List<double[]> asks) {
        return new OrderBookSnapshot(Symbol.of(symbol), time, toLevels(bids), toLevels(asks));
    }

    private static List<BookLevel> toLevels(List<double[]> in) {
        List<BookLevel> out = new ArrayList<>(in.size());
        for (double[] l : in) out.add(new BookLevel(l[0], l[1]));
        return out;
    }

    /** The top {@code depth} levels a side of a snapshot. */
    public static BookRecord of(OrderBookSnapshot b, int depth) {
        return new BookRecord(b.symbol().value(), b.time(), fromLevels(b.bids(), depth), fromLevels(b.asks(), depth));
    }

    private static List<double[]> fromLevels(List<BookLevel> in, int depth) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, in.size()); i++) out.add(new double[]{in.get(i).price(), in.get(i).size()});
        return out;
    }

    public OrderBookSnapshot snapshot() { return snapshot(symbol, time, bids, asks); }

    /** Same symbol, time and levels (records hold arrays, so {@code equals} compares identity). */
    public boolean sameAs(BookRecord o) {
        return symbol.equals(o.symbol) && time.equals(o.time) && same(bids, o.bids) && same(asks, o.asks);
    }

    private static boolean same(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!java.util.Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }
}
