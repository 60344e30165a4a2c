package io.tatra.live;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The venue reads a closed bar needs — positions (a stop may have filled since the last bar) and the account's equity
 * as of the close — started when the bar arrives and run in parallel with the events and the model; the engine waits
 * for them only where it uses them. Equity is read once per close time: every symbol closing then is sized from it.
 * A read's failure is thrown where its value is used, as the venue's own exception. Used by one thread at a time.
 */
final class VenueReads implements AutoCloseable {
    private final LiveEngine.Venue venue;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "live-venue-read");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Map<String, BigDecimal>> positions;
    private CompletableFuture<Double> equity;
    private long equityBar = Long.MIN_VALUE;
    private double equitySnapshot = Double.NaN;

    VenueReads(LiveEngine.Venue venue) { this.venue = venue; }

    /** A bar opened at {@code barOpen} arrived: start its reads (positions only when {@code readPositions}). */
    void startBar(long barOpen, boolean readPositions) {
        positions = readPositions ? CompletableFuture.supplyAsync(venue::positions, pool) : null;
        if (barOpen != equityBar) {
            equityBar = barOpen;
            equitySnapshot = Double.NaN;
            equity = CompletableFuture.supplyAsync(venue::equity, pool);
        }
    }

    /** The positions read for this bar, once (null when none is pending). */
    Map<String, BigDecimal> takePositions() {
        var p = positions;
        positions = null;
        return p == null ? null : join(p);
    }

    /** Forgets a pending positions read (the bar failed). */
    void dropPositions() { positions = null; }

    /** The equity as of the close of the bar opened at {@code barOpen}: the bar's read, or a fresh one for another bar. */
    double equityAt(long barOpen) {
        if (barOpen == equityBar && equity != null) {
            var e = equity;
            equity = null;
            equitySnapshot = join(e);
        }
        if (barOpen != equityBar || Double.isNaN(equitySnapshot)) {
            equitySnapshot = venue.equity();
            equityBar = barOpen;
        }
        return equitySnapshot;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    @Override
    public void close() { pool.shutdownNow(); }
}
