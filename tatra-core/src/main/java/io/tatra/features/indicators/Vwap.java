package io.tatra.features.indicators;

/** Rolling volume-weighted average of the typical price (H+L+C)/3 over n bars, as ta4j's {@code VWAPIndicator}. */
public final class Vwap {
    private final RollingSum priceVolume, volume;

    public Vwap(int n) {
        priceVolume = new RollingSum(n);
        volume = new RollingSum(n);
    }

    /** The VWAP after this bar; NaN when the window's volume is zero. */
    public double update(double high, double low, double close, double vol) {
        double tp = (high + low + close) / 3;
        priceVolume.push(tp * vol);
        volume.push(vol);
        if (volume.count() == 1) return tp;
        double v = volume.sum();
        return v > 0 ? priceVolume.sum() / v : Double.NaN;
    }
}
