package io.tatra.app;

import io.tatra.TatraException;

import java.util.concurrent.TimeUnit;

/**
 * The count of live bars a session handled, which a replay driver waits on ({@link #await}) instead of polling, so that
 * it takes no core from the engine's decision. Thread-safe: the stream's thread counts, the driver waits.
 */
final class HandledBars {
    private long count;
    private final java.util.concurrent.atomic.AtomicInteger inHand = new java.util.concurrent.atomic.AtomicInteger();

    /** Runs the handling of one bar from the stream, counted as in hand meanwhile ({@link #inHand}). */
    void handle(Runnable bar) {
        inHand.incrementAndGet();
        try {
            bar.run();
        } finally {
            inHand.decrementAndGet();
        }
    }

    /** Whether a bar from the stream is being handled now (the stream reads no further until it is). */
    boolean inHand() { return inHand.get() > 0; }

    synchronized void increment() {
        count++;
        notifyAll();
    }

    synchronized long count() { return count; }

    /** Waits until {@code target} bars were handled or {@code timeoutNanos} passed; returns whether they were. */
    synchronized boolean await(long target, long timeoutNanos) {
        long until = System.nanoTime() + timeoutNanos;
        while (count < target) {
            long left = until - System.nanoTime();
            if (left <= 0) return false;
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TatraException("interrupted while waiting for the engine");
            }
        }
        return true;
    }
}
