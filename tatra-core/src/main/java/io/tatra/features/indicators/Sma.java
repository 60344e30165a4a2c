package io.tatra.features.indicators;

/** Simple moving average; like ta4j, the first n-1 values average the bars seen so far. */
public final class Sma {
    private final RollingSum sum;

    public Sma(int n) { sum = new RollingSum(n); }

    public double update(double x) {
        sum.push(x);
        return sum.sum() / sum.count();
    }
}
