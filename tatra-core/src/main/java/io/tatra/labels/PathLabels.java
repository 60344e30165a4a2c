package io.tatra.labels;

import io.tatra.market.BarSeries;

/**
 * Labels of the forward price path for design document 003's sequence tasks, computed at a row {@code t} from the
 * bars {@code t − range + 1 .. t} (the trailing range, known at t) and {@code t + 1 .. t + h} (the label's future, and
 * nothing after it). NaN where the future is not all there or a gap breaks the run (a row's {@code runIndex} must grow
 * by one per bar).
 *
 * <ul>
 *   <li>{@link #breakout}: 1 when a high above or a low below the trailing range appears within h bars, else 0;</li>
 *   <li>{@link #pattern}: which of four shapes the forward path takes: {@link #RANGE} (stays inside the trailing
 *       range and does not move ≥ half a horizon σ in the trailing trend's direction), {@link #BREAKOUT_UP} and
 *       {@link #BREAKOUT_DOWN} (leaves the range, first above / first below; both in one bar counts as up only when the
 *       bar closes up), {@link #CONTINUATION} (stays inside the range but ends ≥ ½ σ√h further in the direction of the
 *       trailing range's net move);</li>
 *   <li>{@link #reversal}: 1 when the regime label differs from row t's at any of the next h rows, else 0.</li>
 * </ul>
 */
public final class PathLabels {
    public static final int RANGE = 0, BREAKOUT_UP = 1, BREAKOUT_DOWN = 2, CONTINUATION = 3;
    /** Bars of the trailing range a breakout is measured against. */
    public static final int RANGE_BARS = 24;

    private PathLabels() {}

    static boolean linked(int[] runIndex, int from, int to) {
        if (from < 0 || to >= runIndex.length) return false;
        return runIndex[to] - runIndex[from] == to - from;
    }

    public static double breakout(BarSeries b, int[] runIndex, int t, int h) {
        double p = pattern(b, runIndex, t, h, Double.NaN);
        return Double.isNaN(p) ? Double.NaN : p == BREAKOUT_UP || p == BREAKOUT_DOWN ? 1 : 0;
    }

    /**
     * @param sigma the row's trailing one-bar volatility (the label set's σ); with NaN only breakouts and range are told apart
     */
    public static double pattern(BarSeries b, int[] runIndex, int t, int h, double sigma) {
        int from = t - RANGE_BARS + 1;
        if (!linked(runIndex, from, t + h)) return Double.NaN;
        double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
        for (int i = from; i <= t; i++) { hi = Math.max(hi, b.high(i)); lo = Math.min(lo, b.low(i)); }
        for (int j = t + 1; j <= t + h; j++) {
            boolean up = b.high(j) > hi, down = b.low(j) < lo;
            if (up && down) return b.close(j) >= b.open(j) ? BREAKOUT_UP : BREAKOUT_DOWN;
            if (up) return BREAKOUT_UP;
            if (down) return BREAKOUT_DOWN;
        }
        if (Double.isNaN(sigma)) return RANGE;
        double trend = Math.signum(b.close(t) - b.open(from));
        double move = Math.log(b.close(t + h) / b.close(t));
        return trend != 0 && trend * move >= 0.5 * sigma * Math.sqrt(h) ? CONTINUATION : RANGE;
    }

    public static double reversal(LabelSet l, int[] runIndex, int t, int h) {
        if (!linked(runIndex, t, t + h)) return Double.NaN;
        for (int j = t; j <= t + h; j++) if (!l.valid()[j]) return Double.NaN;
        for (int j = t + 1; j <= t + h; j++) if (l.regime()[j] != l.regime()[t]) return 1;
        return 0;
    }
}
