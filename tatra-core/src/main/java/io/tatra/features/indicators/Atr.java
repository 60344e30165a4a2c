package io.tatra.features.indicators;

/** Average true range: Wilder average of the true range, equal to ta4j's {@code ATRIndicator} (NaN for n bars). */
public final class Atr {
    private final Ema average;
    private double prevClose = Double.NaN;

    public Atr(int n) { average = Ema.wilder(n); }

    public double update(double high, double low, double close) {
        double tr = high - low;
        if (!Double.isNaN(prevClose)) tr = Math.max(tr, Math.max(Math.abs(high - prevClose), Math.abs(prevClose - low)));
        prevClose = close;
        return average.update(Math.abs(tr));
    }
}
