package io.tatra.decision;

/**
 * The expected return of a long position over the horizon, read from the calibrated direction forecast:
 * {@code E[r] = slope · (P(up) − P(down)) · σ√h}, σ the volatility forecast per bar. The slope is fitted on the
 * validation part by least squares through the origin of the realized horizon return in forecast-volatility units,
 * {@code z = r / (σ√h)}, on {@code d = P(up) − P(down)}: it turns a model's probabilities into a return in the units
 * costs are paid in, whatever that model's scale. A slope ≤ 0, or one not clearly above 0, means the forecast did not
 * predict returns on data it was not trained on.
 *
 * @param slope   fitted z per unit of d
 * @param tStat   slope over its standard error, inflated by √h because overlapping horizon returns are correlated
 * @param samples validation windows it was fitted on
 */
public record EdgeModel(double slope, double tStat, int samples) {
    public EdgeModel {
        if (!Double.isFinite(slope) || !Double.isFinite(tStat)) throw new IllegalArgumentException("edge slope and t-statistic must be numbers, got " + slope + ", " + tStat);
        if (samples < 0) throw new IllegalArgumentException("samples must be >= 0");
    }

    /**
     * Least squares through the origin of {@code z} on {@code d}; pairs with a non-finite value are left out.
     *
     * @param horizon bars the returns span (the overlap correction)
     */
    public static EdgeModel fit(double[] d, double[] z, int horizon) {
        if (d.length != z.length) throw new IllegalArgumentException("edge fit: " + d.length + " forecasts for " + z.length + " returns");
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1 bar");
        double sdd = 0, sdz = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i]) || !Double.isFinite(z[i])) continue;
            sdd += d[i] * d[i];
            sdz += d[i] * z[i];
            n++;
        }
        if (n < 2 || sdd == 0) return new EdgeModel(0, 0, n);
        double b = sdz / sdd, rss = 0;
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i]) || !Double.isFinite(z[i])) continue;
            double e = z[i] - b * d[i];
            rss += e * e;
        }
        double se = Math.sqrt(rss / (n - 1) / sdd) * Math.sqrt(horizon);
        return new EdgeModel(b, se > 0 ? b / se : Math.signum(b) * 1e12, n); // a perfect fit: t capped at 10¹² (finite for JSON)
    }

    /** Expected log return of a long over the horizon (a short's is its negative). */
    public double expectedReturn(HeadOutputs o) { return slope * (o.pUp() - o.pDown()) * o.horizonVolatility(); }
}
