package io.tatra.exchange;

import io.tatra.features.MarketFrame;
import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order books a replay serves. A symbol with recorded books shows exactly those: from each close on, the latest book
 * stored at or before it, level for level (numbers written so they parse back to the stored values), stamped with its
 * own time — so a live session records it again with the age it had, and its features take or leave it as a backtest's
 * do; before the first stored book, an empty book (none known, as the backtest has none). A symbol without recorded
 * books shows the bar-built {@link BookModel}, stamped at each close.
 */
final class StoredBooks {
    private StoredBooks() {}

    /** Whether the replay has recorded books for this symbol (then it shows only those). */
    static boolean has(MarketFrame f) { return !f.books().isEmpty(); }

    /** The latest stored book at or before bar {@code known}'s close, or null (none yet, or no bar closed yet). */
    static OrderBookSnapshot at(MarketFrame f, int known) {
        List<OrderBookSnapshot> books = f.books();
        if (known < 0 || books.isEmpty()) return null;
        long close = f.bars().openTimeMillis(known) + f.bars().interval().millis();
        int lo = 0, hi = books.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (books.get(mid).time().toEpochMilli() <= close) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 ? books.get(found) : null;
    }

    /** The time a book shown after bar {@code known} carries: a stored book's own, else the close (the model's book changes then). */
    static long stamp(MarketFrame f, int known) {
        OrderBookSnapshot b = at(f, known);
        return b != null ? b.time().toEpochMilli() : f.bars().openTimeMillis(known) + f.bars().interval().millis();
    }

    /** Bids and asks of the top {@code depth} levels as text, best first; none for a null book. */
    @SuppressWarnings("unchecked")
    static Map<String, String>[] levels(OrderBookSnapshot b, int depth) {
        Map<String, String>[] out = new Map[]{new LinkedHashMap<>(), new LinkedHashMap<>()};
        if (b == null) return out;
        for (int side = 0; side < 2; side++) {
            List<BookLevel> l = side == 0 ? b.bids() : b.asks();
            for (int k = 0; k < Math.min(depth, l.size()); k++) out[side].put(text(l.get(k).price()), text(l.get(k).size()));
        }
        return out;
    }

    /** The shortest decimal that parses back to {@code x} (never an exponent). */
    static String text(double x) { return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString(); }
}
