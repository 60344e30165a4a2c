package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.FundingCsv;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import io.tatra.synth.RegimeCsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Market data for every use case: stored bars as frames with the funding rates, open interest and (where asked) order
 * books the store holds for their span, funding from a CSV folder when asked (it replaces the stored rates), a synthetic market's true regimes.
 */
public final class MarketData {
    private MarketData() {}

    /** One symbol's stored bars in [from, to) with their funding and open interest, without order books. */
    public static MarketFrame load(TatraStore store, Symbol symbol, Interval interval, Instant from, Instant to) {
        return load(store, symbol, interval, from, to, false);
    }

    /**
     * One symbol's stored bars in [from, to), with a clear error naming what the store holds when it has none; with
     * {@code books}, the order books stored for their span too (read only where they are used: features with books, the
     * paper exchange's replay).
     */
    public static MarketFrame load(TatraStore store, Symbol symbol, Interval interval, Instant from, Instant to, boolean books) {
        BarSeries s = store.candles().read(symbol, interval, from, to);
        if (s.isEmpty()) {
            List<String> have = new ArrayList<>();
            store.candles().list().forEach(i -> have.add(i.symbol() + " " + i.interval().code()));
            throw new TatraException("the store has no " + symbol + " " + interval.code() + " bars" + (from != null || to != null ? " in the range" : "")
                    + "; it holds: " + (have.isEmpty() ? "nothing (run `tatra import` or `tatra demo`)" : String.join(", ", have)));
        }
        // up to and including the last bar's close: what is stamped at a close is known at that close (live and decide read it too)
        Instant end = s.openTime(s.size() - 1).plus(interval.duration()).plusMillis(1);
        return new MarketFrame(s, store.funding().funding(symbol, s.openTime(0), end), store.openInterest().openInterest(symbol, s.openTime(0), end),
                books ? store.books().read(symbol, s.openTime(0), end) : List.of());
    }

    /** The frames of several symbols from the store at {@code home}, in the order given, without order books. */
    public static List<MarketFrame> loadAll(Path home, List<Symbol> symbols, Interval interval, Instant from, Instant to) {
        return loadAll(home, symbols, interval, from, to, false);
    }

    /** The frames of several symbols from the store at {@code home}, in the order given; with {@code books}, their order books too. */
    public static List<MarketFrame> loadAll(Path home, List<Symbol> symbols, Interval interval, Instant from, Instant to, boolean books) {
        List<MarketFrame> frames = new ArrayList<>();
        try (TatraStore store = TatraStore.openExisting(home)) {
            for (Symbol s : symbols) frames.add(load(store, s, interval, from, to, books));
        }
        return frames;
    }

    /** The frames with funding rates from {@code dir/SYMBOL_funding.csv} where such a file exists (null dir: unchanged). */
    public static List<MarketFrame> withFunding(List<MarketFrame> frames, Path dir) {
        if (dir == null) return frames;
        List<MarketFrame> out = new ArrayList<>();
        for (MarketFrame f : frames) {
            Path file = FundingCsv.file(dir, f.bars().symbol());
            out.add(Files.isRegularFile(file) ? new MarketFrame(f.bars(), FundingCsv.read(file, f.bars().symbol()), f.openInterest(), f.books()) : f);
        }
        return out;
    }

    /** The true regime of every bar of each frame, from a synthetic market's regimes.csv; empty without a file. */
    public static Map<Symbol, List<Regime>> trueRegimes(Path file, List<MarketFrame> frames) {
        if (file == null) return Map.of();
        Map<Long, Regime> byTime = RegimeCsv.read(file);
        Map<Symbol, List<Regime>> out = new HashMap<>();
        for (MarketFrame f : frames) out.put(f.bars().symbol(), RegimeCsv.align(byTime, f.bars(), file));
        return out;
    }
}
