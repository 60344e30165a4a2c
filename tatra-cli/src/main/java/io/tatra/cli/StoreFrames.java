package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Loads stored bars for commands, with a clear error for a symbol or range the store does not hold. */
final class StoreFrames {
    private StoreFrames() {}

    static MarketFrame load(TatraStore store, Symbol symbol, Interval interval, Instant from, Instant to) {
        BarSeries s = store.candles().read(symbol, interval, from, to);
        if (s.isEmpty()) {
            List<String> have = new ArrayList<>();
            store.candles().list().forEach(i -> have.add(i.symbol() + " " + i.interval().code()));
            throw new TatraException("the store has no " + symbol + " " + interval.code() + " bars" + (from != null || to != null ? " in the range" : "")
                    + "; it holds: " + (have.isEmpty() ? "nothing (run `tatra import` or `tatra demo`)" : String.join(", ", have)));
        }
        return MarketFrame.of(s);
    }

    /** The frames of several symbols from the store at {@code home}, in the order given. */
    static List<MarketFrame> loadAll(java.nio.file.Path home, List<Symbol> symbols, Interval interval, Instant from, Instant to) {
        List<MarketFrame> frames = new ArrayList<>();
        try (TatraStore store = TatraStore.open(home)) {
            for (Symbol s : symbols) frames.add(load(store, s, interval, from, to));
        }
        return frames;
    }
}
