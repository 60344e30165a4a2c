package io.tatra.features.indicators;

/**
 * Exponential moving average with ta4j 0.22's seeding, so values equal ta4j's: NaN for the first {@code n}
 * inputs; at input {@code n} (0-based) or the first valid input after it, the average is seeded with that
 * input; then {@code ema += (x - ema) * alpha}. A NaN input gives NaN and re-seeds on the next valid one.
 */
public final class Ema {
    private final int n;
    private final double alpha;
    private int seen;
    private double value = Double.NaN;

    private Ema(int n, double alpha) {
        if (n < 1) throw new IllegalArgumentException("EMA period must be >= 1, got " + n);
        this.n = n;
        this.alpha = alpha;
    }

    /** Standard EMA, alpha = 2 / (n + 1). */
    public static Ema standard(int n) { return new Ema(n, 2.0 / (n + 1)); }

    /** Wilder's moving average (ta4j's MMA), alpha = 1 / n, used by RSI and ATR. */
    public static Ema wilder(int n) { return new Ema(n, 1.0 / n); }

    public double update(double x) {
        int index = seen++;
        if (index < n || Double.isNaN(x)) {
            value = Double.NaN;
            return value;
        }
        value = Double.isNaN(value) ? x : value + (x - value) * alpha;
        return value;
    }

    public double value() { return value; }
}
