package io.tatra.features.indicators;

/** Pearson correlation of paired values over a rolling window; NaN when either side is (numerically) constant. */
public final class RollingCorrelation {
    private final RollingSum sx, sy, sxx, syy, sxy;

    public RollingCorrelation(int n) {
        sx = new RollingSum(n); sy = new RollingSum(n);
        sxx = new RollingSum(n); syy = new RollingSum(n); sxy = new RollingSum(n);
    }

    public double update(double x, double y) {
        sx.push(x); sy.push(y); sxx.push(x * x); syy.push(y * y); sxy.push(x * y);
        int n = sx.count();
        double vx = Moments.spread(n, sx.sum(), sxx.sum());
        double vy = Moments.spread(n, sy.sum(), syy.sum());
        if (!(vx > 0) || !(vy > 0)) return Double.NaN;
        double c = (n * sxy.sum() - sx.sum() * sy.sum()) / Math.sqrt(vx * vy);
        return Math.max(-1, Math.min(1, c));
    }
}
