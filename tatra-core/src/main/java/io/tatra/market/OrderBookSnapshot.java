package io.tatra.market;

import java.time.Instant;
import java.util.List;

/**
 * An order-book snapshot: bids strictly descending, asks strictly ascending, best bid below best ask.
 */
public record OrderBookSnapshot(Symbol symbol, Instant time, List<BookLevel> bids, List<BookLevel> asks) {
    public OrderBookSnapshot {
        if (symbol == null) throw new IllegalArgumentException("order book: symbol is null");
        Checks.time(time, "order book " + symbol);
        String at = "order book " + symbol + " " + time;
        if (bids == null || asks == null) throw new IllegalArgumentException(at + ": bids and asks must not be null");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        for (int i = 1; i < bids.size(); i++) {
            if (bids.get(i).price() >= bids.get(i - 1).price()) throw new IllegalArgumentException(at + ": bids must be strictly descending, level " + i + " has " + bids.get(i).price() + " after " + bids.get(i - 1).price());
        }
        for (int i = 1; i < asks.size(); i++) {
            if (asks.get(i).price() <= asks.get(i - 1).price()) throw new IllegalArgumentException(at + ": asks must be strictly ascending, level " + i + " has " + asks.get(i).price() + " after " + asks.get(i - 1).price());
        }
        if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).price() >= asks.get(0).price()) {
            throw new IllegalArgumentException(at + ": crossed book, best bid " + bids.get(0).price() + " >= best ask " + asks.get(0).price());
        }
    }

    /** Size imbalance of the top {@code depth} levels, (bid - ask) / (bid + ask), in [-1, 1]; NaN for an empty book. */
    public double imbalance(int depth) {
        double b = 0, a = 0;
        for (int i = 0; i < Math.min(depth, bids.size()); i++) b += bids.get(i).size();
        for (int i = 0; i < Math.min(depth, asks.size()); i++) a += asks.get(i).size();
        return b + a == 0 ? Double.NaN : (b - a) / (b + a);
    }
}
