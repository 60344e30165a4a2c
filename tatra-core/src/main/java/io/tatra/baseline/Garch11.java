package io.tatra.baseline;

import java.util.List;

/**
 * GARCH(1,1) on one-bar log returns (zero mean): {@code h[t+1] = ω + α·r[t]² + β·h[t]}. Fitted by Gaussian
 * maximum likelihood with variance targeting (ω = v̄·(1 − α − β), v̄ the sample variance of the training
 * returns), so only α and β are searched.
 */
public record Garch11(double omega, double alpha, double beta) {
    public Garch11 {
        if (!(omega > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1))
            throw new IllegalArgumentException("GARCH(1,1) needs ω > 0, α, β ≥ 0 and α + β < 1; got ω=" + omega + " α=" + alpha + " β=" + beta);
    }

    public double unconditionalVariance() { return omega / (1 - alpha - beta); }

    /** Fits on several return sequences (e.g. one per symbol), each filtered from the sample variance. */
    public static Garch11 fit(List<double[]> sequences) {
        double sum = 0, sq = 0;
        long n = 0;
        for (double[] r : sequences) for (double v : r) { sum += v; sq += v * v; n++; }
        if (n < 100) throw new IllegalArgumentException("GARCH(1,1) needs at least 100 returns, got " + n);
        double var = sq / n - (sum / n) * (sum / n);
        if (!(var > 0)) throw new IllegalArgumentException("GARCH(1,1): the returns have no variance");
        double[] best = NelderMead.minimize(p -> negLogLikelihood(sequences, var, p[0], p[1]), new double[]{0.05, 0.9}, 0.05, 400, 1e-10);
        return new Garch11(var * (1 - best[0] - best[1]), best[0], best[1]);
    }

    static double negLogLikelihood(List<double[]> sequences, double var, double a, double b) {
        if (a < 0 || b < 0 || a + b >= 0.9999) return Double.POSITIVE_INFINITY;
        double omega = var * (1 - a - b), nll = 0;
        for (double[] r : sequences) {
            double h = var;
            for (double v : r) {
                nll += Math.log(h) + v * v / h;
                h = omega + a * v * v + b * h;
            }
        }
        return 0.5 * nll;
    }

    /**
     * Conditional variances through a return series: {@code out[t]} is the variance forecast for
     * {@code r[t+1]} made after seeing {@code r[0..t]} (so no value uses its own future).
     */
    public double[] nextVariances(double[] r) {
        double[] out = new double[r.length];
        double h = unconditionalVariance();
        for (int t = 0; t < r.length; t++) {
            h = omega + alpha * r[t] * r[t] + beta * h;
            out[t] = h;
        }
        return out;
    }

    /** Mean of the forecast variances of the next {@code horizon} returns given the next one's, {@code hNext}. */
    public double meanVariance(double hNext, int horizon) {
        double v = unconditionalVariance(), p = alpha + beta, s = 0, decay = 1;
        for (int k = 0; k < horizon; k++) {
            s += v + decay * (hNext - v);
            decay *= p;
        }
        return s / horizon;
    }
}
