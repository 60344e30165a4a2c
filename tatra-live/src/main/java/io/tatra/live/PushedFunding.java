package io.tatra.live;

import io.tatra.market.FundingRate;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Funding settlements as the venue's ticker stream announces them, so that a bar closing on a settlement needs no REST
 * read: a linear ticker carries the funding rate that settles at {@code nextFundingTime} (fields left out of a delta
 * are unchanged). A settlement at T is taken from the stream only when a ticker frame stamped in
 * [T − {@code maxAge}, T] carried its funding fields — the rate as it stood at the settlement (a frame silent on
 * funding vouches for nothing: a rate merged from an older frame may be stale); otherwise (a lost or late
 * frame, a reconnect, a quiet symbol) {@link #fundingSince} answers null and {@link RateFeed} reads the venue's REST
 * history as before. Thread-safe: the stream's thread pushes, the engine's reads.
 */
public final class PushedFunding {
    private final long maxAge;
    private final Map<Symbol, Slot> slots = new HashMap<>();
    private long used, notCurrent;

    /** @param maxAgeMillis how long before a settlement the last frame announcing it may be stamped */
    public PushedFunding(long maxAgeMillis) {
        if (maxAgeMillis < 1 || maxAgeMillis > 60_000) throw new IllegalArgumentException("maxAgeMillis must be 1..60000, got " + maxAgeMillis);
        this.maxAge = maxAgeMillis;
    }

    /** A ticker frame of {@code symbol} stamped {@code ts}: its funding rate (NaN: not carried) and next funding time (0: not carried). */
    public synchronized void onTicker(Symbol symbol, long ts, double fundingRate, long nextFundingTime) {
        if (!Double.isNaN(fundingRate) && !Double.isFinite(fundingRate)) throw new IllegalArgumentException(symbol + ": funding rate " + fundingRate);
        Slot s = slots.computeIfAbsent(symbol, k -> new Slot());
        if (Double.isNaN(fundingRate) && nextFundingTime <= 0) return; // silent on funding: it vouches for nothing
        if (!Double.isNaN(fundingRate)) s.rate = fundingRate;
        if (nextFundingTime > 0) s.next = nextFundingTime;
        if (s.next > 0 && !Double.isNaN(s.rate) && ts <= s.next) { // a frame after the settlement no longer speaks for it
            s.announced.put(s.next, new double[] {s.rate, ts});
            while (s.announced.size() > 4) s.announced.pollFirstEntry();
        }
    }

    /** The stream reconnected: what was announced before counts no more. */
    public synchronized void reset() { slots.clear(); }

    /**
     * The settlements of {@code symbol} in ({@code after}, {@code close}] as announced just before them, or null when
     * the stream cannot vouch for one (the REST history is asked instead); empty when it knows of none in that span.
     */
    public synchronized List<FundingRate> fundingSince(Symbol symbol, long after, long close) {
        Slot s = slots.get(symbol);
        if (s == null || s.announced.isEmpty()) {
            notCurrent++;
            return null;
        }
        var due = s.announced.subMap(after, false, close, true);
        if (due.isEmpty() || due.size() != 1) { // none announced here (or more than one): let REST say what settled
            notCurrent++;
            return null;
        }
        var e = due.firstEntry();
        if (e.getValue()[1] < e.getKey() - maxAge) {
            notCurrent++;
            return null;
        }
        used++;
        return List.of(new FundingRate(symbol, Instant.ofEpochMilli(e.getKey()), e.getValue()[0]));
    }

    /** Settlements taken from the stream, and settlement reads left to REST. */
    public synchronized long[] counts() { return new long[] {used, notCurrent}; }

    private static final class Slot {
        double rate = Double.NaN;
        long next;
        final TreeMap<Long, double[]> announced = new TreeMap<>();
    }
}
