package io.tatra.features.indicators;

/** Stochastic oscillator %K(n) in 0..100 (NaN for a zero range) and %D = SMA(%K, d), as ta4j computes them. */
public final class Stochastic {
    private final DoubleRing highs, lows;
    private final Sma d;
    private double k = Double.NaN, dValue = Double.NaN;

    public Stochastic(int n, int dPeriod) {
        highs = new DoubleRing(n);
        lows = new DoubleRing(n);
        d = new Sma(dPeriod);
    }

    public void update(double high, double low, double close) {
        highs.push(high);
        lows.push(low);
        double hh = Double.NEGATIVE_INFINITY, ll = Double.POSITIVE_INFINITY;
        double[] hs = highs.raw(), ls = lows.raw();
        for (int i = 0, n = highs.size(); i < n; i++) {
            hh = Math.max(hh, hs[i]);
            ll = Math.min(ll, ls[i]);
        }
        k = hh > ll ? (close - ll) / (hh - ll) * 100 : Double.NaN;
        dValue = d.update(k);
    }

    public double k() { return k; }
    public double d() { return dValue; }
}
