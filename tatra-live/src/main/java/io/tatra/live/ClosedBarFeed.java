package io.tatra.live;

import io.tatra.bybit.protocol.Kline;
import io.tatra.market.Interval;

import java.util.List;
import java.util.function.Consumer;

/**
 * Closed bars of one symbol, each exactly once and in order, from a stream that may duplicate, reorder or drop them:
 * a bar at or before the last one delivered is a repeat and ignored; a bar past a hole makes the feed fetch the missing
 * bars from the venue's history (REST) first, so nothing is skipped silently. Bars the venue itself does not have
 * are counted as venue gaps. A forming bar never gets here: only bars the venue marked closed.
 */
public final class ClosedBarFeed {
    /** The venue's kline history (REST), bars with start time in [start, end], oldest first. */
    @FunctionalInterface
    public interface History {
        List<Kline> klines(String symbol, Interval interval, long start, long end);
    }

    private final String symbol;
    private final Interval interval;
    private final History history;
    private final Consumer<Kline> sink;
    private long last;
    private long delivered, repeats, backfilled, venueGaps;

    /** @param lastDelivered the start time of the last bar already known (from the store), or −1 for none */
    public ClosedBarFeed(String symbol, Interval interval, long lastDelivered, History history, Consumer<Kline> sink) {
        this.symbol = symbol;
        this.interval = interval;
        this.last = lastDelivered;
        this.history = history;
        this.sink = sink;
    }

    /** One closed bar from the stream; returns how many bars went out (0 for a repeat, more after a backfill). */
    public synchronized int onClosed(Kline k) {
        long step = interval.millis();
        if (Math.floorMod(k.startTime(), step) != 0) throw new IllegalArgumentException(symbol + ": a " + interval.code() + " bar starting off the grid at " + k.startTime());
        if (last >= 0 && k.startTime() <= last) {
            repeats++;
            return 0;
        }
        int out = 0;
        if (last >= 0 && k.startTime() > last + step) {
            long from = last + step, to = k.startTime() - step;
            long expected = (to - from) / step + 1, got = 0;
            for (Kline missing : history.klines(symbol, interval, from, to)) {
                if (missing.startTime() <= last || missing.startTime() > to) continue;
                emit(missing);
                got++;
                out++;
            }
            backfilled += got;
            venueGaps += expected - got;
        }
        emit(k);
        return out + 1;
    }

    private void emit(Kline k) {
        last = k.startTime();
        delivered++;
        sink.accept(k);
    }

    public synchronized long lastDelivered() { return last; }

    public synchronized long delivered() { return delivered; }

    public synchronized long repeats() { return repeats; }

    public synchronized long backfilled() { return backfilled; }

    /** Bars the venue did not have when asked (holes in its own history). */
    public synchronized long venueGaps() { return venueGaps; }
}
