package io.tatra.live;

import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Funding settlements and open interest for a strategy's features, fed exactly as the backtest feeds them: before a
 * bar is decided, every event stamped at or before its close, in time order, each once. They come from the venue's
 * own history (REST), the source the store was filled from, so live features equal backtest features. Open interest is
 * asked for at every bar; funding only once a settlement is due (the last one plus the funding interval), so an hourly
 * strategy on 8-hour funding asks once in eight bars. With {@link #withPushed} a live bar takes open interest and funding
 * settlements from the venue's ticker stream when that can vouch for them, and asks REST only when it cannot.
 */
public final class RateFeed implements LiveEngine.BarEvents {
    /** The venue's history: events with time in [from, to], any order. */
    public interface Source {
        List<FundingRate> funding(Symbol symbol, long from, long to);

        List<OpenInterest> openInterest(Symbol symbol, long from, long to);
    }

    /** Open interest and funding settlements the venue pushes (its ticker stream), used instead of a REST read when current. */
    public interface Pushed {
        /**
         * The open interest pushed for {@code symbol} since the last value delivered, stamped at {@code close} (empty:
         * unchanged), or null when the push is not known to be current at this bar (the REST history is asked instead).
         */
        List<OpenInterest> since(Symbol symbol, long close);

        /** The funding settlements in ({@code after}, {@code close}] the venue pushed, or null when it cannot vouch for them (REST is asked). */
        default List<FundingRate> fundingSince(Symbol symbol, long after, long close) { return null; }
    }

    /** Where the events go (a model strategy's feature streams). */
    public interface Sink {
        void funding(FundingRate f);

        void openInterest(OpenInterest o);
    }

    private final Source source;
    private final Sink sink;
    private final long fundingInterval;
    private final Map<Symbol, Slot> slots = new HashMap<>();
    private long fundingCalls, openInterestCalls;
    private Pushed pushed;

    /** @param fundingIntervalMillis the venue's funding interval; a settlement is asked for only when one is due */
    public RateFeed(Source source, Sink sink, long fundingIntervalMillis) {
        if (fundingIntervalMillis < 60_000) throw new IllegalArgumentException("funding interval must be at least a minute");
        this.source = source;
        this.sink = sink;
        this.fundingInterval = fundingIntervalMillis;
    }

    /** Takes open interest and funding from the venue's push when current at a bar (live bars only; warm-up reads history); returns this feed. */
    public RateFeed withPushed(Pushed p) {
        this.pushed = p;
        return this;
    }

    /**
     * Fetches the events of [{@code from}, {@code to}] in one go (a warm-up over history would otherwise ask once per
     * bar); {@link #upTo} delivers them from memory until {@code to}, then asks the venue again.
     */
    public void prime(Symbol symbol, long from, long to) {
        Slot s = slot(symbol);
        if (s.asked != Long.MIN_VALUE) throw new IllegalStateException(symbol + ": prime before the first bar");
        fundingCalls++;
        openInterestCalls++;
        s.funding.addAll(source.funding(symbol, from, to));
        s.funding.sort(Comparator.comparing(FundingRate::time));
        s.openInterest.addAll(source.openInterest(symbol, from, to));
        s.openInterest.sort(Comparator.comparing(OpenInterest::time));
        s.primedTo = to;
    }

    /**
     * Delivers the events of {@code symbol} stamped after the last delivered and at or before {@code close}; the first
     * call starts at its bar's {@code open}, as a backtest's frame starts at its first bar.
     */
    @Override
    public void upTo(Symbol symbol, long open, long close) {
        Slot s = slot(symbol);
        if (close <= s.asked) return;
        long from = s.asked == Long.MIN_VALUE ? open : s.asked + 1;
        if (close > s.primedTo) {
            if (s.lastFunding == Long.MIN_VALUE || close >= s.lastFunding + fundingInterval) {
                List<FundingRate> pf = pushed == null || s.lastFunding == Long.MIN_VALUE ? null : pushed.fundingSince(symbol, s.lastFunding, close);
                if (pf != null) {
                    s.funding.addAll(pf);
                } else {
                    fundingCalls++;
                    s.funding.addAll(source.funding(symbol, Math.max(from, s.lastFunding == Long.MIN_VALUE ? from : s.lastFunding + 1), close));
                }
                s.funding.sort(Comparator.comparing(FundingRate::time));
            }
            List<OpenInterest> p = pushed == null ? null : pushed.since(symbol, close);
            if (p != null) {
                s.openInterest.addAll(p);
            } else {
                openInterestCalls++;
                s.openInterest.addAll(source.openInterest(symbol, Math.max(from, s.lastOpenInterest == Long.MIN_VALUE ? from : s.lastOpenInterest + 1), close));
            }
            s.openInterest.sort(Comparator.comparing(OpenInterest::time));
        }
        while (!s.funding.isEmpty() && s.funding.get(0).time().toEpochMilli() <= close) {
            FundingRate r = s.funding.remove(0);
            long t = r.time().toEpochMilli();
            if (t <= s.lastFunding || t < open && s.asked == Long.MIN_VALUE) continue; // a repeat, or before the first bar
            s.lastFunding = t;
            sink.funding(r);
        }
        while (!s.openInterest.isEmpty() && s.openInterest.get(0).time().toEpochMilli() <= close) {
            OpenInterest o = s.openInterest.remove(0);
            long t = o.time().toEpochMilli();
            if (t <= s.lastOpenInterest || t < open && s.asked == Long.MIN_VALUE) continue;
            s.lastOpenInterest = t;
            sink.openInterest(o);
        }
        s.asked = close;
    }

    private Slot slot(Symbol symbol) { return slots.computeIfAbsent(symbol, k -> new Slot()); }

    /** One symbol's progress: events fetched and not yet due, the last delivered of each kind, the last close asked. */
    private static final class Slot {
        final List<FundingRate> funding = new ArrayList<>();
        final List<OpenInterest> openInterest = new ArrayList<>();
        long lastFunding = Long.MIN_VALUE, lastOpenInterest = Long.MIN_VALUE, asked = Long.MIN_VALUE, primedTo = Long.MIN_VALUE;
    }

    /** Requests made: funding, open interest. */
    public long[] calls() { return new long[] {fundingCalls, openInterestCalls}; }
}
