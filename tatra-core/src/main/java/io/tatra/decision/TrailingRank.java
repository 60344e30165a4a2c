package io.tatra.decision;

/**
 * A value's rank among the last {@code capacity} values seen before it, causal by construction: {@link #rankThenAdd}
 * ranks against the earlier values only, then remembers the new one. The risk score of {@link SequenceReadout} over a
 * stream of windows.
 */
public final class TrailingRank {
    private final double[] ring;
    private int size, next;

    public TrailingRank(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        ring = new double[capacity];
    }

    /** {@link SequenceReadout#riskScore} of {@code x} among the values seen so far (NaN before the first), then adds {@code x}. */
    public double rankThenAdd(double x) {
        double r = SequenceReadout.riskScore(java.util.Arrays.copyOf(ring, size), x);
        ring[next] = x;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        return r;
    }

    public int size() { return size; }
}
