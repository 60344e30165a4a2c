package io.tatra.features.indicators;

/**
 * Sum of the last {@code window} values in O(1) per update. The running sum is recomputed exactly from the
 * window once per {@code window} updates, so rounding error cannot accumulate over millions of bars.
 */
public final class RollingSum {
    private final DoubleRing ring;
    private double sum;
    private int sinceResum;

    public RollingSum(int window) { ring = new DoubleRing(window); }

    public void push(double x) {
        double out = ring.push(x);
        if (ring.full() && ++sinceResum >= ring.capacity()) {
            double s = 0;
            for (int k = ring.size() - 1; k >= 0; k--) s += ring.get(k);
            sum = s;
            sinceResum = 0;
        } else {
            sum += x;
            if (!Double.isNaN(out)) sum -= out;
        }
    }

    public double sum() { return sum; }
    public int count() { return ring.size(); }
    public boolean full() { return ring.full(); }
    public DoubleRing values() { return ring; }
}
