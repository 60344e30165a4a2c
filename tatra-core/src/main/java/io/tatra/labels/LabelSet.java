package io.tatra.labels;

import io.tatra.market.Symbol;

/**
 * Labels of one symbol, one row per bar, aligned with its bars and feature rows. A row is {@link #valid}
 * only when every label could be computed from real bars: the last {@link LabelConfig#lookahead()} bars, rows
 * whose forward span crosses a gap and rows without σ are invalid, never guessed.
 *
 * <p>Columns: direction (0 down, 1 sideways, 2 up), forward log return over h, forward realized volatility
 * (root mean square of the h forward 1-bar log returns), regime by trend scanning (Regime ordinal: 0 bull,
 * 1 bear, 2 sideways), the true regime (synthetic data only, else -1), the triple-barrier outcome (+1 take
 * profit first, -1 stop loss first, 0 neither within h) with the bars to the hit (h when neither), the trend
 * t-value and span, and σ, the trailing volatility that scaled the thresholds.
 */
public record LabelSet(Symbol symbol, LabelConfig config, long[] openTimes, boolean[] valid, byte[] direction,
                       double[] forwardReturn, double[] forwardVolatility, byte[] regime, byte[] trueRegime,
                       byte[] barrier, short[] barrierBars, double[] trendT, short[] trendSpan, double[] sigma) {

    public int rows() { return openTimes.length; }

    public int validCount() {
        int n = 0;
        for (boolean b : valid) if (b) n++;
        return n;
    }

    /** Counts of each class of a byte label over valid rows (offset by {@code shift} so -1..1 maps to 0..2). */
    public long[] classCounts(byte[] label, int classes, int shift) {
        long[] c = new long[classes];
        for (int i = 0; i < valid.length; i++) if (valid[i] && label[i] + shift >= 0) c[label[i] + shift]++;
        return c;
    }
}
