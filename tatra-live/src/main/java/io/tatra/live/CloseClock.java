package io.tatra.live;

import java.util.Arrays;

/**
 * When the next closed bar should arrive, from when the last ones did: each new close time's first bar records its
 * arrival (monotonic nanos); the wall time per market millisecond is the median of the last {@link #KEPT} steps (1e6
 * against a real venue, 1e6 / speed against a replay), and the next close is expected one interval of it after the
 * last arrival. A burst of bars fetched after a gap moves the median by one step at most. Thread-safe.
 */
public final class CloseClock {
    /** Steps the median is taken over. */
    public static final int KEPT = 5;

    private final long intervalMillis;
    private final double[] nanosPerMilli = new double[KEPT];
    private int steps;
    private long lastClose = Long.MIN_VALUE, lastArrival, arrivals;

    public CloseClock(long intervalMillis) {
        if (intervalMillis <= 0) throw new IllegalArgumentException("intervalMillis must be > 0, got " + intervalMillis);
        this.intervalMillis = intervalMillis;
    }

    /** A closed bar whose close time is {@code closeMillis} arrived at {@code nanos}; later bars of the same close are ignored. */
    public synchronized void arrived(long closeMillis, long nanos) {
        if (closeMillis <= lastClose) return;
        if (lastClose != Long.MIN_VALUE && nanos > lastArrival)
            nanosPerMilli[steps++ % KEPT] = (double) (nanos - lastArrival) / (closeMillis - lastClose);
        lastClose = closeMillis;
        lastArrival = nanos;
        arrivals++;
    }

    /** New close times seen so far. */
    public synchronized long arrivals() { return arrivals; }

    /** Expected wall nanos between two closes, or -1 before two closes have arrived. */
    public synchronized long gapNanos() {
        if (steps == 0) return -1;
        double[] s = Arrays.copyOf(nanosPerMilli, Math.min(steps, KEPT));
        Arrays.sort(s);
        return Math.round(s[s.length / 2] * intervalMillis);
    }

    /** When the next close's first bar is expected (monotonic nanos), or {@code Long.MIN_VALUE} before two closes have arrived. */
    public synchronized long expectedNanos() {
        long gap = gapNanos();
        return gap < 0 ? Long.MIN_VALUE : lastArrival + gap;
    }
}
