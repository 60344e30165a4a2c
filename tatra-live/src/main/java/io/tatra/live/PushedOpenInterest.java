package io.tatra.live;

import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Open interest as the venue pushes it on its ticker stream, so that a closed bar's features need no REST read on the
 * critical path. A bar may use the pushed value only when the symbol's latest ticker frame is stamped (its {@code ts})
 * no more than one ticker period (100 ms) before the bar's close and no more than {@code maxAge} after it: a bar fetched over REST after a gap or a reconnect, a ticker frame that came
 * late or not at all, a quiet symbol — all make {@link #since} answer null, and {@link RateFeed} asks the venue's REST
 * history as before. The value is delivered stamped at the bar's close: the open interest when the bar was decided,
 * where a backtest has the venue's sample at the close. Thread-safe: the stream's thread pushes, the engine's reads.
 */
public final class PushedOpenInterest implements RateFeed.Pushed {
    /** A live ticker pushes every 100 ms: a frame stamped earlier than that before the close may predate the close's change. */
    static final long TICKER_PERIOD = 100;
    private final long maxAge;
    private final Map<Symbol, Slot> slots = new HashMap<>();
    private long used, notCurrent;

    /** @param maxAgeMillis how long after a bar's close its symbol's latest ticker frame may be stamped */
    public PushedOpenInterest(long maxAgeMillis) {
        if (maxAgeMillis < 1 || maxAgeMillis > 60_000) throw new IllegalArgumentException("maxAgeMillis must be 1..60000, got " + maxAgeMillis);
        this.maxAge = maxAgeMillis;
    }

    /** A ticker frame of {@code symbol} stamped {@code ts}: its open interest, or NaN when it does not carry one (unchanged). */
    public synchronized void onTicker(Symbol symbol, long ts, double openInterest) {
        if (!Double.isNaN(openInterest) && !(openInterest >= 0 && Double.isFinite(openInterest)))
            throw new IllegalArgumentException(symbol + ": open interest " + openInterest);
        Slot s = slots.computeIfAbsent(symbol, k -> new Slot());
        s.lastTs = Math.max(s.lastTs, ts);
        if (!Double.isNaN(openInterest)) {
            s.value = openInterest;
            s.fresh = true;
        }
    }

    /** The stream reconnected: until a symbol's next frame (its snapshot), nothing pushed before counts. */
    public synchronized void reset() {
        for (Slot s : slots.values()) {
            s.value = Double.NaN;
            s.fresh = false;
            s.lastTs = Long.MIN_VALUE;
        }
    }

    @Override
    public synchronized List<OpenInterest> since(Symbol symbol, long close) {
        Slot s = slots.get(symbol);
        if (s == null || s.lastTs == Long.MIN_VALUE || s.lastTs < close - TICKER_PERIOD || s.lastTs > close + maxAge) {
            notCurrent++;
            return null;
        }
        used++;
        if (!s.fresh) return List.of(); // current and unchanged since the last value delivered
        s.fresh = false;
        return List.of(new OpenInterest(symbol, Instant.ofEpochMilli(close), s.value));
    }

    /** Bars that used the pushed value, and bars that had to ask the venue's REST history. */
    public synchronized long[] counts() { return new long[] {used, notCurrent}; }

    private static final class Slot {
        long lastTs = Long.MIN_VALUE;
        double value = Double.NaN;
        boolean fresh;
    }
}
