package io.tatra.features.indicators;

/** A fixed-capacity ring of doubles; {@link #get(int) get(0)} is the newest value. */
public final class DoubleRing {
    private final double[] values;
    private int next;
    private int size;

    public DoubleRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("ring capacity must be >= 1, got " + capacity);
        values = new double[capacity];
    }

    /** Adds a value and returns the one it pushed out, or NaN while the ring is not yet full. */
    public double push(double x) {
        double evicted = size == values.length ? values[next] : Double.NaN;
        values[next] = x;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) size++;
        return evicted;
    }

    /** The value {@code back} steps ago (0 = newest). */
    public double get(int back) {
        if (back < 0 || back >= size) throw new IndexOutOfBoundsException("ring has " + size + " values, asked for " + back + " back");
        int i = next - 1 - back;
        return values[i < 0 ? i + values.length : i];
    }

    /**
     * The backing array: its first {@link #size()} slots hold exactly the ring's values, in storage order
     * (not time order). For order-free reductions (sums, min, max, histograms) without index arithmetic.
     */
    public double[] raw() { return values; }

    /** Copies the values oldest first into {@code dst}. */
    public void copyInOrder(double[] dst) {
        if (size < values.length) {
            System.arraycopy(values, 0, dst, 0, size);
        } else {
            int tail = values.length - next;
            System.arraycopy(values, next, dst, 0, tail);
            System.arraycopy(values, 0, dst, tail, next);
        }
    }

    /** Slot of the newest value in {@link #raw()} (meaningful once a value was pushed). */
    public int newestSlot() { return next == 0 ? values.length - 1 : next - 1; }

    public int size() { return size; }
    public int capacity() { return values.length; }
    public boolean full() { return size == values.length; }
}
