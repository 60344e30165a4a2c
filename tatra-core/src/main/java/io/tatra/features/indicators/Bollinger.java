package io.tatra.features.indicators;

/** Bollinger bands: SMA(n) +- k population standard deviations (ta4j's convention; partial windows at the start). */
public final class Bollinger {
    private final DoubleRing window;
    private final double k;
    private double middle = Double.NaN, deviation = Double.NaN;

    public Bollinger(int n, double k) {
        window = new DoubleRing(n);
        this.k = k;
    }

    public void update(double x) {
        window.push(x);
        int m = window.size();
        double[] v = window.raw();
        double s = 0;
        for (int i = 0; i < m; i++) s += v[i];
        double mean = s / m, ss = 0;
        for (int i = 0; i < m; i++) {
            double d = v[i] - mean;
            ss += d * d;
        }
        middle = mean;
        deviation = Math.sqrt(ss / m);
    }

    public double middle() { return middle; }
    public double upper() { return middle + deviation * k; }
    public double lower() { return middle - deviation * k; }
    public double deviation() { return deviation; }
}
