package io.tatra.features.indicators;

/** Wilder's RSI over closes, 0..100, equal to ta4j's {@code RSIIndicator}: NaN for the first n bars. */
public final class Rsi {
    private final Ema gains;
    private final Ema losses;
    private double prev = Double.NaN;

    public Rsi(int n) {
        gains = Ema.wilder(n);
        losses = Ema.wilder(n);
    }

    public double update(double close) {
        double gain = 0, loss = 0;
        if (!Double.isNaN(prev)) {
            gain = close > prev ? close - prev : 0;
            loss = close < prev ? prev - close : 0;
        }
        prev = close;
        double g = gains.update(gain), l = losses.update(loss);
        if (Double.isNaN(g) || Double.isNaN(l)) return Double.NaN;
        if (l == 0) return g == 0 ? 0 : 100;
        return 100 - 100 / (1 + g / l);
    }
}
