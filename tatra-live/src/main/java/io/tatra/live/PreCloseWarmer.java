package io.tatra.live;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps the decision path warm for the next closed bar. A forecast that follows an idle stretch of a few milliseconds
 * or more runs slower: the cores' caches hold other work by then (measured on 2 shared cores: one window through the
 * default unified model p50 2.4–2.7 ms after 100 ms asleep, 1.5–1.7 ms right after another forecast). A real venue's
 * bars come an hour apart, so every bar would pay that. This thread runs throw-away passes ({@code pass}: a forecast
 * and fusion on a copy of a window, which change no decision) back to back from shortly before the next bar is
 * expected ({@link CloseClock}) until it arrives, then sleeps until the next one: a lead of 5 % of the gap between
 * closes, at least 2 ms and at most 2 s, on either side of the expected arrival. Bars closer together than
 * {@link #MIN_GAP_NANOS} leave this thread idle (no gap to warm in). The pass runs beside the
 * engine's own forecast when a bar arrives mid-pass, so it must be thread-safe.
 *
 * <p>A replay that moves the market clock itself (a lock-step {@code tatra paper}) calls {@link #beforeClose} instead,
 * before each close: one pass on its own thread while the clock stands still, where a live bar would have left an hour.
 * Without it, a bar that follows one with an order (its REST calls and private-stream frames evict the model's weights
 * from the caches) ran 0.5 ms slower at p50 than other bars (2.10 against 1.60 ms, 12,754 bars); with it, 0.2 ms.
 */
public final class PreCloseWarmer implements AutoCloseable {
    /** Closes closer together than this need no warming. */
    public static final long MIN_GAP_NANOS = 50_000_000L;
    private static final long MIN_LEAD = 2_000_000L, MAX_LEAD = 2_000_000_000L, NAP = 20_000_000L;

    /** Passes run; bars that arrived while the passes ran; windows that ended without their bar. */
    public record Stats(long passes, long warmArrivals, long missedWindows) {}

    private final CloseClock clock;
    private final Runnable pass;
    private final LongSupplier nanos;
    private final Consumer<String> log;
    private final AtomicLong passes = new AtomicLong(), warm = new AtomicLong(), missed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed, failed;

    /** Starts the thread; {@code log} hears why it stopped, if a pass failed. */
    public PreCloseWarmer(CloseClock clock, Runnable pass, LongSupplier nanos, Consumer<String> log) {
        if (clock == null || pass == null || nanos == null || log == null) throw new IllegalArgumentException("clock, pass, nanos and log are required");
        this.clock = clock;
        this.pass = pass;
        this.nanos = nanos;
        this.log = log;
        thread = new Thread(this::run, "tatra-pre-close-warm");
        thread.setDaemon(true);
        thread.start();
    }

    /** How far before (and after) the expected arrival the passes run, for a gap between closes. */
    public static long leadNanos(long gapNanos) { return Math.max(MIN_LEAD, Math.min(MAX_LEAD, gapNanos / 20)); }

    public Stats stats() { return new Stats(passes.get(), warm.get(), missed.get()); }

    private void run() {
        long lastWindow = Long.MIN_VALUE;
        try {
            while (!closed) {
                long gap = clock.gapNanos();
                if (gap < MIN_GAP_NANOS) {
                    LockSupport.parkNanos(NAP);
                    continue;
                }
                long seen = clock.arrivals(), expected = clock.expectedNanos(), lead = leadNanos(gap), now = nanos.getAsLong();
                if (now < expected - lead) {
                    LockSupport.parkNanos(Math.min(expected - lead - now, NAP));
                    continue;
                }
                if (now >= expected + lead || expected == lastWindow) { // this window is over: wait for its bar
                    LockSupport.parkNanos(Math.min(lead, NAP));
                    continue;
                }
                lastWindow = expected;
                while (!closed && clock.arrivals() == seen && nanos.getAsLong() < expected + lead) {
                    pass.run();
                    passes.incrementAndGet();
                }
                (clock.arrivals() != seen ? warm : missed).incrementAndGet();
            }
        } catch (RuntimeException e) {
            log.accept("pre-close warming stopped: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * One pass now, on the caller's thread, counted with the thread's (and as a warm arrival: the caller moves the clock
     * next); nothing after a pass failed (told to the log once) or after {@link #close}.
     */
    public void beforeClose() {
        if (closed || failed) return;
        try {
            pass.run();
            passes.incrementAndGet();
            warm.incrementAndGet();
        } catch (RuntimeException e) {
            failed = true;
            log.accept("pre-close warming stopped: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * A reference for a run's latency, measured in the same process: {@code n} passes back to back on the caller's
     * thread, each timed (count, p50, p99, p99.9, max in ms, as {@link LatencyRecorder#snapshot}'s stages); not counted
     * as warming. A pass is the decision's compute alone — the forecast and fusion of one window — so a bar's latency
     * beside it shows what the rest of the path and the machine's hour add.
     */
    public java.util.Map<String, Double> reference(int n) {
        if (n < 1) throw new IllegalArgumentException("passes must be >= 1, got " + n);
        org.HdrHistogram.Histogram h = LatencyRecorder.histogram();
        for (int i = 0; i < n; i++) {
            long t0 = nanos.getAsLong();
            pass.run();
            LatencyRecorder.record(h, nanos.getAsLong() - t0);
        }
        return LatencyRecorder.summary(h);
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
