package io.tatra.features.indicators;

/** Stochastic oscillator %K(n) in 0..100 (NaN for a zero range) and %D = SMA(%K, d), as ta4j computes them. */
public final class Stochastic {
    private final RollingExtreme highs, lows;
    private final Sma d;
    private double k = Double.NaN, dValue = Double.NaN;

    public Stochastic(int n, int dPeriod) {
        highs = RollingExtreme.max(n);
        lows = RollingExtreme.min(n);
        d = new Sma(dPeriod);
    }

    public void update(double high, double low, double close) {
        double hh = highs.update(high), ll = lows.update(low);
        k = hh > ll ? (close - ll) / (hh - ll) * 100 : Double.NaN;
        dValue = d.update(k);
    }

    public double k() { return k; }
    public double d() { return dValue; }
}
