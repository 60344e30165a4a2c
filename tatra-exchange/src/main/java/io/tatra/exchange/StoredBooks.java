package io.tatra.exchange;

import io.tatra.features.MarketFrame;
import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order books a replay serves where the store has them: the book recorded during a closed bar (stamped in
 * (open, close]) is the book the venue shows from that close on, level for level, its numbers written so they parse back
 * to the stored values; a bar without a recorded book falls back to the {@link BookModel}. So a live session on the paper
 * exchange records the stored books again, and its book features equal a backtest's over the same store.
 */
final class StoredBooks {
    private StoredBooks() {}

    /** The book recorded during bar {@code known} of the frame, or null (none stored, or no bar closed yet). */
    static OrderBookSnapshot at(MarketFrame f, int known) {
        List<OrderBookSnapshot> books = f.books();
        if (known < 0 || books.isEmpty()) return null;
        long iv = f.bars().interval().millis(), open = f.bars().openTimeMillis(known), close = open + iv;
        int lo = 0, hi = books.size() - 1, found = -1;
        while (lo <= hi) { // the last book at or before the close
            int mid = (lo + hi) >>> 1;
            if (books.get(mid).time().toEpochMilli() <= close) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && books.get(found).time().toEpochMilli() > open ? books.get(found) : null;
    }

    /** Bids and asks of the top {@code depth} levels as text, best first. */
    @SuppressWarnings("unchecked")
    static Map<String, String>[] levels(OrderBookSnapshot b, int depth) {
        Map<String, String>[] out = new Map[]{new LinkedHashMap<>(), new LinkedHashMap<>()};
        for (int side = 0; side < 2; side++) {
            List<BookLevel> l = side == 0 ? b.bids() : b.asks();
            for (int k = 0; k < Math.min(depth, l.size()); k++) out[side].put(text(l.get(k).price()), text(l.get(k).size()));
        }
        return out;
    }

    /** The shortest decimal that parses back to {@code x} (never an exponent). */
    static String text(double x) { return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString(); }
}
