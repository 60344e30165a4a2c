package io.tatra.features.indicators;

/**
 * Maximum (or minimum) of the last n values in O(1) amortized per update: a monotonic deque of the
 * candidates that can still become the extreme. Exactly the value a scan of the window would return.
 */
public final class RollingExtreme {
    private final int period;
    private final boolean max;
    private final double[] values;
    private final long[] index;
    private int head, size;
    private long count;

    private RollingExtreme(int period, boolean max) {
        if (period < 1) throw new IllegalArgumentException("period must be >= 1, got " + period);
        this.period = period;
        this.max = max;
        values = new double[period];
        index = new long[period];
    }

    public static RollingExtreme max(int period) { return new RollingExtreme(period, true); }

    public static RollingExtreme min(int period) { return new RollingExtreme(period, false); }

    /** Adds a value (not NaN) and returns the extreme of the last {@code period} values. */
    public double update(double x) {
        if (size > 0 && index[head] <= count - period) { head = (head + 1) % period; size--; }
        while (size > 0) {
            int last = (head + size - 1) % period;
            if (max ? values[last] > x : values[last] < x) break;
            size--;
        }
        int slot = (head + size) % period;
        values[slot] = x;
        index[slot] = count++;
        size++;
        return values[head];
    }

    public double value() { return size == 0 ? Double.NaN : values[head]; }
}
