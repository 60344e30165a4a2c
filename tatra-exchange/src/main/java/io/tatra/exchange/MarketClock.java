package io.tatra.exchange;

/**
 * Market time of the paper exchange, in epoch milliseconds. {@link #replay} walks through stored history at a chosen
 * speed; {@link Manual} is moved by hand (tests, a deterministic demo).
 */
public interface MarketClock {
    /** The market's current time. */
    long now();

    /**
     * Market time {@code start + (wall − wallStart) × speed}: at speed 3600 one hour of market passes per second.
     * The wall clock is read through {@code wall} so that tests can drive it.
     */
    static MarketClock replay(long start, double speed, java.util.function.LongSupplier wall) {
        if (!(speed > 0) || !Double.isFinite(speed)) throw new IllegalArgumentException("replay speed must be > 0, got " + speed);
        long wallStart = wall.getAsLong();
        return () -> start + (long) ((wall.getAsLong() - wallStart) * speed);
    }

    /** A clock that moves only when told to, and never backwards. */
    final class Manual implements MarketClock {
        private volatile long now;

        public Manual(long start) { this.now = start; }

        @Override
        public long now() { return now; }

        public synchronized void set(long t) {
            if (t < now) throw new IllegalArgumentException("market time cannot go back: " + t + " < " + now);
            now = t;
        }

        public void advance(long millis) { set(now + millis); }
    }
}
