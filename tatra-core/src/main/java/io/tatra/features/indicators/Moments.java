package io.tatra.features.indicators;

/** Small numeric helpers for rolling statistics. */
public final class Moments {
    private Moments() {}

    /**
     * {@code n*sumSq - sum^2} (n^2 times the population variance), or 0 when it is within rounding of zero
     * relative to {@code n*sumSq}: a constant series must read as zero spread, not as noise.
     */
    public static double spread(int n, double sum, double sumSq) {
        double a = n * sumSq, s = a - sum * sum;
        return s <= 1e-12 * Math.abs(a) ? 0 : s;
    }

    /** Sample variance from n, sum and sum of squares (0 for a constant window, NaN for n < 2). */
    public static double sampleVariance(int n, double sum, double sumSq) {
        if (n < 2) return Double.NaN;
        return spread(n, sum, sumSq) / ((double) n * (n - 1));
    }
}
