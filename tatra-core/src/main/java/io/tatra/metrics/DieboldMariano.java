package io.tatra.metrics;

import java.util.TreeMap;

/**
 * The Diebold–Mariano test of equal predictive accuracy for two forecasters scored on the same windows: is the mean
 * loss differential {@code d = loss(challenger) − loss(incumbent)} below zero?
 *
 * <p>Windows of several symbols at one time are not independent, so the differentials are first averaged per time
 * (one value per bar close); overlapping h-bar labels make neighbouring bars' differentials correlated up to lag
 * h − 1, so the variance of the mean is the Newey–West (Bartlett kernel) long-run variance with that lag. The
 * statistic is compared with the standard normal; the Harvey–Leybourne–Newbold small-sample factor
 * {@code sqrt((T + 1 − 2h + h(h − 1)/T) / T)} scales it (Harvey, Leybourne and Newbold 1997).
 *
 * @param bars        time points after averaging across symbols (T)
 * @param meanDiff    mean loss differential (negative: the challenger is better)
 * @param statistic   HLN-corrected DM statistic (negative: the challenger is better); NaN when the variance is 0
 * @param pValue      one-sided p-value of "the challenger is better" (small: reject equal accuracy in its favour)
 * @param lag         the Newey–West lag used
 */
public record DieboldMariano(int bars, double meanDiff, double statistic, double pValue, int lag) {
    /**
     * @param times      each window's time (bar open or close, any consistent clock), parallel to the losses
     * @param challenger per-window loss of the new forecaster
     * @param incumbent  per-window loss of the current one
     * @param horizon    label horizon in bars (h >= 1); the Newey–West lag is h − 1
     */
    public static DieboldMariano test(long[] times, double[] challenger, double[] incumbent, int horizon) {
        if (times.length != challenger.length || times.length != incumbent.length)
            throw new IllegalArgumentException("times and losses differ in length: " + times.length + ", " + challenger.length + ", " + incumbent.length);
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        TreeMap<Long, double[]> byTime = new TreeMap<>();
        for (int i = 0; i < times.length; i++) {
            double d = challenger[i] - incumbent[i];
            if (!Double.isFinite(d)) throw new IllegalArgumentException("loss differential at window " + i + " is not finite");
            double[] acc = byTime.computeIfAbsent(times[i], k -> new double[2]);
            acc[0] += d;
            acc[1]++;
        }
        int t = byTime.size();
        if (t < 2) throw new IllegalArgumentException("the test needs at least 2 time points, got " + t);
        double[] d = new double[t];
        int k = 0;
        for (double[] acc : byTime.values()) d[k++] = acc[0] / acc[1];
        double mean = 0;
        for (double v : d) mean += v;
        mean /= t;
        int lag = Math.min(horizon - 1, t - 1);
        double lrv = autocovariance(d, mean, 0);
        for (int j = 1; j <= lag; j++) lrv += 2 * (1 - j / (lag + 1.0)) * autocovariance(d, mean, j);
        if (!(lrv > 0)) return new DieboldMariano(t, mean, Double.NaN, mean < 0 ? 0 : 1, lag);
        double dm = mean / Math.sqrt(lrv / t);
        double h = horizon, hln = Math.sqrt(Math.max(0, (t + 1 - 2 * h + h * (h - 1) / t) / t));
        double stat = dm * hln;
        return new DieboldMariano(t, mean, stat, Normal.cdf(stat), lag);
    }

    private static double autocovariance(double[] d, double mean, int j) {
        double s = 0;
        for (int i = j; i < d.length; i++) s += (d[i] - mean) * (d[i - j] - mean);
        return s / d.length;
    }

    /** Is the challenger better at significance {@code alpha} (one-sided)? */
    public boolean challengerBetter(double alpha) { return meanDiff < 0 && pValue < alpha; }
}
