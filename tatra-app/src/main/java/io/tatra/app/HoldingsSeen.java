package io.tatra.app;

import io.tatra.live.LiveEngine;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The entry, stop and take profit of each held position as the latest-<em>started</em> position read reported them.
 * Reads run on several threads (a bar's read in parallel with the model, the engine's own read after an order); one
 * started earlier may answer later — a read the bar no longer waited for, started before the engine's order, answering
 * after the read that saw the order's stop. Its older holdings must not replace the newer: the account view would then
 * hold the new position without its stop, never see the bar that reaches it, and keep a position the venue had closed.
 * Seen once in a lock-step replay (a reduce-only order refused with 110017, 18 bars after the stop had filled).
 */
final class HoldingsSeen {
    private final AtomicLong started = new AtomicLong();
    private long published = Long.MIN_VALUE;
    private volatile Map<String, LiveEngine.Holding> holdings = Map.of();

    /** A ticket for a read about to be sent: reads are ordered by when they started. */
    long start() { return started.incrementAndGet(); }

    /** The holdings a read reported; kept unless a read started later has already reported. */
    synchronized void reported(long ticket, Map<String, LiveEngine.Holding> h) {
        if (ticket <= published) return;
        published = ticket;
        holdings = Map.copyOf(h);
    }

    LiveEngine.Holding of(String symbol) { return holdings.get(symbol); }
}
