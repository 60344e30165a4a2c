package io.tatra.baseline;

/**
 * HAR-RV (Corsi 2009) in logs: the log of the forward realized variance regressed on the log mean squared
 * one-bar return over a short, a medium and a long trailing window (1 bar, a day, a week at 1h bars).
 * The variance forecast adds half the residual variance back ({@code exp(μ + s²/2)}, the log-normal mean).
 */
public record HarRv(int[] windows, double[] coefficients, double residualVariance) {
    public HarRv {
        if (windows.length == 0 || coefficients.length != windows.length + 1)
            throw new IllegalArgumentException("HAR-RV: " + windows.length + " windows need " + (windows.length + 1) + " coefficients");
    }

    /** Trailing windows in bars: 1, a day (at least 5 bars) and a week (at least 22 bars). */
    public static int[] windows(long barMillis) {
        int day = (int) Math.max(1, 86_400_000L / barMillis);
        return new int[]{1, Math.max(5, day), Math.max(22, 7 * day)};
    }

    /** The longest window: rows before it have no regressors. */
    public static int longest(int[] windows) {
        int m = 0;
        for (int w : windows) m = Math.max(m, w);
        return m;
    }

    /**
     * Regressors at row {@code row} (1, then log mean r² over each window ending at {@code row}) from
     * {@code cumSq}, the prefix sums of squared one-bar log returns ({@code cumSq[i]} = Σ r² of rows 1..i).
     */
    public static double[] regressors(double[] cumSq, int row, int[] windows) {
        if (row < longest(windows)) throw new IllegalArgumentException("row " + row + " has fewer than " + longest(windows) + " bars of history");
        double[] x = new double[windows.length + 1];
        x[0] = 1;
        for (int k = 0; k < windows.length; k++) x[k + 1] = Math.log(Math.max((cumSq[row] - cumSq[row - windows[k]]) / windows[k], 1e-14));
        return x;
    }

    /** Prefix sums of squared log returns of closes: {@code out[0] = 0}, {@code out[i] = out[i−1] + ln(c[i]/c[i−1])²}. */
    public static double[] cumulativeSquares(double[] close) {
        double[] out = new double[close.length];
        for (int i = 1; i < close.length; i++) {
            double r = Math.log(close[i] / close[i - 1]);
            out[i] = out[i - 1] + r * r;
        }
        return out;
    }

    /** Fits on regressor rows and forward realized variances (floored at 1e-14 before the log). */
    public static HarRv fit(int[] windows, double[][] x, double[] forwardVariance) {
        if (x.length < 10 * x[0].length) throw new IllegalArgumentException("HAR-RV needs at least " + 10 * x[0].length + " rows, got " + x.length);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.log(Math.max(forwardVariance[i], 1e-14));
        double[] b = Ols.fit(x, y, 1e-8);
        double ss = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - dot(b, x[i]);
            ss += e * e;
        }
        return new HarRv(windows.clone(), b, ss / (y.length - b.length));
    }

    /** The forecast variance of the forward window. */
    public double forecastVariance(double[] x) { return Math.exp(dot(coefficients, x) + residualVariance / 2); }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
