package io.tatra.live;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The venue reads a closed bar makes when the {@link AccountView} cannot vouch for the account — positions (a stop may
 * have filled since the last read) and the account's equity — started when the bar arrives and run in parallel with the
 * events and the model; the engine waits for them only where it uses them. A read's failure is thrown where its value
 * is used, as the venue's own exception. Used by one thread at a time.
 */
final class VenueReads implements AutoCloseable {
    /** One read: signed positions by symbol and the account's equity and wallet balance. */
    record Reading(Map<String, BigDecimal> positions, VenueAccount.Balance balance) {}

    private final LiveEngine.Venue venue;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "live-venue-read");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Map<String, BigDecimal>> positions;
    private CompletableFuture<VenueAccount.Balance> balance;

    VenueReads(LiveEngine.Venue venue) { this.venue = venue; }

    /** Starts this bar's reads of positions and of equity with the wallet balance. */
    void start() {
        positions = CompletableFuture.supplyAsync(venue::positions, pool);
        balance = CompletableFuture.supplyAsync(venue::balance, pool);
    }

    /** Whether a read was started and not taken yet. */
    boolean pending() { return positions != null; }

    /** Whether the pending read's answers are both in (taking it will not wait). */
    boolean done() { return positions != null && positions.isDone() && balance.isDone(); }

    /** The read started for this bar, once it is in; null when none is pending. */
    Reading take() {
        var p = positions;
        var e = balance;
        if (p == null) return null;
        positions = null;
        balance = null;
        return new Reading(join(p), join(e));
    }

    /** Forgets a pending read (the bar failed). */
    void drop() {
        positions = null;
        balance = null;
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
